// SPDX-License-Identifier: MIT
#include "UploadTransfer.h"

#include "FileRangeDevice.h"
#include "azure/BlobXml.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFileInfo>

namespace blobferry::transfer {

namespace {

QIODevice *openRange(const QString &path, qint64 offset, qint64 length)
{
    if (path.isEmpty()) { // a folder marker: no file, no bytes
        auto *empty = new QBuffer;
        empty->open(QIODevice::ReadOnly);
        return empty;
    }
    auto *device = new FileRangeDevice(path, offset, length);
    device->open(QIODevice::ReadOnly); // a failure shows as !isOpen() with its errorString()
    return device;
}

} // namespace

UploadTransfer::UploadTransfer(SourceItem item, QString blobName, TransferContext context,
                               QObject *parent)
    : FileTransfer(std::move(item), context, parent)
    , m_blobName(std::move(blobName))
{}

void UploadTransfer::begin()
{
    if (m_context.spec->overwrite == OverwritePolicy::Always)
        startSending();
    // otherwise the first request is the HEAD that looks for an existing blob
}

void UploadTransfer::resolveConflict(bool overwrite)
{
    if (overwrite)
        startSending();
    else
        skip(QStringLiteral("the blob exists and was not overwritten"));
}

bool UploadTransfer::hasNextRequest() const
{
    switch (m_phase) {
    case Phase::Checking:
        return !m_checkIssued;
    case Phase::Sending:
        return m_plan->isSingleShot() ? m_nextBlock == 0 : m_nextBlock < m_plan->blockCount();
    case Phase::Committing:
        return !m_commitIssued;
    default:
        return false;
    }
}

FileTransfer::Request UploadTransfer::takeNextRequest()
{
    switch (m_phase) {
    case Phase::Checking:
        m_checkIssued = true;
        return checkRequest();
    case Phase::Sending:
        if (m_plan->isSingleShot()) {
            ++m_nextBlock;
            return singleShotRequest();
        }
        return blockRequest(m_nextBlock++);
    default:
        m_commitIssued = true;
        return commitRequest();
    }
}

FileTransfer::Request UploadTransfer::checkRequest()
{
    const auto *blobs = m_context.blobs;
    const QString name = m_blobName;
    Request request;
    request.url = blobs->location().blobUrl(name);
    request.factory = [blobs, name] { return blobs->getProperties(name); };
    request.done = [this](const net::HttpResult &result) {
        if (result.status == 404) {
            startSending();
            return;
        }
        if (!result.ok()) {
            failRequest(QStringLiteral("cannot check the destination"), result,
                        m_context.blobs->location().blobUrl(m_blobName));
            return;
        }
        if (m_context.spec->overwrite == OverwritePolicy::Never) {
            skip(QStringLiteral("the blob exists"));
            return;
        }
        Conflict conflict;
        conflict.destination = m_blobName;
        conflict.sourceSize = m_item.size;
        conflict.sourceModified = m_item.modified;
        conflict.destinationSize = result.header("Content-Length").toLongLong();
        conflict.destinationModified = QDateTime::fromString(
            QString::fromLatin1(result.header("Last-Modified")), Qt::RFC2822Date);
        m_phase = Phase::AwaitingAnswer;
        Q_EMIT conflictRaised(conflict);
    };
    return request;
}

void UploadTransfer::startSending()
{
    m_plan.emplace(m_item.size, m_context.spec->blockSize);
    if (!m_plan->isPossible()) {
        fail(QStringLiteral(
            "the file is larger than a block blob can hold (50,000 blocks of 4000 MiB)"));
        return;
    }
    // Ties block ids to this version of the file (size and modification time).
    QCryptographicHash hash(QCryptographicHash::Md5);
    hash.addData(QByteArray::number(m_item.size) + ':' +
                 QByteArray::number(m_item.modified.toMSecsSinceEpoch()));
    m_tag = hash.result().toHex().left(8);
    m_blocksLeft = m_plan->blockCount();
    m_phase = Phase::Sending;
}

azure::BlobProperties UploadTransfer::properties() const
{
    return azure::BlobProperties{};
}

bool UploadTransfer::sourceUnchanged(QString *why) const
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

FileTransfer::Request UploadTransfer::singleShotRequest()
{
    const auto *blobs = m_context.blobs;
    const QString name = m_blobName;
    const QString path = m_item.localPath;
    const qint64 size = m_item.size;
    const auto props = properties();
    Request request;
    request.url = blobs->location().blobUrl(name);
    request.factory = [blobs, name, path, size, props] {
        return blobs->putBlob(
            name, size, [path, size] { return openRange(path, 0, size); }, props);
    };
    request.done = [this](const net::HttpResult &result) {
        QString why;
        if (!result.ok())
            failRequest({}, result, m_context.blobs->location().blobUrl(m_blobName));
        else if (!sourceUnchanged(&why))
            fail(why);
        else {
            addBytes(m_item.size);
            complete();
        }
    };
    return request;
}

FileTransfer::Request UploadTransfer::blockRequest(int index)
{
    const auto *blobs = m_context.blobs;
    const QString name = m_blobName;
    const QString path = m_item.localPath;
    const qint64 offset = m_plan->offsetOf(index);
    const qint64 length = m_plan->lengthOf(index);
    const QByteArray id = BlockPlan::blockId(m_tag, index);
    Request request;
    request.url = blobs->location().blobUrl(name);
    request.factory = [blobs, name, path, offset, length, id] {
        return blobs->putBlock(name, id, length,
                               [path, offset, length] { return openRange(path, offset, length); });
    };
    request.done = [this, length](const net::HttpResult &result) {
        if (!result.ok()) {
            failRequest({}, result, m_context.blobs->location().blobUrl(m_blobName));
            return;
        }
        addBytes(length);
        if (--m_blocksLeft > 0)
            return;
        // Committing a file that changed under us would publish a mix of two versions.
        QString why;
        if (sourceUnchanged(&why))
            m_phase = Phase::Committing;
        else
            fail(why);
    };
    return request;
}

FileTransfer::Request UploadTransfer::commitRequest()
{
    QList<QByteArray> ids;
    ids.reserve(m_plan->blockCount());
    for (int i = 0; i < m_plan->blockCount(); ++i)
        ids.append(BlockPlan::blockId(m_tag, i));
    const auto *blobs = m_context.blobs;
    const QString name = m_blobName;
    const auto props = properties();
    Request request;
    request.url = blobs->location().blobUrl(name);
    request.factory = [blobs, name, ids, props] { return blobs->putBlockList(name, ids, props); };
    request.done = [this](const net::HttpResult &result) {
        if (!result.ok()) {
            failRequest(QStringLiteral("commit failed"), result,
                        m_context.blobs->location().blobUrl(m_blobName));
            return;
        }
        m_phase = Phase::Done;
        complete();
    };
    return request;
}

} // namespace blobferry::transfer
