// SPDX-License-Identifier: MIT
#include "UploadTransfer.h"

#include "ContentHash.h"
#include "DestinationIndex.h"
#include "FileRangeDevice.h"
#include "azure/BlobXml.h"
#include "journal/Journal.h"

#include <QBuffer>
#include <QCryptographicHash>

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
    , m_originalBlobName(blobName)
    , m_blobName(std::move(blobName))
{}

void UploadTransfer::look()
{
    if (!m_context.index) {
        queuePhaseRequest(); // a HEAD
        return;
    }
    m_context.index->find(m_blobName, this, [this](const DestinationIndex::Answer &answer) {
        if (isDone())
            return;
        if (answer.known == DestinationIndex::Known::Unknown)
            queuePhaseRequest(); // a HEAD, as without the index
        else
            lookedAt(blobSide(answer.known == DestinationIndex::Known::Present ? &answer.entry
                                                                               : nullptr));
    });
}

void UploadTransfer::keepBothInstead()
{
    keepBothBlob(m_originalBlobName, m_keepBothCounter, m_blobName);
}

void UploadTransfer::prologue()
{
    if (!m_plan) {
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
        if (!m_plan->isSingleShot())
            startHashing();
    }
    // Again after "keep both" moved the blob to a new name: its blocks go there anew (the
    // hashing of the file goes on).
    m_nextBlock = 0;
    m_blocksLeft = m_plan->isSingleShot() ? 0 : m_plan->blockCount();
    m_blockSent = QList<bool>(m_plan->blockCount(), false);
    if (m_plan->isSingleShot()) {
        startChunks(); // none: the Put Blob is the commit
        chunksDone();
        return;
    }
    journal::Journal *journal = m_context.journal;
    const journal::Journal::FileState *previous =
        journal ? journal->previous(m_item.relativeName) : nullptr;
    if (previous && !previous->done) {
        if (previous->tag == m_tag && previous->size == m_item.size) {
            queuePhaseRequest(); // which blocks the interrupted run sent, the service kept
            return;
        }
        Q_EMIT notice(QStringLiteral("Restarting %1 from the beginning: it changed since the "
                                     "interrupted run")
                          .arg(m_item.relativeName));
    }
    // Recorded before the first byte goes out, so a kill at any point is resumable.
    if (journal)
        journal->fileStarted(m_item.relativeName, journalState());
    startChunks();
}

void UploadTransfer::startHashing()
{
    // One pass over the file, in order, on a pool thread: each block's MD5 and the file's.
    m_hasher = new SequentialHasher(m_item.localPath, this);
    connect(m_hasher, &SequentialHasher::segmentHashed, this, [this](int, const QByteArray &md5) {
        m_blockMd5.append(md5); // segments come back in the order they were added
        Q_EMIT requestReady();
    });
    connect(m_hasher, &SequentialHasher::failed, this,
            [this](const QString &error) { fail(error); });
    for (int i = 0; i < m_plan->blockCount(); ++i)
        m_hasher->add(i, m_plan->offsetOf(i), m_plan->lengthOf(i));
}

journal::Journal::FileState UploadTransfer::journalState() const
{
    journal::Journal::FileState state;
    state.size = m_item.size;
    state.modifiedMs = m_item.modified.toMSecsSinceEpoch();
    state.tag = m_tag;
    return state;
}

std::optional<FileTransfer::Request> UploadTransfer::prologueRequest()
{
    const auto *blobs = m_context.blobs;
    const QString name = m_blobName;
    Request request;
    request.url = blobs->location().blobUrl(name);
    request.factory = [blobs, name] { return blobs->getBlockList(name); };
    request.done = [this, url = request.url](const net::HttpResult &result) {
        azure::BlockListResult list;
        QString error;
        // 404: nothing of the blob exists: the uncommitted blocks expired or never came.
        if (!result.ok() && result.status != 404) {
            failRequest(QStringLiteral("cannot ask which blocks arrived"), result, url);
            return;
        }
        if (result.ok() && !azure::xml::parseBlockList(result.body, &list, &error)) {
            fail(error);
            return;
        }
        QHash<QByteArray, qint64> uploaded;
        for (const auto &block : std::as_const(list.uncommitted))
            uploaded.insert(block.id, block.size);
        int kept = 0;
        qint64 keptBytes = 0;
        for (int i = 0; i < m_plan->blockCount(); ++i) {
            const auto it = uploaded.constFind(BlockPlan::blockId(m_tag, i));
            if (it != uploaded.constEnd() && *it == m_plan->lengthOf(i)) {
                m_blockSent[i] = true;
                ++kept;
                keptBytes += *it;
            }
        }
        addBytes(keptBytes);
        m_blocksLeft -= kept;
        Q_EMIT notice(QStringLiteral("Resuming %1: %2 of %3 blocks (%4 bytes) were already sent")
                          .arg(m_item.relativeName)
                          .arg(kept)
                          .arg(m_plan->blockCount())
                          .arg(keptBytes));
        skipSentBlocks();
        startChunks();
        if (m_blocksLeft == 0)
            blocksLanded();
    };
    return request;
}

void UploadTransfer::skipSentBlocks()
{
    while (m_nextBlock < m_plan->blockCount() && m_blockSent[m_nextBlock])
        ++m_nextBlock;
}

