// SPDX-License-Identifier: MIT
#include "FileTransfer.h"

#include "ContentTypes.h"
#include "azure/AzureError.h"
#include "azure/BlobXml.h"
#include "net/NetworkPool.h"

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

void FileTransfer::startNextRequest()
{
    Request request = takeNextRequest();
    QNetworkAccessManager *nam = m_context.pool->acquire();
    auto *job = new net::HttpJob(nam, std::move(request.factory), m_context.spec->retry, this);
    if (request.sink)
        job->setSink(std::move(request.sink));
    if (request.check)
        job->setCheck(std::move(request.check));
    job->setLimiter(m_context.limiter);
    m_jobs.insert(job);
    connect(job, &net::HttpJob::finished, this, [this, job, nam, done = std::move(request.done)] {
        m_context.pool->release(nam);
        m_jobs.remove(job);
        job->deleteLater();
        if (!m_done)
            done(job->result());
        Q_EMIT requestFinished();
    });
    job->start();
}

void FileTransfer::settle(const QString &destinationName, const ConflictPolicy::Side &source,
                          const ConflictPolicy::Side &destination, std::function<void()> proceed)
{
    m_proceed = std::move(proceed);
    const ConflictPolicy::Decision decision =
        ConflictPolicy(*m_context.spec).decide(source, destination);
    if (ConflictPolicy::isSkip(decision)) {
        skip(ConflictPolicy::reason(decision));
        return;
    }
    if (decision != ConflictPolicy::Decision::Ask) {
        proceedOrPretend(decision == ConflictPolicy::Decision::Overwrite);
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
    Q_EMIT conflictRaised(conflict);
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
    if (!m_item.encodedFrom.isEmpty())
        properties.contentEncoding = "gzip";
    if (m_context.spec->preserveTime)
        properties.fileModifiedMs = m_item.modified.toMSecsSinceEpoch();
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
    ConflictPolicy::Side side;
    side.exists = head.ok();
    if (!side.exists)
        return side;
    side.size = head.header("Content-Length").toLongLong();
    side.incomplete = !head.header("x-ms-meta-blobferryincomplete").isEmpty();
    // The file's own mtime when an upload recorded it, else when the blob was written.
    const qint64 recorded =
        azure::parseRecordedFileTime(QString::fromLatin1(head.header("x-ms-meta-blobferrymtime")));
    side.modified = recorded > 0
                        ? QDateTime::fromMSecsSinceEpoch(recorded, Qt::UTC)
                        : azure::parseHttpDate(QString::fromLatin1(head.header("Last-Modified")));
    const QByteArray md5 = head.header("Content-MD5");
    side.knownMd5 = md5;
    side.md5 = [md5] { return md5; };
    return side;
}

FileTransfer::Request
FileTransfer::destinationCheck(const QString &blobName,
                               std::function<void(const net::HttpResult &)> looked)
{
    const auto *blobs = m_context.blobs;
    Request request;
    request.url = blobs->location().blobUrl(blobName);
    request.factory = [blobs, blobName] { return blobs->getProperties(blobName); };
    request.done = [this, url = request.url,
                    looked = std::move(looked)](const net::HttpResult &result) {
        if (!result.ok() && result.status != 404) {
            failRequest(QStringLiteral("cannot check the destination"), result, url);
            return;
        }
        looked(result);
    };
    return request;
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
    side.modified = entry->fileModifiedMs > 0
                        ? QDateTime::fromMSecsSinceEpoch(entry->fileModifiedMs, Qt::UTC)
                        : entry->lastModified;
    const QByteArray md5 = entry->contentMd5;
    side.knownMd5 = md5;
    side.md5 = [md5] { return md5; };
    return side;
}

void FileTransfer::keepBoth()
{
    skip(QStringLiteral("the destination exists; keeping both is not possible for this kind "
                        "of copy"));
}

void FileTransfer::resolveConflict(bool overwrite)
{
    if (overwrite)
        proceedOrPretend(true);
    else
        skip(QStringLiteral("the destination exists and was not overwritten"));
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

void FileTransfer::cancel()
{
    if (m_done)
        return;
    end(TransferState::Cancelled, QStringLiteral("cancelled"));
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
    m_failed = true;
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
    m_outcome.state = state;
    m_outcome.reason = reason;
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
