// SPDX-License-Identifier: MIT
#include "TransferEngine.h"

#include "BlobEnumerator.h"
#include "DownloadTransfer.h"
#include "LocalEnumerator.h"
#include "NameMapper.h"
#include "PageUploadTransfer.h"
#include "UploadTransfer.h"
#include "azure/AzureError.h"
#include "azure/BlobRequests.h"
#include "journal/Journal.h"
#include "net/HttpJob.h"
#include "net/NetworkPool.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QPointer>
#include <QTemporaryFile>
#include <QTimer>

Q_LOGGING_CATEGORY(lcEngine, "blobferry.transfer", QtWarningMsg)

namespace blobferry::transfer {

namespace {

constexpr int kProgressIntervalMs = 250;
constexpr int kPendingLowWater = 2000;

// "" or "dir/": the directory part of a blob location, always ending in '/'.
QString asDirectory(const QString &path)
{
    if (path.isEmpty() || path.endsWith(QLatin1Char('/')))
        return path;
    return path + QLatin1Char('/');
}

} // namespace

TransferEngine::TransferEngine(TransferSpec spec, ConflictResolver *resolver, QObject *parent)
    : QObject(parent)
    , m_spec(std::move(spec))
    , m_resolver(resolver)
{
    qRegisterMetaType<FileOutcome>();
    qRegisterMetaType<ProgressSnapshot>();
    qRegisterMetaType<TransferSummary>();
    m_spec.concurrency = std::max(1, m_spec.concurrency);
}

TransferEngine::~TransferEngine() = default;

void TransferEngine::start()
{
    m_clock.start();
    QString tlsError;
    const auto tls = net::TlsSettings::load(m_spec.caFile, &tlsError);
    m_pool = new net::NetworkPool(m_spec.concurrency, tls.value_or(net::TlsSettings{}), this);
    m_progressTimer = new QTimer(this);
    m_progressTimer->setInterval(kProgressIntervalMs);
    connect(m_progressTimer, &QTimer::timeout, this, &TransferEngine::emitProgress);
    m_progressTimer->start();

    const bool upload = !m_spec.source.isBlob() && m_spec.destination.isBlob();
    const bool download = m_spec.source.isBlob() && !m_spec.destination.isBlob();
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
    if (m_spec.restartable && !openJournal())
        return;
    if (upload)
        prepareUpload();
    else
        prepareDownload();
}

void TransferEngine::cancel()
{
    m_cancelled = true;
    m_pending.clear();
    m_enumerationDone = true;
    const auto active = m_active;
    for (FileTransfer *transfer : active)
        transfer->cancel();
    schedulePump();
}

journal::JobIdentity TransferEngine::jobIdentity() const
{
    // Locations without their query: a SAS is a secret, and a fresh one must still resume.
    auto describe = [](const Endpoint &endpoint) {
        if (!endpoint.isBlob())
            return endpoint.localPath;
        const azure::BlobLocation &blob = *endpoint.blob;
        return blob.withSas({}).display();
    };
    journal::JobIdentity identity;
    identity.source = describe(m_spec.source);
    identity.destination = describe(m_spec.destination);
    identity.patterns = m_spec.patterns;
    identity.recursive = m_spec.recursive;
    identity.blockSize = m_spec.blockSize;
    identity.blobType =
        m_spec.blobType == BlobType::Page ? QStringLiteral("page") : QStringLiteral("block");
    return identity;
}

bool TransferEngine::openJournal()
{
    const journal::JobIdentity identity = jobIdentity();
    const QString path =
        m_spec.journalPath.isEmpty() ? journal::Journal::defaultPath(identity) : m_spec.journalPath;
    QString error;
    QString remark;
    m_journal = journal::Journal::open(path, identity, &error, &remark);
    if (!m_journal) {
        finishJob(error);
        return false;
    }
    if (!remark.isEmpty())
        Q_EMIT notice(remark);
    if (m_journal->previousFileCount() > 0)
        Q_EMIT notice(QStringLiteral("Resuming the job recorded in %1").arg(m_journal->path()));
    // Group commit: the journal reaches the disk once a second, not once per record.
    m_journalTimer = new QTimer(this);
    m_journalTimer->setInterval(1000);
    connect(m_journalTimer, &QTimer::timeout, this, [this] { m_journal->sync(); });
    m_journalTimer->start();
    return true;
}

bool TransferEngine::doneInEarlierRun(const SourceItem &item) const
{
    const journal::Journal::FileState *previous =
        m_journal ? m_journal->previous(item.relativeName) : nullptr;
    if (!previous || !previous->done || previous->size != item.size)
        return false;
    if (m_spec.destination.isBlob())
        return previous->modifiedMs == 0 ||
               previous->modifiedMs == item.modified.toMSecsSinceEpoch();
    return previous->etag.isEmpty() || previous->etag == item.blob.etag;
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
        m_enumerator =
            new LocalEnumerator(m_spec.source.localPath, m_spec.patterns, m_spec.recursive, this);
        startEnumeration();
        return;
    }
    // Create the container if it is missing; 409 means it exists already.
    auto *nam = m_pool->acquire();
    auto *job = new net::HttpJob(
        nam, [this] { return m_blobs->createContainer(); }, m_spec.retry, this);
    connect(job, &net::HttpJob::finished, this, [this, job, nam] {
        m_pool->release(nam);
        job->deleteLater();
        const auto &result = job->result();
        const bool exists = result.status == 409;
        // A SAS scoped to one container may not create containers; its uploads will tell.
        const bool sasMayNotCreate = result.status == 403 && m_spec.destination.credential.kind() !=
                                                                 azure::Credential::Kind::SharedKey;
        if (!result.ok() && !exists && !sasMayNotCreate) {
            finishJob(QStringLiteral("cannot create container %1: %2")
                          .arg(m_blobs->location().container(),
                               azure::describeFailure(result, m_blobs->location().containerUrl())));
            return;
        }
        m_enumerator =
            new LocalEnumerator(m_spec.source.localPath, m_spec.patterns, m_spec.recursive, this);
        startEnumeration();
    });
    job->start();
}

