// SPDX-License-Identifier: MIT
#include "TransferEngine.h"

#include "ArchiveRecord.h"
#include "BlobEnumerator.h"
#include "BlobNamePlanner.h"
#include "ConflictQueue.h"
#include "DestinationIndex.h"
#include "DestinationProbe.h"
#include "DownloadTransfer.h"
#include "GzipCodec.h"
#include "LocalEnumerator.h"
#include "LocalNamePlanner.h"
#include "MirrorCleaner.h"
#include "NameManifest.h"
#include "NameMapper.h"
#include "PageScan.h"
#include "PageUploadTransfer.h"
#include "PatternMatcher.h"
#include "SourceRemover.h"
#include "UploadTransfer.h"
#include "azure/AzureError.h"
#include "azure/BlobLocation.h"
#include "azure/BlobRequests.h"
#include "journal/Journal.h"
#include "net/BandwidthLimiter.h"
#include "net/HttpJob.h"
#include "net/NetworkPool.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMetaMethod>
#include <QPointer>
#include <QTimer>

Q_LOGGING_CATEGORY(lcEngine, "blobferry.transfer", QtWarningMsg)

namespace blobferry::transfer {

namespace {

constexpr int kProgressIntervalMs = 250;
constexpr int kPendingLowWater = 2000;
constexpr int kActivationsPerRound = 256;
constexpr int kNamesSaveIntervalMs = 2000;
// Below this many named files, an upload asks about each one instead of listing.
constexpr qsizetype kFewNames = 200;

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
    // Every request of the job is made with this policy, and runs on the engine's thread.
    m_spec.retry.onRetry = [this](int nextAttempt, int delayMs, const QString &why) {
        announceRetry(nextAttempt, delayMs, why);
    };
    m_spec.retry.serviceAnswered = std::make_shared<std::atomic_bool>(false);
    if (m_onlyNames.isEmpty())
        m_patternTally = PatternTally(m_spec.patterns, !m_spec.source.isBlob());
}

TransferEngine::~TransferEngine() = default;

void TransferEngine::start()
{
    m_clock.start();
    if (m_spec.archive)
        loadArchive();
    QString tlsError;
    const auto tls = net::TlsSettings::load(m_spec.caFile, &tlsError);
    m_pool = new net::NetworkPool(m_spec.concurrency, tls.value_or(net::TlsSettings{}),
                                  m_spec.proxy, m_spec.accessManagers, this);
    m_progressTimer = new QTimer(this);
    m_progressTimer->setInterval(kProgressIntervalMs);
    connect(m_progressTimer, &QTimer::timeout, this, &TransferEngine::emitProgress);
    m_progressTimer->start();

    const bool upload = !m_spec.source.isBlob() && m_spec.destination.isBlob();
    const bool download = m_spec.source.isBlob() && !m_spec.destination.isBlob();
    if (m_spec.source.isBlob() && m_spec.destination.isBlob()) {
        if (tls)
            startCopy(); // blob to blob, copied by the service (TransferEngineOptions.cpp)
        else
            finishJob(tlsError);
        return;
    }
    if (!upload && !download) {
        finishJob(QStringLiteral("one side must be a local path and the other a blob URL"));
        return;
    }
    if (!tls) {
        finishJob(tlsError);
        return;
    }
    const Endpoint &blobSide = upload ? m_spec.destination : m_spec.source;
    m_blobs = std::make_unique<azure::BlobRequests>(*blobSide.blob, blobSide.credential);
    if (m_spec.capMbps > 0)
        m_limiter = std::make_unique<net::BandwidthLimiter>(
            net::BandwidthLimiter::fromMbps(m_spec.capMbps));
    // A dry run neither uses nor touches a journal: it must not remove an interrupted run's.
    if (m_spec.restartable && !m_spec.dryRun && !openJournal())
        return;
    if (m_spec.move && !m_spec.dryRun) {
        m_remover =
            new SourceRemover(download ? m_blobs.get() : nullptr, m_pool, m_spec.retry, this);
        connect(m_remover, &SourceRemover::removed, this, [this](const FileOutcome &outcome) {
            recordOutcome(outcome);
            schedulePump();
        });
    }
    if (upload)
        prepareUpload();
    else
        prepareDownload();
}

void TransferEngine::cancel()
{
    m_cancelled = true;
    if (m_mirror) {
        // Every copy has ended: the mirror deletes nothing more (one in flight ends as it will)
        // and its done() finishes the job.
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
    for (auto it = m_pending.begin(); it != m_pending.end(); ++it) {
        if (it->relativeName == name) {
            const SourceItem item = *it;
            m_pending.erase(it);
            m_snapshot.bytesKnown -= item.size;
            recordOutcome({name, TransferState::Cancelled, QStringLiteral("cancelled"), 0});
            schedulePump();
            return;
        }
    }
    for (FileTransfer *transfer : std::as_const(m_active)) {
        if (transfer->item().relativeName == name) {
            transfer->cancel();
            return;
        }
    }
}

void TransferEngine::prepareUpload()
{
    const QFileInfo root(m_spec.source.localPath);
    if (!root.isDir()) {
        finishJob(root.exists()
                      ? QStringLiteral("the source %1 is not a directory").arg(root.filePath())
                      : QStringLiteral("the source %1 does not exist").arg(root.filePath()));
        return;
    }
    if (m_spec.dryRun) { // changes nothing, the container included
        startUploadEnumeration();
        return;
    }
    ensureContainer([this] { startUploadEnumeration(); });
}

void TransferEngine::ensureContainer(std::function<void()> then)
{
    // Create the container if it is missing; 409 means it exists already.
    auto *nam = m_pool->acquire();
    auto *job = new net::HttpJob(
        nam, [this] { return m_blobs->createContainer(); }, m_spec.retry, this);
    connect(job, &net::HttpJob::finished, this, [this, job, nam, then = std::move(then)] {
        m_pool->release(nam);
        job->deleteLater();
        const auto &result = job->result();
        const bool exists = result.status == 409;
        // A SAS scoped to one container may not create containers; its writes will tell.
        const bool sasMayNotCreate = result.status == 403 && m_spec.destination.credential.kind() !=
                                                                 azure::Credential::Kind::SharedKey;
        if (!result.ok() && !exists && !sasMayNotCreate) {
            finishJob(QStringLiteral("cannot create container %1: %2")
                          .arg(m_blobs->location().container(),
                               azure::describeFailure(result, m_blobs->location().containerUrl())));
            return;
        }
        then();
    });
    job->start();
}

void TransferEngine::startUploadEnumeration()
{
    QString manifestError;
    m_blobNames = std::make_unique<BlobNamePlanner>(
        m_spec.source.localPath, NameManifest::load(m_spec.source.localPath, &manifestError));
    if (!manifestError.isEmpty())
        say(QStringLiteral("Warning: ") + manifestError);
    // Folder markers exist only as names: the manifest brings them back on a full upload.
    if (m_spec.recursive && m_spec.patterns.isEmpty() && m_spec.onlyNames.isEmpty()) {
        const auto markers = m_blobNames->folderMarkers();
        for (const SourceItem &marker : markers) {
            m_pending.enqueue(marker);
            ++m_snapshot.filesSeen;
        }
    }
    // Named files: list the tree (deep enough for their paths) and keep just those names.
    const bool named = !m_spec.onlyNames.isEmpty();
    const bool deep =
        m_spec.recursive ||
        (named && std::any_of(m_spec.onlyNames.cbegin(), m_spec.onlyNames.cend(),
                              [](const QString &name) { return name.contains(QLatin1Char('/')); }));
    // Block uploads look at their blob before sending (unless /Y alone): one listing answers
    // for thousands of files. (Page uploads ask the service themselves.)
    const bool looks = m_conflicts->policy().looksAtDestination();
    // A few named files (a drop in the desktop) ask a HEAD each rather than list a folder.
    const bool few = named && m_spec.onlyNames.size() < kFewNames;
    if (looks && !few && m_spec.blobType != BlobType::Page) {
        m_index = new DestinationIndex(
            *m_blobs, m_pool, m_spec.retry,
            azure::BlobLocation::asDirectory(m_spec.destination.blob->path()), deep, this);
        m_index->start();
    }
    auto *local = new LocalEnumerator(m_spec.source.localPath,
                                      named ? QStringList() : m_spec.patterns, deep, this);
    local->setFollowSymlinks(m_spec.followSymlinks);
    // Files the user named (a drop in the desktop, a file as <Source>) are read through links.
    local->setNamedFiles(named ? m_spec.onlyNames : PatternMatcher::literals(m_spec.patterns));
    m_enumerator = local;
    startEnumeration();
}

void TransferEngine::prepareDownload()
{
    const QString root = m_spec.destination.localPath;
    // A dry run creates nothing; a destination that does not exist yet is looked at as empty.
    if (!m_spec.dryRun && !QDir().mkpath(root)) {
        finishJob(QStringLiteral("cannot create the destination directory %1: check the path "
                                 "and its permissions")
                      .arg(root));
        return;
    }
    DestinationProbe::Result probe;
    if (!m_spec.dryRun || QFileInfo(root).isDir())
        probe = DestinationProbe::probe(root);
    if (!probe.error.isEmpty()) {
        finishJob(QStringLiteral("cannot write to the destination directory %1: %2")
                      .arg(root, probe.error));
        return;
    }
    NameRules rules;
    rules.windowsNames = m_spec.windowsNames || probe.windowsNames;
#ifdef Q_OS_WIN
    rules.windowsNames = true;
    rules.backslashSeparates = true;
#endif
    // A tree made for Windows must also avoid names that differ only in case.
    const bool caseInsensitive =
        m_spec.caseInsensitiveNames || m_spec.windowsNames || probe.caseInsensitive;
    qCDebug(lcEngine) << "destination" << probe.fileSystemType << "case-insensitive"
                      << caseInsensitive << "windows names" << rules.windowsNames;
    QString manifestError;
    NameManifest previous = NameManifest::load(root, &manifestError);
    if (!manifestError.isEmpty())
        say(QStringLiteral("Warning: ") + manifestError);
    m_localNames = std::make_unique<LocalNamePlanner>(root, NameMapper(rules), caseInsensitive,
                                                      std::move(previous));
    m_namesSaved.start();
    // Named blobs: each name is listed as a prefix (recursively, for names with '/'), and only
    // exact matches are kept.
    const bool named = !m_spec.onlyNames.isEmpty();
    const QStringList prefixes = named ? m_spec.onlyNames : m_spec.patterns;
    // One prefix is one listing in name order: the planner can forget the directories it left.
    m_localNames->setOrderedListing(QSet<QString>(prefixes.cbegin(), prefixes.cend()).size() <= 1);
    m_enumerator = new BlobEnumerator(*m_blobs, m_pool, m_spec.retry,
                                      azure::BlobLocation::asDirectory(m_spec.source.blob->path()),
                                      prefixes, named || m_spec.recursive, this);
    startEnumeration();
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
    m_snapshot.enumerationDone = atEnd;
    static const QMetaMethod queuedSignal = QMetaMethod::fromSignal(&TransferEngine::filesQueued);
    const bool listing = isSignalConnected(queuedSignal);
    QList<QueuedFile> queued;
    for (const SourceItem &item : items) {
        if (!m_onlyNames.isEmpty() && !m_onlyNames.contains(item.relativeName))
            continue;
        m_pending.enqueue(item);
        m_patternTally.note(item.relativeName);
        ++m_snapshot.filesSeen;
        m_snapshot.bytesKnown += item.size;
        if (listing && !item.folderMarker)
            queued.append({item.relativeName, item.size});
    }
    if (!queued.isEmpty())
        Q_EMIT filesQueued(queued);
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
    if (m_finished || m_mirror) // the mirror's deletions run after every transfer ended
        return;
    // Files that end at once (a dry run, skips) are deleted through the event loop: a bounded
    // round keeps thousands of them (and the engine's child list, which Qt shifts on every
    // deletion) from piling up over a whole page of the listing.
    int activated = 0;
    while (m_inFlight < m_spec.concurrency) {
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
        } else if (outcomesBacklogged() || !activateNext()) {
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
    if (m_pending.isEmpty() || m_active.size() + m_encoding >= 2 * m_spec.concurrency)
        return false;
    const SourceItem item = m_pending.dequeue();
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
    connect(transfer, &FileTransfer::notice, this, &TransferEngine::say);
    connect(transfer, &FileTransfer::requestReady, this, &TransferEngine::schedulePump);
    transfer->begin();
    return true;
}

FileTransfer *TransferEngine::makeTransfer(const SourceItem &item)
{
    if (!item.skipReason.isEmpty()) {
        reportNotCopied(item);
        return nullptr;
    }
    if (m_archive && unchangedSinceArchive(item))
        return nullptr;
    // A mirror must see every source name to know what to keep, so it re-checks them all.
    if (!m_spec.mirror && doneInEarlierRun(item)) {
        recordOutcome({item.relativeName, TransferState::Skipped,
                       QStringLiteral("transferred by the interrupted run"), 0});
        return nullptr;
    }
    if (m_copySource)
        return makeCopy(item);
    return m_spec.destination.isBlob() ? makeUpload(item) : makeDownload(item);
}

FileTransfer *TransferEngine::makeUpload(const SourceItem &item)
{
    // --gzip: a chosen file comes back through m_pending once compressed (off this thread).
    if (!m_spec.gzipExtensions.isEmpty() && !m_spec.dryRun && item.encodedFrom.isEmpty() &&
        !item.folderMarker && item.problem.isEmpty() &&
        item.relativeName != NameManifest::fileName() &&
        GzipCodec::chosen(item.relativeName, m_spec.gzipExtensions) &&
        m_spec.blobType != BlobType::Page &&
        !(m_spec.detectPageBlobs && PageScan::isDiskImage(item.relativeName))) {
        startEncoding(item);
        return nullptr;
    }
    const BlobNamePlanner::Plan plan = m_blobNames->plan(item);
    if (plan.isManifest) { // the names of the tree, not a file of it
        --m_snapshot.filesSeen;
        m_snapshot.bytesKnown -= item.size;
        return nullptr;
    }
    if (!plan.error.isEmpty()) {
        recordOutcome({item.relativeName, TransferState::Failed, plan.error, 0});
        return nullptr;
    }
    const QString blobName =
        azure::BlobLocation::asDirectory(m_spec.destination.blob->path()) + plan.blobName;
    if (m_spec.mirror)
        m_mirrorKeep.insert(blobName);
    if (plan.renamed)
        reportRename(item.relativeName, blobName);
    if (m_spec.dryRun && m_index && m_index->knownAbsent(blobName)) {
        // What the transfer would conclude, without making one: a million-file dry run to a
        // new place costs the walk and the listing, nothing per file.
        recordOutcome({item.relativeName, TransferState::Completed, {}, 0});
        return nullptr;
    }
    const TransferContext context{&m_spec,         m_blobs.get(), m_pool,     m_journal.get(),
                                  m_limiter.get(), m_index,       m_conflicts};
    if (m_spec.blobType == BlobType::Page ||
        (m_spec.detectPageBlobs && PageScan::isDiskImage(item.relativeName)))
        return new PageUploadTransfer(item, blobName, context, this);
    return new UploadTransfer(item, blobName, context, this);
}

FileTransfer *TransferEngine::makeDownload(const SourceItem &item)
{
    const QString sourceDirectory = azure::BlobLocation::asDirectory(m_spec.source.blob->path());
    const LocalNamePlanner::Plan plan = m_localNames->plan(item.relativeName, item.size);
    // Files of this job that gave their names to directories: moved already, or redirected now.
    for (const LocalNamePlanner::Relocation &relocation : plan.relocations) {
        if (DownloadTransfer *transfer = m_downloads.value(relocation.ticket))
            transfer->redirect(m_localNames->absolutePath(relocation.to));
        if (m_spec.mirror) // the file's new name is the one a mirror must keep
            m_mirrorKeep.insert(relocation.to);
        reportRename(sourceDirectory + relocation.blobName, relocation.to, relocation.firstRename);
    }
    if (!plan.error.isEmpty()) {
        recordOutcome({item.relativeName, TransferState::Failed, plan.error, 0});
        return nullptr;
    }
    if (m_spec.mirror)
        m_mirrorKeep.insert(plan.relativePath);
    if (plan.invalidUnicode)
        say(QStringLiteral("Not valid UTF-8: %1 (written with %EF%BF%BD codes)")
                .arg(item.blob.name));
    if (plan.isDirectory) {
        if (plan.renamed)
            reportRename(item.blob.name, plan.relativePath + QLatin1Char('/'));
        --m_snapshot.filesSeen; // a folder marker: the folder is the content
        const QString directory = m_localNames->absolutePath(plan.relativePath);
        if (!m_spec.dryRun && !QDir().mkpath(directory))
            recordOutcome({item.relativeName, TransferState::Failed,
                           QStringLiteral("cannot create directory %1").arg(directory), 0});
        return nullptr;
    }
    if (plan.renamed)
        reportRename(item.blob.name, plan.relativePath);
    const TransferContext context{&m_spec,         m_blobs.get(), m_pool,     m_journal.get(),
                                  m_limiter.get(), nullptr,       m_conflicts};
    auto *transfer = new DownloadTransfer(
        item, item.blob.name, m_localNames->absolutePath(plan.relativePath), context, this);
    m_tickets.insert(transfer, plan.ticket);
    m_downloads.insert(plan.ticket, transfer);
    return transfer;
}

void TransferEngine::saveNames(bool now)
{
    if (!m_localNames || !m_localNames->manifestChanged() || m_spec.dryRun)
        return;
    // Often enough that a killed job leaves its renamings on record, seldom enough to be cheap.
    if (!now && m_namesSaved.elapsed() < kNamesSaveIntervalMs)
        return;
    QString error;
    if (!m_localNames->manifest().save(m_spec.destination.localPath, &error))
        say(QStringLiteral("Warning: %1; an upload of this tree will keep the "
                           "translated names")
                .arg(error));
    m_localNames->markSaved();
    m_namesSaved.start();
}

void TransferEngine::onTransferFinished(FileTransfer *transfer)
{
    // --move: the outcome is final once the source is gone (or known to stay).
    if (m_remover && transfer->outcome().state == TransferState::Completed)
        m_remover->remove(transfer->item(), transfer->outcome());
    else
        recordOutcome(transfer->outcome());
    if (!transfer->item().encodedFrom.isEmpty()) // --gzip's temporary copy
        QFile::remove(transfer->item().localPath);
    if (const auto ticket = m_tickets.constFind(transfer); ticket != m_tickets.cend()) {
        if (transfer->outcome().state == TransferState::Completed)
            m_localNames->written(*ticket);
        else
            m_localNames->abandoned(*ticket);
        m_downloads.remove(*ticket);
        m_tickets.erase(ticket);
        saveNames(false);
    }
    m_bytesFinished += transfer->bytesDone();
    m_active.removeOne(transfer);
    releaseIfIdle(transfer);
    schedulePump();
}

void TransferEngine::releaseIfIdle(FileTransfer *transfer)
{
    if (transfer->isDone() && transfer->requestsInFlight() == 0)
        transfer->deleteLater();
}

void TransferEngine::finishJob(const QString &fatalError)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_progressTimer)
        m_progressTimer->stop();
    saveNames(true);
    emitProgress();
    m_summary.fatalError = fatalError;
    m_summary.dryRun = m_spec.dryRun;
    // Only a listing that went to its end can say a pattern found nothing.
    if (fatalError.isEmpty() && !m_cancelled && m_enumerationDone)
        m_summary.unmatchedPatterns = m_patternTally.unmatched();
    if (m_journalTimer)
        m_journalTimer->stop();
    if (m_journal) {
        // A job that finished cleanly has nothing to resume; otherwise keep it for the re-run.
        m_journal->close(fatalError.isEmpty() && m_summary.failed == 0 && !m_cancelled);
    }
    m_summary.elapsedMs = m_clock.elapsed();
    qCDebug(lcEngine) << "finished" << m_summary.succeeded << m_summary.failed << m_summary.skipped;
    flushOutcomes();
    Q_EMIT finished(m_summary);
}

} // namespace blobferry::transfer