bool UploadTransfer::hasChunk() const
{
    // A block goes out once the hasher has its MD5 (they come in order).
    return m_nextBlock < m_plan->blockCount() && m_nextBlock < m_blockMd5.size();
}

std::optional<FileTransfer::Request> UploadTransfer::takeChunk()
{
    const int index = m_nextBlock++;
    skipSentBlocks();
    const auto *blobs = m_context.blobs;
    const QString name = m_blobName;
    const QString path = m_item.localPath;
    const qint64 offset = m_plan->offsetOf(index);
    const qint64 length = m_plan->lengthOf(index);
    const QByteArray id = BlockPlan::blockId(m_tag, index);
    Request request;
    request.url = blobs->location().blobUrl(name);
    // The block's MD5 lets the service reject a block damaged on the way (a transactional
    // check); the hasher computed it, off this thread, before the block became ready.
    const QByteArray md5 = m_blockMd5.value(index);
    request.factory = [blobs, name, path, offset, length, id, md5] {
        return blobs->putBlock(
            name, id, length, [path, offset, length] { return openRange(path, offset, length); },
            md5);
    };
    request.showsSentBytes = true; // a block counts for good (and in the journal) once put
    request.done = [this, index, length, url = request.url](const net::HttpResult &result) {
        if (!result.ok()) {
            failRequest({}, result, url);
            return;
        }
        addBytes(length);
        if (m_context.journal)
            m_context.journal->rangeDone(m_item.relativeName, index);
        if (--m_blocksLeft == 0)
            blocksLanded();
    };
    return request;
}

void UploadTransfer::blocksLanded()
{
    // Committing a file that changed under us would publish a mix of two versions.
    QString why;
    if (sourceUnchanged(&why))
        chunksDone();
    else
        fail(why);
}

bool UploadTransfer::commitReady() const
{
    // Blocks resumed from an interrupted run are hashed too, for the file's MD5.
    return m_plan->isSingleShot() || m_blockMd5.size() == m_plan->blockCount();
}

std::optional<FileTransfer::Request> UploadTransfer::commitRequest()
{
    if (m_plan->isSingleShot())
        return singleShotRequest();
    return blockListRequest();
}

FileTransfer::Request UploadTransfer::singleShotRequest()
{
    const auto *blobs = m_context.blobs;
    const QString name = m_blobName;
    const QString path = m_item.localPath;
    const qint64 size = m_item.size;
    const bool putMd5 = m_context.spec->putMd5;
    auto base = uploadProperties();
    base.onlyIfAbsent = createOnly();
    Request request;
    request.url = blobs->location().blobUrl(name);
    request.factory = [blobs, name, path, size, base, putMd5] {
        // Put Blob's Content-MD5 is both checked on arrival and stored as the blob's.
        auto props = base;
        QString error;
        if (putMd5)
            props.contentMd5 = md5OfRange(path, 0, size, &error).toBase64();
        return blobs->putBlob(
            name, size, [path, size] { return openRange(path, 0, size); }, props);
    };
    request.showsSentBytes = true; // counted for good in committed()
    request.done = [this, url = request.url](const net::HttpResult &result) {
        if (!result.ok())
            failRequest({}, result, url);
        else
            committed();
    };
    return request;
}

FileTransfer::Request UploadTransfer::blockListRequest()
{
    QList<QByteArray> ids;
    ids.reserve(m_plan->blockCount());
    for (int i = 0; i < m_plan->blockCount(); ++i)
        ids.append(BlockPlan::blockId(m_tag, i));
    const auto *blobs = m_context.blobs;
    const QString name = m_blobName;
    auto props = uploadProperties();
    if (m_context.spec->putMd5)
        props.contentMd5 = m_hasher->result().toBase64(); // every block was hashed by now
    props.onlyIfAbsent = createOnly();
    Request request;
    request.url = blobs->location().blobUrl(name);
    request.factory = [blobs, name, ids, props] { return blobs->putBlockList(name, ids, props); };
    request.done = [this, url = request.url](const net::HttpResult &result) {
        if (!result.ok())
            failRequest(QStringLiteral("commit failed"), result, url);
        else
            committed();
    };
    return request;
}

void UploadTransfer::committed()
{
    if (m_plan->isSingleShot()) {
        // The Put Blob read the file as it went: it must not have changed meanwhile.
        QString why;
        if (!sourceUnchanged(&why)) {
            fail(why);
            return;
        }
        addBytes(m_item.size); // a block upload counted its blocks as they went
    }
    if (m_context.journal)
        m_context.journal->fileDone(m_item.relativeName, journalState());
    complete();
}

bool UploadTransfer::isOwnWrite(const net::HttpResult &head) const
{
    const QByteArray theirs = head.header("Content-MD5");
    return head.ok() && head.header("Content-Length").toLongLong() == m_item.size &&
           !theirs.isEmpty() && theirs == ownMd5();
}

QByteArray UploadTransfer::ownMd5() const
{
    if (!m_plan->isSingleShot())
        return m_hasher ? m_hasher->result().toBase64() : QByteArray();
    QString error;
    return md5OfRange(m_item.localPath, 0, m_item.size, &error).toBase64();
}

} // namespace blobferry::transfer
