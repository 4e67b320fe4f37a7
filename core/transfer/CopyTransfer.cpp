// SPDX-License-Identifier: MIT
#include "CopyTransfer.h"

#include "journal/Journal.h"

namespace blobferry::transfer {

namespace {

constexpr int kMaxPollDelayMs = 5000;

} // namespace

CopyTransfer::CopyTransfer(SourceItem item, QString blobName, const azure::BlobRequests *source,
                           TransferContext context, QObject *parent)
    : FileTransfer(std::move(item), context, parent)
    , m_blobName(std::move(blobName))
    , m_source(source)
{
    m_pollTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, [this] {
        m_issued = false;
        Q_EMIT requestReady();
    });
}

void CopyTransfer::begin()
{
    const TransferSpec &spec = *m_context.spec;
    // /Y alone needs no look at the destination.
    if (spec.overwrite == OverwritePolicy::Always && !spec.excludeOlder && !spec.excludeNewer &&
        !spec.dryRun)
        m_phase = Phase::Copying;
}

bool CopyTransfer::hasNextRequest() const
{
    switch (m_phase) {
    case Phase::Checking:
    case Phase::Copying:
    case Phase::Polling:
        return !m_issued;
    default:
        return false;
    }
}

FileTransfer::Request CopyTransfer::takeNextRequest()
{
    m_issued = true;
    switch (m_phase) {
    case Phase::Checking:
        return checkRequest();
    case Phase::Copying:
        return copyRequest();
    default:
        return pollRequest();
    }
}

FileTransfer::Request CopyTransfer::checkRequest()
{
    return destinationCheck(m_blobName, [this](const net::HttpResult &result) {
        m_phase = Phase::AwaitingAnswer;
        settle(m_blobName, listedSourceSide(), blobSide(result), [this] {
            m_phase = Phase::Copying;
            m_issued = false;
        });
    });
}

FileTransfer::Request CopyTransfer::copyRequest()
{
    const auto *blobs = m_context.blobs;
    const QString name = m_blobName;
    // The source's URL as the destination's service will fetch it: with the source's SAS when
    // it has one. It travels in a header and is never printed.
    const QUrl sourceUrl = m_source->location().blobUrl(m_item.blob.name);
    Request request;
    request.url = blobs->location().blobUrl(name);
    request.factory = [blobs, name, sourceUrl] { return blobs->copyBlob(name, sourceUrl); };
    request.done = [this](const net::HttpResult &result) {
        if (!result.ok()) {
            failRequest(QStringLiteral("the service refused the copy"), result,
                        m_context.blobs->location().blobUrl(m_blobName));
            return;
        }
        m_copyId = result.header("x-ms-copy-id");
        onCopyStatus(result, false);
    };
    return request;
}

FileTransfer::Request CopyTransfer::pollRequest()
{
    const auto *blobs = m_context.blobs;
    const QString name = m_blobName;
    Request request;
    request.url = blobs->location().blobUrl(name);
    request.factory = [blobs, name] { return blobs->getProperties(name); };
    request.done = [this](const net::HttpResult &result) {
        if (!result.ok()) {
            failRequest(QStringLiteral("cannot follow the copy"), result,
                        m_context.blobs->location().blobUrl(m_blobName));
            return;
        }
        // Another copy (or an upload) replaced ours: its outcome is not ours to report.
        if (!m_copyId.isEmpty() && result.header("x-ms-copy-id") != m_copyId) {
            fail(QStringLiteral("the destination was replaced while the copy ran"));
            return;
        }
        onCopyStatus(result, true);
    };
    return request;
}

void CopyTransfer::onCopyStatus(const net::HttpResult &result, bool head)
{
    const QByteArray status = result.header("x-ms-copy-status").toLower();
    if (status == "pending") {
        schedulePoll();
        return;
    }
    if (status != "success") {
        const QByteArray why = result.header("x-ms-copy-status-description");
        fail(QStringLiteral("the service's copy ended as %1%2")
                 .arg(QString::fromLatin1(status.isEmpty() ? "unknown" : status),
                      why.isEmpty() ? QString() : QStringLiteral(": ") + QString::fromUtf8(why)));
        return;
    }
    if (!head) { // finished at once (as within one account): verify with a HEAD now
        m_phase = Phase::Polling;
        m_issued = false;
        return;
    }
    const qint64 size = result.header("Content-Length").toLongLong();
    const QByteArray md5 = result.header("Content-MD5");
    if (size != m_item.blob.size ||
        (!m_item.blob.contentMd5.isEmpty() && md5 != m_item.blob.contentMd5)) {
        fail(QStringLiteral("the copy does not match its source (%1 bytes, MD5 %2; the source "
                            "has %3 bytes, MD5 %4)")
                 .arg(size)
                 .arg(QString::fromLatin1(md5))
                 .arg(m_item.blob.size)
                 .arg(QString::fromLatin1(m_item.blob.contentMd5)));
        return;
    }
    m_phase = Phase::Done;
    addBytes(m_item.size);
    if (m_context.journal) {
        journal::Journal::FileState state;
        state.size = m_item.size;
        state.modifiedMs = m_item.modified.toMSecsSinceEpoch();
        m_context.journal->fileDone(m_item.relativeName, state);
    }
    complete();
}

void CopyTransfer::schedulePoll()
{
    m_phase = Phase::Polling;
    m_pollTimer.start(m_pollDelayMs);
    m_pollDelayMs = std::min(kMaxPollDelayMs, m_pollDelayMs * 2);
}

} // namespace blobferry::transfer
