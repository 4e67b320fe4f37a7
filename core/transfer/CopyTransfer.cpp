// SPDX-License-Identifier: MIT
#include "CopyTransfer.h"

#include "azure/AzureError.h"
#include "journal/Journal.h"

namespace blobferry::transfer {

namespace {

constexpr int kMaxPollDelayMs = 5000;

} // namespace

CopyTransfer::CopyTransfer(SourceItem item, QString blobName, const azure::BlobRequests *source,
                           TransferContext context, QObject *parent)
    : FileTransfer(std::move(item), context, parent)
    , m_originalBlobName(blobName)
    , m_blobName(std::move(blobName))
    , m_source(source)
{
    m_pollTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, [this] {
        if (phase() == Phase::Commit)
            queuePhaseRequest(); // the next HEAD
    });
}

std::optional<FileTransfer::Request> CopyTransfer::takeChunk()
{
    m_copyIssued = true;
    const auto *blobs = m_context.blobs;
    const QString name = m_blobName;
    // The source's URL as the destination's service will fetch it: with the source's SAS when
    // it has one. It travels in a header and is never printed.
    const QUrl sourceUrl = m_source->location().blobUrl(m_item.blob.name);
    Request request;
    request.url = blobs->location().blobUrl(name);
    // The version listed, and no other: --move deletes the source only if it is still that one.
    request.factory = [blobs, name, sourceUrl, etag = m_item.blob.etag] {
        return blobs->copyBlob(name, sourceUrl, etag);
    };
    request.done = [this, url = request.url, sourceUrl](const net::HttpResult &result) {
        // An archived source is refused until it is rehydrated: say so, and how.
        if (const QString archived = azure::archivedReason(result, sourceUrl);
            !archived.isEmpty()) {
            fail(archived);
            return;
        }
        if (result.status == 412) {
            fail(QStringLiteral("the source changed after it was listed: it was not copied, and "
                                "stays as it is"));
            return;
        }
        if (!result.ok()) {
            failRequest(QStringLiteral("the service refused the copy"), result, url);
            return;
        }
        m_copyId = result.header("x-ms-copy-id");
        if (copyGoesOn(result))
            chunksDone();
    };
    return request;
}

void CopyTransfer::commit()
{
    // Finished at once (as within one account): verify with a HEAD now; else wait a little.
    if (m_pending)
        m_pollTimer.start(m_pollDelayMs);
    else
        queuePhaseRequest();
}

std::optional<FileTransfer::Request> CopyTransfer::commitRequest()
{
    const auto *blobs = m_context.blobs;
    const QString name = m_blobName;
    Request request;
    request.url = blobs->location().blobUrl(name);
    request.factory = [blobs, name] { return blobs->getProperties(name); };
    request.done = [this, url = request.url](const net::HttpResult &result) {
        if (!result.ok()) {
            failRequest(QStringLiteral("cannot follow the copy"), result, url);
            return;
        }
        // Another copy (or an upload) replaced ours: its outcome is not ours to report.
        if (!m_copyId.isEmpty() && result.header("x-ms-copy-id") != m_copyId) {
            fail(QStringLiteral("the destination was replaced while the copy ran"));
            return;
        }
        if (!copyGoesOn(result))
            return;
        if (m_pending) {
            m_pollDelayMs = std::min(kMaxPollDelayMs, m_pollDelayMs * 2);
            m_pollTimer.start(m_pollDelayMs);
            return;
        }
        const qint64 size = result.header("Content-Length").toLongLong();
        const QByteArray md5 = result.header("Content-MD5");
        if (size != m_item.blob.size ||
            (!m_item.blob.contentMd5.isEmpty() && md5 != m_item.blob.contentMd5)) {
            fail(QStringLiteral("the copy does not match its source (%1 bytes, MD5 %2; the "
                                "source has %3 bytes, MD5 %4)")
                     .arg(size)
                     .arg(QString::fromLatin1(md5))
                     .arg(m_item.blob.size)
                     .arg(QString::fromLatin1(m_item.blob.contentMd5)));
            return;
        }
        committed();
    };
    return request;
}

bool CopyTransfer::copyGoesOn(const net::HttpResult &result)
{
    const QByteArray status = result.header("x-ms-copy-status").toLower();
    m_pending = status == "pending";
    if (m_pending || status == "success")
        return true;
    const QByteArray why = result.header("x-ms-copy-status-description");
    fail(QStringLiteral("the service's copy ended as %1%2")
             .arg(QString::fromLatin1(status.isEmpty() ? "unknown" : status),
                  why.isEmpty() ? QString() : QStringLiteral(": ") + QString::fromUtf8(why)));
    return false;
}

void CopyTransfer::keepBothInstead()
{
    keepBothBlob(m_originalBlobName, m_keepBothCounter, m_blobName);
}

void CopyTransfer::committed()
{
    addBytes(m_item.size);
    if (m_context.journal) {
        journal::Journal::FileState state;
        state.size = m_item.size;
        state.modifiedMs = m_item.modified.toMSecsSinceEpoch();
        m_context.journal->fileDone(m_item.relativeName, state);
    }
    complete();
}

} // namespace blobferry::transfer
