// SPDX-License-Identifier: MIT
#include "FileTransfer.h"

#include "ConflictQueue.h"
#include "ContentHash.h"
#include "ContentTypes.h"
#include "NameMapper.h"
#include "PathParts.h"
#include "azure/AzureError.h"
#include "azure/BlobXml.h"
#include "net/Requester.h"

#include <QFileInfo>

namespace blobferry::transfer {

FileTransfer::FileTransfer(SourceItem item, TransferContext context, QObject *parent)
    : QObject(parent)
    , m_item(std::move(item))
    , m_context(context)
{
    m_outcome.name = m_item.relativeName;
    m_outcome.state = TransferState::Active;
}

QString FileTransfer::phaseName(Phase phase)
{
    switch (phase) {
    case Phase::Idle:
        return QStringLiteral("not begun");
    case Phase::Look:
        return QStringLiteral("looking at the destination");
    case Phase::Settle:
        return QStringLiteral("settling a conflict");
    case Phase::KeepBothProbe:
        return QStringLiteral("looking for a free name");
    case Phase::Prologue:
        return QStringLiteral("preparing");
    case Phase::Chunks:
        return QStringLiteral("sending");
    case Phase::Commit:
        return QStringLiteral("committing");
    case Phase::RaceRecheck:
        return QStringLiteral("looking again");
    case Phase::Ended:
        break;
    }
    return QStringLiteral("ended");
}

// ---- The phases ----

void FileTransfer::begin()
{
    if (m_phase != Phase::Idle) {
        unexpected(QStringLiteral("a second start"));
        return;
    }
    if (!mustLook() && !policy().looksAtDestination()) {
        enter(Phase::Prologue);
        return;
    }
    enter(Phase::Look);
}

void FileTransfer::enter(Phase phase)
{
    if (m_done)
        return;
    m_phase = phase;
    m_phaseRequestQueued = false;
    // Each hook may enter the next phase itself; nothing here runs after it.
    switch (phase) {
    case Phase::Look:
        look();
        break;
    case Phase::Prologue:
        prologue();
        break;
    case Phase::Commit:
        commit();
        break;
    case Phase::KeepBothProbe:
    case Phase::RaceRecheck:
        queuePhaseRequest();
        break;
    default: // Settle waits for settle()'s answer; Chunks for the kind's chunks
        break;
    }
}

void FileTransfer::queuePhaseRequest()
{
    m_phaseRequestQueued = true;
    Q_EMIT requestReady();
}

QString FileTransfer::destination() const
{
    return destinationName();
}

bool FileTransfer::hasNextRequest() const
{
    switch (m_phase) {
    case Phase::Chunks:
        return int(m_jobs.size()) < maxChunksInFlight() && hasChunk();
    case Phase::Commit:
        return m_phaseRequestQueued && commitReady();
    case Phase::Look:
    case Phase::KeepBothProbe:
    case Phase::Prologue:
    case Phase::RaceRecheck:
        return m_phaseRequestQueued;
    default:
        return false;
    }
}

std::optional<FileTransfer::Request> FileTransfer::takeNextRequest()
{
    const bool queued = std::exchange(m_phaseRequestQueued, false);
    switch (m_phase) {
    case Phase::Chunks:
        return takeChunk();
    case Phase::Look:
    case Phase::KeepBothProbe:
    case Phase::RaceRecheck:
        if (queued)
            return headRequest(m_phase);
        break;
    case Phase::Prologue:
        if (queued)
            return prologueRequest();
        break;
    case Phase::Commit:
        if (queued)
            return raceCheckedCommit();
        break;
    default:
        break;
    }
    return std::nullopt;
}

void FileTransfer::startNextRequest()
{
    std::optional<Request> request = takeNextRequest();
    if (!request) {
        unexpected(QStringLiteral("no request to send"));
        Q_EMIT requestFinished(); // the engine counted one in flight
        return;
    }
    net::Request sent;
    sent.factory = std::move(request->factory);
    sent.policy = m_context.spec->retry;
    sent.sink = std::move(request->sink);
    sent.check = std::move(request->check);
    sent.capped = true; // a file's bytes: paced by --cap-mbps
    // The job is known once sent, and may end inside send() (a body that cannot be opened).
    struct Sent
    {
        net::HttpJob *job = nullptr;
        bool ended = false;
    };
    auto sentJob = std::make_shared<Sent>();
    sentJob->job = m_context.requester->send(
        std::move(sent), this,
        [this, sentJob, done = std::move(request->done)](const net::HttpResult &result) {
            sentJob->ended = true;
            m_jobs.remove(sentJob->job);
            sendingProgress(sentJob->job, 0); // `done` counts the bytes for good, or not
            m_sending.remove(sentJob->job);
            if (!m_done)
                done(result);
            Q_EMIT requestFinished();
        });
    if (sentJob->ended)
        return;
    m_jobs.insert(sentJob->job);
    if (!request->showsSentBytes)
        return;
    net::HttpJob *job = sentJob->job;
    m_sending.insert(job, 0);
    connect(job, &net::HttpJob::uploadProgress, this,
            [this, job](qint64 sent) { sendingProgress(job, sent); });
    // A failed attempt's bytes are taken back; the next attempt sends them again.
    connect(job, &net::HttpJob::retrying, this, [this, job] { sendingProgress(job, 0); });
}

void FileTransfer::sendingProgress(net::HttpJob *job, qint64 sent)
{
    const auto it = m_sending.find(job);
    if (it == m_sending.end())
        return;
    m_bytesSending += sent - *it;
    *it = sent;
}

FileTransfer::Request FileTransfer::headRequest(Phase phase)
{
    const auto *blobs = m_context.blobs;
    const QString blobName = destinationName();
    Request request;
    request.url = blobs->location().blobUrl(blobName);
    request.factory = [blobs, blobName] { return blobs->getProperties(blobName); };
    // A 2xx or a 404 (also a missing container, which a dry run does not create) is an answer;
    // anything else fails the file.
    request.done = [this, phase, url = request.url](const net::HttpResult &result) {
        if (!result.ok() && result.status != 404)
            failRequest(QStringLiteral("cannot check the destination"), result, url);
        else
            headAnswered(phase, result);
    };
    return request;
}

void FileTransfer::headAnswered(Phase phase, const net::HttpResult &head)
{
    if (phase != m_phase) {
        unexpected(QStringLiteral("an answer meant for %1").arg(phaseName(phase)));
        return;
    }
    switch (phase) {
    case Phase::Look:
        looked(head);
        break;
    case Phase::KeepBothProbe:
        if (head.ok()) {
            keepBothInstead(); // taken too: the next name
            break;
        }
        Q_EMIT notice(QStringLiteral("Kept both: %1").arg(destinationName()));
        lookedAt(blobSide(head));
        break;
    default:
        afterRace(head);
        break;
    }
}

void FileTransfer::lookedAt(const ConflictPolicy::Side &destination)
{
    if (m_phase != Phase::Look && m_phase != Phase::KeepBothProbe && m_phase != Phase::Settle) {
        unexpected(QStringLiteral("a look at the destination"));
        return;
    }
    m_destinationExists = destination.exists;
    enter(Phase::Settle);
    settle(destinationName(), sourceSide(), destination, [this] {
        m_createOnly = writesOnlyIfAbsent() && !m_destinationExists;
        enter(Phase::Prologue);
    });
}

void FileTransfer::probeNextName()
{
    enter(Phase::KeepBothProbe);
}

void FileTransfer::startChunks()
{
    if (m_phase != Phase::Look && m_phase != Phase::Prologue) {
        unexpected(QStringLiteral("the start of the chunks"));
        return;
    }
    enter(Phase::Chunks);
    Q_EMIT requestReady(); // the first chunks may be ready at once
}

void FileTransfer::chunksDone()
{
    if (m_phase != Phase::Chunks) {
        unexpected(QStringLiteral("the end of the chunks"));
        return;
    }
    enter(Phase::Commit);
}

std::optional<FileTransfer::Request> FileTransfer::raceCheckedCommit()
{
    std::optional<Request> request = commitRequest();
    if (!request)
        return request;
    request->done = [this, done = std::move(request->done)](const net::HttpResult &result) {
        if (m_phase != Phase::Commit) {
            unexpected(QStringLiteral("the commit's answer"));
        } else if (appeared(result)) {
            // The listing or HEAD was a snapshot: look again, and decide as for any existing
            // blob rather than replace it unasked.
            m_createOnly = false;
            enter(Phase::RaceRecheck);
        } else {
            done(result);
        }
    };
    return request;
}

bool FileTransfer::appeared(const net::HttpResult &result) const
{
    if (!m_createOnly || (result.status != 409 && result.status != 412))
        return false;
    const QString code = azure::errorCode(result);
    return code == QLatin1String("BlobAlreadyExists") || code == QLatin1String("ConditionNotMet");
}

void FileTransfer::afterRace(const net::HttpResult &head)
{
    // The bytes there may be ours: a retried write whose first try had landed.
    if (isOwnWrite(head)) {
        committed();
        return;
    }
    Q_EMIT notice(
        QStringLiteral("%1 appeared in the destination while this job ran").arg(destinationName()));
    m_destinationExists = head.ok();
    enter(Phase::Settle);
    // Overwrite: the same commit again, without the condition.
    settle(destinationName(), sourceSide(), blobSide(head), [this] { enter(Phase::Commit); });
}

void FileTransfer::unexpected(const QString &what)
{
    fail(QStringLiteral("internal error: %1 while %2").arg(what, phaseName(m_phase)));
}

// ---- What a kind does unless it says otherwise ----

ConflictPolicy::Side FileTransfer::sourceSide() const
{
    return listedSourceSide();
}

void FileTransfer::look()
{
    queuePhaseRequest(); // a HEAD of destinationName()
}

void FileTransfer::looked(const net::HttpResult &head)
{
    lookedAt(blobSide(head));
}

void FileTransfer::prologue()
{
    startChunks();
}

void FileTransfer::commit()
{
    queuePhaseRequest(); // commitRequest(), once commitReady()
}

void FileTransfer::committed()
{
    complete();
}

// ---- Settling, and the end ----

void FileTransfer::settle(const QString &destinationName, const ConflictPolicy::Side &source,
                          const ConflictPolicy::Side &destination, std::function<void()> proceed)
{
    m_proceed = std::move(proceed);
    const ConflictPolicy::Decision decision = policy().decide(source, destination);
    if (decision != ConflictPolicy::Decision::Ask) {
        settleAs(decision);
        return;
    }
    Conflict conflict;
    conflict.destination = destinationName;
    conflict.sourceSize = source.size;
    conflict.sourceModified = source.modified;
    conflict.destinationSize = destination.size;
    conflict.destinationModified = destination.modified;
    conflict.sourceMd5 = source.knownMd5;
    conflict.destinationMd5 = destination.knownMd5;
    if (m_context.conflicts)
        m_context.conflicts->raise(this, conflict); // it calls settleAs() with the answer
    else
        settleAs(ConflictPolicy::Decision::SkipDeclined); // nobody to ask
}

ConflictPolicy FileTransfer::policy() const
{
    return m_context.conflicts ? m_context.conflicts->policy() : ConflictPolicy(*m_context.spec);
}

azure::BlobProperties FileTransfer::uploadProperties() const
{
    azure::BlobProperties properties;
    const TransferSpec &spec = *m_context.spec;
    // A gzip-encoded upload is typed as the file it came from, not as gzip data.
    const QString typedPath = !m_item.encodedFrom.isEmpty() ? m_item.encodedFrom
                              : m_item.folderMarker         ? QString()
                                                            : m_item.localPath;
    properties.contentType =
        ContentTypes::forFile(typedPath, spec.contentType, spec.guessContentType);
    const UploadAttributes &attributes = spec.uploadAttributes;
    // A file --gzip compressed holds gzip bytes: only "gzip" tells a reader how to read them.
    if (!m_item.encodedFrom.isEmpty())
        properties.contentEncoding = "gzip";
    else
        properties.contentEncoding = attributes.contentEncoding.toLatin1();
    if (m_context.spec->preserveTime)
        properties.fileModifiedMs = m_item.modified.toMSecsSinceEpoch();
    properties.accessTier = attributes.tier.toLatin1();
    for (const auto &[key, value] : attributes.metadata)
        properties.metadata.append({key.toLatin1(), value.toLatin1()});
    properties.tags = UploadAttributes::tagsHeader(attributes.tags);
    properties.cacheControl = attributes.cacheControl.toLatin1();
    properties.contentDisposition = attributes.contentDisposition.toLatin1();
    properties.contentLanguage = attributes.contentLanguage.toLatin1();
    return properties;
}

bool FileTransfer::sourceUnchanged(QString *why) const
{
    if (m_item.folderMarker)
        return true;
    const QFileInfo info(m_item.localPath);
    if (!info.exists()) {
        *why = QStringLiteral("the file was deleted while it was being sent");
        return false;
    }
    if (info.size() != m_item.size || info.lastModified() != m_item.modified) {
        *why = QStringLiteral("the file changed while it was being sent; run the copy again");
        return false;
    }
    return true;
}

ConflictPolicy::Side FileTransfer::blobSide(const net::HttpResult &head)
{
    if (!head.ok())
        return {};
    const azure::BlobEntry entry = azure::BlobEntry::fromHeaders(QString(), head);
    return blobSide(&entry);
}

ConflictPolicy::Side FileTransfer::localSourceSide() const
{
    ConflictPolicy::Side side;
    side.exists = true;
    side.size = m_item.size;
    side.modified = m_item.modified;
    const QString path = m_item.localPath;
    const qint64 size = m_item.size;
    side.md5 = [path, size] {
        QString error;
        return md5OfRange(path, 0, size, &error).toBase64();
    };
    return side;
}

ConflictPolicy::Side FileTransfer::listedSourceSide() const
{
    ConflictPolicy::Side side;
    side.exists = true;
    side.size = m_item.size;
    side.modified = m_item.modified;
    const QByteArray md5 = m_item.blob.contentMd5;
    side.knownMd5 = md5;
    side.md5 = [md5] { return md5; };
    return side;
}

ConflictPolicy::Side FileTransfer::blobSide(const azure::BlobEntry *entry)
{
    ConflictPolicy::Side side;
    side.exists = entry != nullptr;
    if (!side.exists)
        return side;
    side.size = entry->size;
    side.incomplete = entry->incomplete;
    // The file's own mtime when an upload recorded it, else when the blob was written.
    side.modified = entry->fileModified();
    const QByteArray md5 = entry->contentMd5;
    side.knownMd5 = md5;
    side.md5 = [md5] { return md5; };
    return side;
}

void FileTransfer::keepBothInstead()
{
    skip(QStringLiteral("the destination exists; keeping both is not possible for this kind "
                        "of copy"));
}

void FileTransfer::keepBothBlob(const QString &original, int &counter, QString &name)
{
    if (m_context.spec->dryRun) {         // no name is checked in a dry run
        lookedAt(ConflictPolicy::Side()); // as if the name were free
        return;
    }
    name = directoryOf(original) + NameMapper::withCounter(leafOf(original), ++counter);
    probeNextName();
}

void FileTransfer::settleAs(ConflictPolicy::Decision decision)
{
    using Decision = ConflictPolicy::Decision;
    if (m_phase != Phase::Settle || decision == Decision::Ask) {
        unexpected(QStringLiteral("an answer to a question not asked"));
        return;
    }
    if (ConflictPolicy::isSkip(decision))
        skip(ConflictPolicy::reason(decision));
    else if (decision == Decision::KeepBoth)
        keepBothInstead();
    else
        proceedOrPretend(decision == Decision::Overwrite);
}

void FileTransfer::proceedOrPretend(bool overwriting)
{
    m_outcome.overwrote = overwriting;
    if (m_context.spec->dryRun) {
        end(TransferState::Completed, {});
        return;
    }
    if (m_proceed)
        m_proceed();
}

void FileTransfer::cancel(const QString &reason, Leftovers leftovers)
{
    if (m_done)
        return;
    m_leftovers = leftovers;
    end(TransferState::Cancelled, reason.isEmpty() ? QStringLiteral("cancelled") : reason);
}

void FileTransfer::complete()
{
    end(TransferState::Completed, {});
}

void FileTransfer::skip(const QString &reason)
{
    end(TransferState::Skipped, reason);
}

void FileTransfer::fail(const QString &reason)
{
    end(TransferState::Failed, reason);
}

void FileTransfer::failRequest(const QString &what, const net::HttpResult &result, const QUrl &url)
{
    const QString why = azure::describeFailure(result, url);
    fail(what.isEmpty() ? why : what + QStringLiteral(": ") + why);
}

void FileTransfer::end(TransferState state, const QString &reason)
{
    if (m_done)
        return;
    m_done = true;
    m_phase = Phase::Ended;
    m_outcome.state = state;
    m_outcome.reason = reason;
    // Bodies still going out were not accepted: only what the service confirmed counts.
    m_sending.clear();
    m_bytesSending = 0;
    m_outcome.bytes =
        state == TransferState::Completed && !m_context.spec->dryRun ? m_item.size : m_bytesDone;
    // Requests still running for this file are pointless now; their slots free as they end.
    const auto running = m_jobs; // abort() may finish a job at once and shrink m_jobs
    for (net::HttpJob *job : running)
        job->abort();
    if (state != TransferState::Completed)
        cleanUp();
    Q_EMIT finished();
}

} // namespace blobferry::transfer