void TransferEngine::prepareDownload()
{
    const QString root = m_spec.destination.localPath;
    if (m_spec.dryRun) {
        // Nothing is created; only the listing and the comparisons run.
    } else if (!QDir().mkpath(root)) {
        finishJob(QStringLiteral("cannot create the destination directory %1: check the path "
                                 "and its permissions")
                      .arg(root));
        return;
    }
    QTemporaryFile probe(QDir(root).filePath(QStringLiteral(".blobferry-probe-XXXXXX")));
    if (!m_spec.dryRun && !probe.open()) {
        finishJob(QStringLiteral("cannot write to the destination directory %1: %2")
                      .arg(root, probe.errorString()));
        return;
    }
    probe.close();
    m_enumerator =
        new BlobEnumerator(*m_blobs, m_pool, m_spec.retry, asDirectory(m_spec.source.blob->path()),
                           m_spec.patterns, m_spec.recursive, this);
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
    if (m_cancelled)
        return;
    m_enumerationDone = atEnd;
    m_snapshot.enumerationDone = atEnd;
    for (const SourceItem &item : items) {
        m_pending.enqueue(item);
        ++m_snapshot.filesSeen;
        m_snapshot.bytesKnown += item.size;
    }
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
    if (m_finished)
        return;
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
        } else if (!activateNext()) {
            break;
        }
    }
    if (!m_enumerationDone && !m_fetching && m_pending.size() < kPendingLowWater) {
        m_fetching = true;
        m_enumerator->fetchMore();
    }
    if (m_enumerationDone && !m_fetching && m_pending.isEmpty() && m_active.isEmpty() &&
        m_inFlight == 0)
        finishJob(m_fatalError);
}

bool TransferEngine::activateNext()
{
    // Twice the slots: while some files wait for an answer or their last block, others send.
    if (m_pending.isEmpty() || m_active.size() >= 2 * m_spec.concurrency)
        return false;
    const SourceItem item = m_pending.dequeue();
    FileTransfer *transfer = makeTransfer(item);
    if (!transfer)
        return true;
    m_active.append(transfer);
    connect(transfer, &FileTransfer::finished, this,
            [this, transfer] { onTransferFinished(transfer); });
    connect(transfer, &FileTransfer::requestFinished, this, [this, transfer] {
        --m_inFlight;
        releaseIfIdle(transfer);
        schedulePump();
    });
    connect(transfer, &FileTransfer::notice, this, &TransferEngine::notice);
    connect(transfer, &FileTransfer::conflictRaised, this,
            [this, transfer](const Conflict &conflict) { onConflict(transfer, conflict); });
    transfer->begin();
    return true;
}

