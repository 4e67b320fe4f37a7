// SPDX-License-Identifier: MIT
#include "TransferEngine.h"

#include "ArchiveStage.h"
#include "BackgroundSync.h"
#include "ConflictQueue.h"
#include "CopyFactory.h"
#include "DownloadFactory.h"
#include "Enumerator.h"
#include "FileTransfer.h"
#include "GzipEncodeTask.h"
#include "JobLeftovers.h"
#include "JobPreflight.h"
#include "JobReport.h"
#include "MirrorStage.h"
#include "PartFile.h"
#include "SourceRemover.h"
#include "UploadFactory.h"
#include "net/Requester.h"

#include <QFile>
#include <QLoggingCategory>
#include <QMetaMethod>
#include <QThreadPool>
#include <QTimer>
#include <utility>

Q_LOGGING_CATEGORY(lcEngine, "blobferry.transfer", QtWarningMsg)

namespace blobferry::transfer {

namespace {

constexpr int kProgressIntervalMs = 250;
constexpr int kPendingLowWater = 2000;
constexpr int kActivationsPerRound = 256;
// How often the journal and the part files of downloads in flight reach the disk (group
// commit): a kill or power cut costs at most this much of each transfer, not whole ranges.
constexpr int kCheckpointIntervalMs = 250;

} // namespace

TransferEngine::TransferEngine(TransferSpec spec, ConflictResolver *resolver, QObject *parent)
    : QObject(parent)
    , m_spec(std::move(spec))
    , m_conflicts(new ConflictQueue(m_spec, resolver, this))
{
    qRegisterMetaType<FileOutcome>();
    qRegisterMetaType<ProgressSnapshot>();
    qRegisterMetaType<TransferSummary>();
    qRegisterMetaType<QueuedFile>();
    qRegisterMetaType<FileProgress>();
    qRegisterMetaType<QList<QueuedFile>>();
    qRegisterMetaType<QList<FileProgress>>();
    qRegisterMetaType<QList<FileOutcome>>();
    m_spec.concurrency = std::max(1, m_spec.concurrency);
    m_onlyNames = QSet<QString>(m_spec.onlyNames.cbegin(), m_spec.onlyNames.cend());
    m_unseenNames = m_onlyNames;
    m_held = QSet<QString>(m_spec.heldNames.cbegin(), m_spec.heldNames.cend());
    JobReport::Listeners listeners;
    listeners.batches = [this] {
        static const QMetaMethod batches = QMetaMethod::fromSignal(&TransferEngine::filesFinished);
        return isSignalConnected(batches);
    };
    listeners.fileProgress = [this] {
        static const QMetaMethod files = QMetaMethod::fromSignal(&TransferEngine::fileProgress);
        return isSignalConnected(files);
    };
    m_report = new JobReport(m_spec, std::move(listeners), this);
    connect(m_report, &JobReport::fileFinished, this, &TransferEngine::fileFinished);
    connect(m_report, &JobReport::filesFinished, this, &TransferEngine::filesFinished);
    connect(m_report, &JobReport::notice, this, &TransferEngine::notice);
    connect(m_report, &JobReport::progress, this, &TransferEngine::progress);
    connect(m_report, &JobReport::fileProgress, this, &TransferEngine::fileProgress);
    // Every request of the job is made with this policy, and runs on the engine's thread.
    m_spec.retry.onRetry = [this](int nextAttempt, int delayMs, const QString &why) {
        m_report->announceRetry(nextAttempt, delayMs, why);
    };
    m_spec.retry.serviceAnswered = std::make_shared<std::atomic_bool>(false);
    if (m_onlyNames.isEmpty())
        m_patternTally = PatternTally(m_spec.patterns, !m_spec.source.isBlob());
}

TransferEngine::~TransferEngine() = default;

void TransferEngine::setOutcomeBacklog(int backlog)
{
    m_report->setBacklog(backlog);
}

void TransferEngine::acknowledgeOutcomes(int count)
{
    if (m_report->acknowledge(count))
        QMetaObject::invokeMethod(
            this, [this] { schedulePump(); }, Qt::QueuedConnection);
}

void TransferEngine::start()
{
    m_clock.start();
    if (m_spec.archive)
        m_archive = std::make_unique<ArchiveStage>(m_spec, m_report);
    if (m_spec.mirror) {
        m_mirror = new MirrorStage(m_spec, m_report, this);
        connect(m_mirror, &MirrorStage::deleted, this, &TransferEngine::extraDeleted);
        connect(m_mirror, &MirrorStage::finished, this,
                [this](const QString &fatalError) { finishJob(fatalError); });
    }
    m_progressTimer = new QTimer(this);
    m_progressTimer->setInterval(kProgressIntervalMs);
    connect(m_progressTimer, &QTimer::timeout, this, [this] { m_report->emitProgress(m_active); });
    m_progressTimer->start();

    m_preflight = new JobPreflight(m_spec, m_requester, this);
    connect(m_preflight, &JobPreflight::notice, m_report, &JobReport::say);
    connect(m_preflight, &JobPreflight::ready, this, &TransferEngine::onPrepared);
    connect(m_preflight, &JobPreflight::failed, this, [this](const QString &error) {
        endPreflight();
        finishJob(error);
    });
    m_preflight->run();
}

void TransferEngine::endPreflight()
{
    m_resources = m_preflight->take();
    m_preflight->disconnect(this);
    m_preflight->deleteLater();
    m_preflight = nullptr;
}

void TransferEngine::onPrepared()
{
    endPreflight();
    net::Requester *requester = m_resources.requester;
    // Slots freed by anyone sharing the requester may be this job's turn.
    connect(requester, &net::Requester::slotFreed, this, &TransferEngine::schedulePump);
    using Direction = JobResources::Direction;
    const Direction direction = m_resources.direction;
    if (m_spec.move && !m_spec.dryRun) {
        const azure::BlobRequests *source =
            direction == Direction::Download ? m_resources.blobs.get()
            : direction == Direction::Copy   ? m_resources.copySource.get()
                                             : nullptr;
        m_remover = new SourceRemover(
            source ? std::optional(azure::BlobService(requester, *source, m_spec.retry))
                   : std::nullopt,
            this);
        connect(m_remover, &SourceRemover::removed, this, [this](const FileOutcome &outcome) {
            m_report->record(outcome);
            schedulePump();
        });
    }
    const TransferFactory::Parts parts{&m_spec,  &m_resources, m_conflicts,
                                       m_report, m_mirror,     this};
    switch (direction) {
    case Direction::Upload:
        m_factory = std::make_unique<UploadFactory>(
            parts, [this](const SourceItem &item) { startEncoding(item); });
        break;
    case Direction::Download:
        m_factory = std::make_unique<DownloadFactory>(parts);
        break;
    case Direction::Copy:
        m_factory = std::make_unique<CopyFactory>(parts);
        break;
    }
    if (m_resources.journal) {
        // Group commit: the journal reaches the disk a few times a second, not once per record.
        m_journalTimer = new QTimer(this);
        m_journalTimer->setInterval(kCheckpointIntervalMs);
        // The fdatasync runs on BackgroundSync's thread: on this one it stalled every reply of
        // the job, 10-150 ms at a time while part files were being written.
        connect(m_journalTimer, &QTimer::timeout, this, [this] {
            m_factory->checkpoint();
            if (const int fd = m_resources.journal->handleToSync(); fd >= 0)
                BackgroundSync::sync(fd, this, [this](bool synced) { journalSynced(synced); });
        });
        m_journalTimer->start();
    }
    const QList<SourceItem> initial = m_factory->initialItems();
    for (const SourceItem &item : initial) {
        m_pending.enqueue(item);
        ++m_report->snapshot().filesSeen;
    }
    m_enumerator = m_factory->enumerator();
    startEnumeration();
}

void TransferEngine::journalSynced(bool synced)
{
    // After the finish the journal's close has synced (or removed) it itself.
    if (synced || m_finished || !m_resources.journal)
        return;
    // Linux may drop the pages a failed sync could not write, so a later sync that succeeds
    // proves nothing: the notice is what protects the user, once, as each checkpoint would
    // fail the same way while the disk stays bad.
    m_resources.journal->syncFailed();
    if (std::exchange(m_toldJournalSync, true))
        return;
    Q_EMIT notice(QStringLiteral("the journal %1 could not be made durable (fdatasync failed); "
                                 "a resume after a crash may copy again files this run "
                                 "finished. Check the disk")
                      .arg(m_resources.journal->path()));
}

void TransferEngine::cancel()
{
    m_cancelled = true;
    if (m_preflight) {
        // Preparing (the container being created): nothing was sent yet, the job ends now.
        m_preflight->cancel();
        endPreflight();
        finishJob();
        return;
    }
    if (m_mirror && m_mirror->started()) {
        // Every copy has ended: the mirror deletes nothing more (one in flight ends as it will)
        // and its end finishes the job.
        m_mirror->stop();
        return;
    }
    m_pending.clear();
    m_enumerationDone = true;
    const auto active = m_active;
    for (FileTransfer *transfer : active)
        transfer->cancel();
    schedulePump();
}

void TransferEngine::cancelFile(const QString &name)
{
    using Leftovers = FileTransfer::Leftovers;
    m_held.remove(name);
    for (auto it = m_pending.begin(); it != m_pending.end(); ++it) {
        if (it->relativeName == name) {
            const SourceItem item = *it;
            m_pending.erase(it);
            cancelWaiting(item);
            return;
        }
    }
    if (const auto it = m_paused.find(name); it != m_paused.end()) {
        const SourceItem item = *it;
        m_paused.erase(it);
        cancelWaiting(item);
        return;
    }
    for (FileTransfer *transfer : std::as_const(m_active)) {
        if (transfer->item().relativeName == name) {
            transfer->cancel({}, Leftovers::Discard);
            return;
        }
    }
}

void TransferEngine::cancelWaiting(const SourceItem &item)
{
    const QString &name = item.relativeName;
    m_report->snapshot().bytesKnown -= item.size;
    // What an earlier run (or a pause in this one) left for this file goes with it.
    if (const journal::Journal::FileState *previous =
            m_resources.journal ? m_resources.journal->previous(name) : nullptr) {
        const QString part = JobLeftovers::partPath(
            m_spec.destination.localPath + QLatin1Char('/') + name, *previous);
        if (!part.isEmpty())
            PartFile::removeOwn(part);
    }
    if (!item.encodedFrom.isEmpty()) // --gzip's temporary copy of a paused file
        QFile::remove(item.localPath);
    m_report->record({name, TransferState::Cancelled, QStringLiteral("cancelled"), 0});
    schedulePump();
}

void TransferEngine::pauseFile(const QString &name)
{
    if (m_finished || m_cancelled || m_held.contains(name))
        return;
    m_held.insert(name);
    for (auto it = m_pending.begin(); it != m_pending.end(); ++it) {
        if (it->relativeName == name) {
            const SourceItem item = *it;
            m_pending.erase(it);
            holdItem(item);
            return;
        }
    }
    for (FileTransfer *transfer : std::as_const(m_active)) {
        if (transfer->item().relativeName == name) {
            // Its end comes back through onTransferFinished, which holds it.
            transfer->cancel(QStringLiteral("paused"), FileTransfer::Leftovers::Keep);
            return;
        }
    }
    // Not listed yet, or being compressed (--gzip): held when it comes.
}

void TransferEngine::resumeFile(const QString &name)
{
    m_held.remove(name);
    const auto it = m_paused.find(name);
    if (it == m_paused.end() || m_finished)
        return;
    m_pending.prepend(*it); // the user asked for it now: next in line
    m_paused.erase(it);
    schedulePump();
}

void TransferEngine::holdItem(const SourceItem &item)
{
    m_paused.insert(item.relativeName, item);
    Q_EMIT filePaused(item.relativeName);
    schedulePump(); // it may have been the last file running: the job ends paused
}

void TransferEngine::startEnumeration()
{
    connect(m_enumerator, &Enumerator::batchReady, this, &TransferEngine::onBatch);
    connect(m_enumerator, &Enumerator::failed, this, [this](const QString &error) {
        m_fetching = false;
        m_fatalError = error;
        cancel();
    });
    m_fetching = true;
    m_enumerator->fetchMore();
}

void TransferEngine::onBatch(const QList<SourceItem> &items, bool atEnd)
{
    m_fetching = false;
    if (m_cancelled) {
        schedulePump(); // the job may have waited for this page only: it ends now
        return;
    }
    m_enumerationDone = atEnd;
    ProgressSnapshot &snapshot = m_report->snapshot();
    snapshot.enumerationDone = atEnd;
    static const QMetaMethod queuedSignal = QMetaMethod::fromSignal(&TransferEngine::filesQueued);
    const bool listing = isSignalConnected(queuedSignal);
    QList<QueuedFile> queued;
    QList<SourceItem> held;
    for (const SourceItem &item : items) {
        if (!m_onlyNames.isEmpty()) {
            if (!m_onlyNames.contains(item.relativeName))
                continue;
            m_unseenNames.remove(item.relativeName);
        }
        if (m_held.contains(item.relativeName))
            held.append(item);
        else
            m_pending.enqueue(item);
        m_patternTally.note(item.relativeName);
        ++snapshot.filesSeen;
        snapshot.bytesKnown += item.size;
        if (listing && !item.folderMarker)
            queued.append({item.relativeName, item.size});
    }
    if (!queued.isEmpty())
        Q_EMIT filesQueued(queued);
    for (const SourceItem &item : std::as_const(held))
        holdItem(item); // after filesQueued: the front end knows the file by then
    schedulePump();
}

void TransferEngine::schedulePump()
{
    if (m_pumpScheduled || m_finished)
        return;
    m_pumpScheduled = true;
    // Through the event loop: transfers finish from inside their own callbacks.
    QTimer::singleShot(0, this, [this] {
        m_pumpScheduled = false;
        pump();
    });
}

void TransferEngine::pump()
{
    // Not before the preflight; the mirror's deletions run after every transfer ended.
    if (m_finished || !m_factory || (m_mirror && m_mirror->started()))
        return;
    // Files that end at once (a dry run, skips) are deleted through the event loop: a bounded
    // round keeps thousands of them (and the engine's child list, which Qt shifts on every
    // deletion) from piling up over a whole page of the listing.
    int activated = 0;
    while (m_resources.requester->hasFreeSlot()) {
        FileTransfer *ready = nullptr;
        for (FileTransfer *transfer : std::as_const(m_active)) {
            if (transfer->hasRequestReady()) {
                ready = transfer;
                break;
            }
        }
        if (ready) {
            ++m_inFlight;
            ready->startNextRequest();
        } else if (activated++ == kActivationsPerRound) {
            schedulePump();
            break;
        } else if (m_report->backlogged() || !activateNext()) {
            break;
        }
    }
    if (!m_enumerationDone && !m_fetching && m_pending.size() < kPendingLowWater) {
        m_fetching = true;
        m_enumerator->fetchMore();
    }
    if (m_enumerationDone && !m_fetching && m_pending.isEmpty() && m_active.isEmpty() &&
        m_inFlight == 0 && m_encoding == 0 && (!m_remover || m_remover->idle()))
        finishOrMirror(m_fatalError);
}

bool TransferEngine::activateNext()
{
    // Twice the slots: while some files wait for an answer or their last block, others send.
    // The requester's: a shared one's budget may change while the job runs.
    if (m_pending.isEmpty() ||
        m_active.size() + m_encoding >= 2 * m_resources.requester->concurrency())
        return false;
    const SourceItem item = m_pending.dequeue();
    if (m_held.contains(item.relativeName)) { // paused while it was being compressed
        holdItem(item);
        return true;
    }
    FileTransfer *transfer = makeTransfer(item);
    if (!transfer)
        return true;
    m_active.append(transfer);
    Q_EMIT fileStarted(item.relativeName);
    connect(transfer, &FileTransfer::finished, this,
            [this, transfer] { onTransferFinished(transfer); });
    connect(transfer, &FileTransfer::requestFinished, this, [this, transfer] {
        --m_inFlight;
        releaseIfIdle(transfer);
        schedulePump();
    });
    connect(transfer, &FileTransfer::notice, m_report, &JobReport::say);
    connect(transfer, &FileTransfer::requestReady, this, &TransferEngine::schedulePump);
    transfer->begin();
    return true;
}

FileTransfer *TransferEngine::makeTransfer(const SourceItem &item)
{
    if (!item.skipReason.isEmpty()) { // a link or special file
        m_factory->notCopied(item);
        return nullptr;
    }
    if (m_archive && m_archive->unchanged(item))
        return nullptr;
    // A mirror must see every source name to know what to keep, so it re-checks them all.
    if (!m_spec.mirror && m_factory->doneInEarlierRun(item)) {
        m_report->record({item.relativeName, TransferState::Skipped,
                          QStringLiteral("transferred by the interrupted run"), 0});
        return nullptr;
    }
    return m_factory->make(item);
}

void TransferEngine::startEncoding(const SourceItem &item)
{
    ++m_encoding;
    auto *task = new GzipEncodeTask(item);
    connect(task, &GzipEncodeTask::encoded, this,
            [this](const SourceItem &encoded, const QString &error) {
                --m_encoding;
                if (m_cancelled || m_finished) {
                    if (!encoded.encodedFrom.isEmpty())
                        QFile::remove(encoded.localPath);
                } else if (!error.isEmpty()) {
                    m_report->record({encoded.relativeName, TransferState::Failed, error, 0});
                } else {
                    m_pending.prepend(encoded); // next in line; the factory sees it is encoded
                }
                schedulePump();
            });
    QThreadPool::globalInstance()->start(task);
}

void TransferEngine::onTransferFinished(FileTransfer *transfer)
{
    const QString &name = transfer->item().relativeName;
    if (transfer->outcome().state == TransferState::Cancelled && m_held.contains(name)) {
        // Paused, not cancelled: no outcome; its leftovers and its ticket wait for the resume.
        m_factory->paused(transfer);
        if (m_resources.journal)
            m_resources.journal->keepForResume(name);
        m_active.removeOne(transfer);
        releaseIfIdle(transfer);
        holdItem(transfer->item());
        return;
    }
    if (m_resources.journal)
        m_resources.journal->forgetRun(name);
    // --move: the outcome is final once the source is gone (or known to stay).
    if (m_remover && transfer->outcome().state == TransferState::Completed)
        m_remover->remove(transfer->item(), transfer->outcome());
    else
        m_report->record(transfer->outcome());
    if (!transfer->item().encodedFrom.isEmpty()) // --gzip's temporary copy
        QFile::remove(transfer->item().localPath);
    m_factory->ended(transfer);
    m_report->addFinishedBytes(transfer->bytesDone());
    m_active.removeOne(transfer);
    releaseIfIdle(transfer);
    schedulePump();
}

void TransferEngine::releaseIfIdle(FileTransfer *transfer)
{
    if (transfer->isDone() && transfer->requestsInFlight() == 0)
        transfer->deleteLater();
}

void TransferEngine::finishOrMirror(const QString &fatalError)
{
    // Paused files are not copied yet: no mirror deletes, no archive record claims them.
    const bool ran = fatalError.isEmpty() && !m_cancelled && m_paused.isEmpty();
    // --archive: a run that copied everything it should is the next run's starting point.
    if (m_archive && ran && m_report->summary().failed == 0 && !m_spec.dryRun)
        m_archive->save();
    if (!m_mirror || !ran) {
        finishJob(fatalError);
        return;
    }
    m_mirror->start(m_resources, m_confirmer);
}

void TransferEngine::finishJob(const QString &fatalError)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_progressTimer)
        m_progressTimer->stop();
    if (m_factory)
        m_factory->saveNames(true);
    m_report->emitProgress(m_active);
    TransferSummary &summary = m_report->summary();
    summary.fatalError = fatalError;
    summary.dryRun = m_spec.dryRun;
    summary.paused = int(m_paused.size());
    for (const SourceItem &item : std::as_const(m_paused))
        if (!item.encodedFrom.isEmpty()) // --gzip: a resume compresses the file again
            QFile::remove(item.localPath);
    // Only a listing that went to its end can say a pattern found nothing.
    if (fatalError.isEmpty() && !m_cancelled && m_enumerationDone) {
        summary.unmatchedPatterns = m_patternTally.unmatched();
        summary.missingNames = m_unseenNames.values();
        summary.missingNames.sort();
    }
    if (m_journalTimer)
        m_journalTimer->stop();
    if (m_resources.journal) {
        // A job that finished cleanly has nothing to resume; otherwise keep it for the re-run.
        m_resources.journal->close(fatalError.isEmpty() && summary.failed == 0 && !m_cancelled &&
                                   m_paused.isEmpty());
    }
    summary.elapsedMs = m_clock.elapsed();
    qCDebug(lcEngine) << "finished" << summary.succeeded << summary.failed << summary.skipped;
    m_report->flush();
    Q_EMIT finished(summary);
}

} // namespace blobferry::transfer
