// SPDX-License-Identifier: MIT
#include "UploadTransfer.h"

#include "ContentHash.h"
#include "DestinationIndex.h"
#include "FileRangeDevice.h"
#include "NameMapper.h"
#include "azure/AzureError.h"
#include "azure/BlobXml.h"
#include "journal/Journal.h"

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
    , m_originalBlobName(blobName)
    , m_blobName(std::move(blobName))
{}

void UploadTransfer::keepBoth()
{
    if (m_context.spec->dryRun) { // no name is checked in a dry run
        proceedWithoutConflict();
        return;
    }
    const int slash = int(m_originalBlobName.lastIndexOf(QLatin1Char('/')));
    m_blobName = m_originalBlobName.left(slash + 1) +
                 NameMapper::withCounter(m_originalBlobName.mid(slash + 1), ++m_keepBothCounter);
    m_phase = Phase::Checking;
    m_checkIssued = false;
    Q_EMIT requestReady();
}

void UploadTransfer::begin()
{
    const TransferSpec &spec = *m_context.spec;
    // /Y alone needs no look at the destination; anything else starts with a HEAD.
    if (spec.overwrite == OverwritePolicy::Always && !spec.excludeOlder && !spec.excludeNewer &&
        !spec.dryRun) {
        startSending();
        return;
    }
    if (!m_context.index)
        return; // the engine asks for the HEAD
    m_phase = Phase::Consulting;
    m_context.index->find(m_blobName, this, [this](const DestinationIndex::Answer &answer) {
        if (isDone())
            return;
        if (answer.known == DestinationIndex::Known::Unknown) {
            m_phase = Phase::Checking; // a HEAD, as without the index
            Q_EMIT requestReady();
            return;
        }
        m_phase = Phase::AwaitingAnswer;
        const bool present = answer.known == DestinationIndex::Known::Present;
        settle(m_blobName, sourceSide(), blobSide(present ? &answer.entry : nullptr),
               [this, present] {
                   m_createOnly = !present;
                   startSending();
               });
        Q_EMIT requestReady(); // the answer may come later than begin(): pump again
    });
}

ConflictPolicy::Side UploadTransfer::sourceSide() const
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

bool UploadTransfer::hasNextRequest() const
{
    switch (m_phase) {
    case Phase::Checking:
        return !m_checkIssued;
    case Phase::Inspecting:
        return !m_inspectIssued;
    case Phase::Sending:
        return m_plan->isSingleShot()
                   ? m_nextBlock == 0
                   : m_nextBlock < m_plan->blockCount() && m_nextBlock < m_blockMd5.size();
    case Phase::Committing:
        // Blocks resumed from an interrupted run are hashed too, for the file's MD5.
        return !m_commitIssued && m_blockMd5.size() == m_plan->blockCount();
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
    case Phase::Inspecting:
        m_inspectIssued = true;
        return inspectRequest();
    case Phase::Sending:
        if (m_plan->isSingleShot()) {
            ++m_nextBlock;
            return singleShotRequest();
        }
        {
            Request request = blockRequest(m_nextBlock++);
            skipSentBlocks();
            return request;
        }
    default:
        m_commitIssued = true;
        return commitRequest();
    }
}