FileTransfer *TransferEngine::makeTransfer(const SourceItem &item)
{
    if (doneInEarlierRun(item)) {
        recordOutcome({item.relativeName, TransferState::Skipped,
                       QStringLiteral("transferred by the interrupted run"), 0});
        return nullptr;
    }
    const TransferContext context{&m_spec, m_blobs.get(), m_pool, m_journal.get()};
    if (m_spec.destination.isBlob()) {
        const QString blobName = asDirectory(m_spec.destination.blob->path()) + item.relativeName;
        if (m_spec.blobType == BlobType::Page)
            return new PageUploadTransfer(item, blobName, context, this);
        return new UploadTransfer(item, blobName, context, this);
    }

    const NameMapper::Result mapped = NameMapper::toLocal(item.relativeName);
    const QDir root(m_spec.destination.localPath);
    if (mapped.isDirectoryMarker && item.size == 0) {
        if (!mapped.relativePath.isEmpty() && !m_spec.dryRun)
            root.mkpath(mapped.relativePath); // a folder marker: the folder is the content
        m_snapshot.filesSeen--;
        return nullptr;
    }
    if (!NameMapper::staysInside(mapped.relativePath)) {
        recordOutcome({item.relativeName, TransferState::Failed,
                       QStringLiteral("the blob name maps to no file name inside the destination"),
                       0});
        return nullptr;
    }
    if (mapped.renamed)
        Q_EMIT notice(QStringLiteral("Renamed: %1 -> %2").arg(item.blob.name, mapped.relativePath));
    return new DownloadTransfer(item, item.blob.name, root.filePath(mapped.relativePath), context,
                                this);
}

void TransferEngine::recordOutcome(const FileOutcome &outcome)
{
    switch (outcome.state) {
    case TransferState::Completed:
        ++m_summary.succeeded;
        m_summary.bytes += outcome.bytes;
        break;
    case TransferState::Skipped:
        ++m_summary.skipped;
        break;
    default:
        ++m_summary.failed;
        break;
    }
    ++m_snapshot.filesDone;
    Q_EMIT fileFinished(outcome);
}

void TransferEngine::onTransferFinished(FileTransfer *transfer)
{
    recordOutcome(transfer->outcome());
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

void TransferEngine::onConflict(FileTransfer *transfer, const Conflict &conflict)
{
    m_conflicts.enqueue({transfer, conflict});
    askNextConflict();
}

void TransferEngine::askNextConflict()
{
    while (!m_askingConflict && !m_conflicts.isEmpty()) {
        auto [transfer, conflict] = m_conflicts.dequeue();
        if (transfer->isDone())
            continue;
        if (m_spec.overwrite != OverwritePolicy::Ask || !m_resolver) {
            transfer->resolveConflict(m_spec.overwrite == OverwritePolicy::Always);
            continue;
        }
        m_askingConflict = true;
        QPointer<FileTransfer> guard(transfer);
        m_resolver->resolve(conflict, [this, guard](ConflictAnswer answer) {
            m_askingConflict = false;
            if (answer == ConflictAnswer::All)
                m_spec.overwrite = OverwritePolicy::Always;
            else if (answer == ConflictAnswer::None)
                m_spec.overwrite = OverwritePolicy::Never;
            const bool overwrite = answer == ConflictAnswer::Yes || answer == ConflictAnswer::All;
            if (guard && !guard->isDone())
                guard->resolveConflict(overwrite);
            askNextConflict();
            schedulePump();
        });
    }
}

void TransferEngine::emitProgress()
{
    qint64 done = m_bytesFinished;
    for (const FileTransfer *transfer : std::as_const(m_active))
        done += transfer->bytesDone();
    m_snapshot.bytesDone = done;
    Q_EMIT progress(m_snapshot);
}

void TransferEngine::finishJob(const QString &fatalError)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_progressTimer)
        m_progressTimer->stop();
    emitProgress();
    m_summary.fatalError = fatalError;
    m_summary.dryRun = m_spec.dryRun;
    if (m_journalTimer)
        m_journalTimer->stop();
    if (m_journal) {
        // A job that finished cleanly has nothing to resume; otherwise keep it for the re-run.
        m_journal->close(fatalError.isEmpty() && m_summary.failed == 0 && !m_cancelled);
    }
    m_summary.elapsedMs = m_clock.elapsed();
    qCDebug(lcEngine) << "finished" << m_summary.succeeded << m_summary.failed << m_summary.skipped;
    Q_EMIT finished(m_summary);
}

} // namespace blobferry::transfer