FileTransfer::Request UploadTransfer::checkRequest()
{
    return destinationCheck(m_blobName, [this](const net::HttpResult &result) {
        if (m_raced) {
            afterRace(result);
            return;
        }
        if (m_keepBothCounter > 0) { // looking for a free name to keep both
            if (result.ok()) {
                keepBoth();
                return;
            }
            Q_EMIT notice(QStringLiteral("Kept both: %1").arg(m_blobName));
            m_createOnly = true;
            startSending();
            return;
        }
        m_phase = Phase::AwaitingAnswer;
        const bool exists = result.ok();
        settle(m_blobName, sourceSide(), blobSide(result), [this, exists] {
            m_createOnly = !exists;
            startSending();
        });
    });
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
    m_blockSent = QList<bool>(m_plan->blockCount(), false);
    if (!m_plan->isSingleShot())
        startHashing();

    journal::Journal *journal = m_context.journal;
    const journal::Journal::FileState *previous =
        journal ? journal->previous(m_item.relativeName) : nullptr;
    if (previous && !previous->done && !m_plan->isSingleShot()) {
        if (previous->tag == m_tag && previous->size == m_item.size) {
            // The interrupted run sent some blocks: ask the service which it kept.
            m_phase = Phase::Inspecting;
            return;
        }
        Q_EMIT notice(QStringLiteral("Restarting %1 from the beginning: it changed since the "
                                     "interrupted run")
                          .arg(m_item.relativeName));
    }
    beginBlocks();
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

void UploadTransfer::beginBlocks()
{
    // Recorded before the first byte goes out, so a kill at any point is resumable.
    if (m_context.journal && !m_plan->isSingleShot())
        m_context.journal->fileStarted(m_item.relativeName, journalState());
    m_phase = Phase::Sending;
    skipSentBlocks();
}

journal::Journal::FileState UploadTransfer::journalState() const
{
    journal::Journal::FileState state;
    state.size = m_item.size;
    state.modifiedMs = m_item.modified.toMSecsSinceEpoch();
    state.tag = m_tag;
    return state;
}

void UploadTransfer::skipSentBlocks()
{
    while (m_nextBlock < m_plan->blockCount() && m_blockSent[m_nextBlock])
        ++m_nextBlock;
}

FileTransfer::Request UploadTransfer::inspectRequest()
{
    const auto *blobs = m_context.blobs;
    const QString name = m_blobName;
    Request request;
    request.url = blobs->location().blobUrl(name);
    request.factory = [blobs, name] { return blobs->getBlockList(name); };
    request.done = [this](const net::HttpResult &result) {
        azure::BlockListResult list;
        QString error;
        // 404: nothing of the blob exists: the uncommitted blocks expired or never came.
        if (!result.ok() && result.status != 404) {
            failRequest(QStringLiteral("cannot ask which blocks arrived"), result,
                        m_context.blobs->location().blobUrl(m_blobName));
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
        m_phase = Phase::Sending;
        skipSentBlocks();
        if (m_blocksLeft == 0)
            m_phase = Phase::Committing;
    };
    return request;
}

FileTransfer::Request UploadTransfer::singleShotRequest()
{
    const auto *blobs = m_context.blobs;
    const QString name = m_blobName;
    const QString path = m_item.localPath;
    const qint64 size = m_item.size;
    const bool putMd5 = m_context.spec->putMd5;
    auto base = uploadProperties();
    base.onlyIfAbsent = m_createOnly;
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
    request.done = [this](const net::HttpResult &result) {
        if (appeared(result))
            recheck();
        else if (!result.ok())
            failRequest({}, result, m_context.blobs->location().blobUrl(m_blobName));
        else
            finishSent();
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
    // The block's MD5 lets the service reject a block damaged on the way (a transactional
    // check); the hasher computed it, off this thread, before the block became ready.
    const QByteArray md5 = m_blockMd5.value(index);
    request.factory = [blobs, name, path, offset, length, id, md5] {
        return blobs->putBlock(
            name, id, length, [path, offset, length] { return openRange(path, offset, length); },
            md5);
    };
    request.done = [this, index, length](const net::HttpResult &result) {
        if (!result.ok()) {
            failRequest({}, result, m_context.blobs->location().blobUrl(m_blobName));
            return;
        }
        addBytes(length);
        if (m_context.journal)
            m_context.journal->rangeDone(m_item.relativeName, index);
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
    auto props = uploadProperties();
    if (m_context.spec->putMd5)
        props.contentMd5 = m_hasher->result().toBase64(); // every block was hashed by now
    props.onlyIfAbsent = m_createOnly;
    Request request;
    request.url = blobs->location().blobUrl(name);
    request.factory = [blobs, name, ids, props] { return blobs->putBlockList(name, ids, props); };
    request.done = [this](const net::HttpResult &result) {
        if (appeared(result)) {
            recheck();
            return;
        }
        if (!result.ok()) {
            failRequest(QStringLiteral("commit failed"), result,
                        m_context.blobs->location().blobUrl(m_blobName));
            return;
        }
        finishSent();
    };
    return request;
}

void UploadTransfer::finishSent()
{
    if (m_plan->isSingleShot()) {
        QString why;
        if (!sourceUnchanged(&why)) {
            fail(why);
            return;
        }
        addBytes(m_item.size); // a block upload counted its blocks as they went
    }
    m_phase = Phase::Done;
    if (m_context.journal)
        m_context.journal->fileDone(m_item.relativeName, journalState());
    complete();
}

bool UploadTransfer::appeared(const net::HttpResult &result) const
{
    if (!m_createOnly || (result.status != 409 && result.status != 412))
        return false;
    const QString code = azure::errorCode(result);
    return code == QLatin1String("BlobAlreadyExists") || code == QLatin1String("ConditionNotMet");
}

void UploadTransfer::recheck()
{
    // Someone wrote the blob after it was found absent (the listing is a snapshot): look again
    // and decide as for any existing blob, rather than replace it unasked.
    m_createOnly = false;
    m_raced = true;
    m_phase = Phase::Checking;
    m_checkIssued = false;
    Q_EMIT requestReady();
}

void UploadTransfer::afterRace(const net::HttpResult &head)
{
    m_raced = false;
    // The bytes there may be ours: a retried write whose first try had landed.
    const QByteArray theirs = head.header("Content-MD5");
    if (head.ok() && head.header("Content-Length").toLongLong() == m_item.size &&
        !theirs.isEmpty() && theirs == ownMd5()) {
        finishSent();
        return;
    }
    Q_EMIT notice(
        QStringLiteral("%1 appeared in the destination while this job ran").arg(m_blobName));
    m_phase = Phase::AwaitingAnswer;
    settle(m_blobName, sourceSide(), blobSide(head), [this] {
        // Overwrite: the same write again, without the condition; the blocks are still there.
        if (m_plan->isSingleShot()) {
            m_phase = Phase::Sending;
            m_nextBlock = 0;
        } else {
            m_phase = Phase::Committing;
            m_commitIssued = false;
        }
        Q_EMIT requestReady();
    });
}

QByteArray UploadTransfer::ownMd5() const
{
    if (!m_plan->isSingleShot())
        return m_hasher ? m_hasher->result().toBase64() : QByteArray();
    QString error;
    return md5OfRange(m_item.localPath, 0, m_item.size, &error).toBase64();
}

} // namespace blobferry::transfer
