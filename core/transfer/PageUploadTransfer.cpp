// SPDX-License-Identifier: MIT
#include "PageUploadTransfer.h"

#include "ContentHash.h"
#include "FileRangeDevice.h"
#include "PageScan.h"
#include "azure/BlobXml.h"

#include <QCryptographicHash>
#include <QFileInfo>

namespace blobferry::transfer {

PageUploadTransfer::PageUploadTransfer(SourceItem item, QString blobName, TransferContext context,
                                       QObject *parent)
    : FileTransfer(std::move(item), context, parent)
    , m_blobName(std::move(blobName))
{
    // Ties the journal record to this version of the file.
    QCryptographicHash hash(QCryptographicHash::Md5);
    hash.addData(QByteArray::number(m_item.size) + ':' +
                 QByteArray::number(m_item.modified.toMSecsSinceEpoch()) + ":page");
    m_tag = hash.result().toHex().left(8);
    planRanges();
}

void PageUploadTransfer::planRanges()
{
    // Put Page takes at most 4 MiB; ranges stay 512-aligned.
    m_rangeSize = std::clamp<qint64>(m_context.spec->blockSize / kPage * kPage, kPage, kMaxWrite);
    m_rangeCount = int((paddedSize(m_item.size) + m_rangeSize - 1) / m_rangeSize);
    m_rangesLeft = m_rangeCount;
    m_rangeDone = QList<bool>(m_rangeCount, false);
    m_zeroChecked = QList<bool>(m_rangeCount, false);
}

qint64 PageUploadTransfer::rangeLength(int index) const
{
    return std::max<qint64>(0, std::min(m_rangeSize, m_item.size - rangeOffset(index)));
}

journal::Journal::FileState PageUploadTransfer::journalState() const
{
    journal::Journal::FileState state;
    state.size = m_item.size;
    state.modifiedMs = m_item.modified.toMSecsSinceEpoch();
    state.tag = m_tag;
    return state;
}

ConflictPolicy::Side PageUploadTransfer::sourceSide() const
{
    ConflictPolicy::Side source = localSourceSide();
    source.md5 = nullptr; // a page blob keeps no Content-MD5 to compare with
    return source;
}

void PageUploadTransfer::looked(const net::HttpResult &result)
{
    const journal::Journal::FileState *previous =
        m_context.journal ? m_context.journal->previous(m_item.relativeName) : nullptr;
    const bool ours = result.ok() && previous && !previous->done && previous->tag == m_tag &&
                      result.header("x-ms-blob-type") == "PageBlob" &&
                      result.header("Content-Length").toLongLong() == paddedSize(m_item.size) &&
                      azure::BlobEntry::fromHeaders(m_blobName, result).incomplete;
    if (ours) {
        // The interrupted run's blob: keep its confirmed ranges, write the rest.
        qint64 kept = 0;
        for (const int index : previous->rangesDone) {
            if (index >= 0 && index < m_rangeCount && !m_rangeDone[index]) {
                m_rangeDone[index] = true;
                --m_rangesLeft;
                kept += rangeLength(index);
            }
        }
        addBytes(kept);
        Q_EMIT notice(QStringLiteral("Resuming %1: %2 of %3 page ranges were already written")
                          .arg(m_item.relativeName)
                          .arg(m_rangeCount - m_rangesLeft)
                          .arg(m_rangeCount));
        startWriting();
        return;
    }
    if (previous && !previous->done)
        Q_EMIT notice(QStringLiteral("Restarting %1 from the beginning: it changed since the "
                                     "interrupted run")
                          .arg(m_item.relativeName));
    lookedAt(blobSide(result));
}

void PageUploadTransfer::prologue()
{
    // Journaled before the blob exists: a kill right after the create still resumes into it.
    if (m_context.journal)
        m_context.journal->fileStarted(m_item.relativeName, journalState());
    queuePhaseRequest();
}

std::optional<FileTransfer::Request> PageUploadTransfer::prologueRequest()
{
    const auto *blobs = m_context.blobs;
    const QString name = m_blobName;
    const qint64 padded = paddedSize(m_item.size);
    const auto properties = uploadProperties();
    Request request;
    request.url = blobs->location().blobUrl(name);
    request.factory = [blobs, name, padded, properties] {
        return blobs->createPageBlob(name, padded, properties);
    };
    request.done = [this](const net::HttpResult &result) {
        if (!result.ok()) {
            failRequest(QStringLiteral("cannot create the page blob"), result,
                        m_context.blobs->location().blobUrl(m_blobName));
            return;
        }
        startWriting();
    };
    return request;
}

void PageUploadTransfer::startWriting()
{
    startChunks();
    skipDoneRanges();
    if (m_rangesLeft == 0)
        pagesWritten();
}

void PageUploadTransfer::pagesWritten()
{
    QString why;
    if (!sourceUnchanged(&why)) {
        fail(why);
        return;
    }
    chunksDone();
}

std::optional<FileTransfer::Request> PageUploadTransfer::commitRequest()
{
    const auto *blobs = m_context.blobs;
    const QString name = m_blobName;
    const qint64 size = m_item.size;
    const auto properties = uploadProperties();
    Request request;
    request.url = blobs->location().blobUrl(name);
    request.factory = [blobs, name, size, properties] {
        return blobs->finishPageBlob(name, size, properties);
    };
    request.done = [this](const net::HttpResult &result) {
        if (!result.ok()) {
            failRequest(QStringLiteral("cannot finish the page blob"), result,
                        m_context.blobs->location().blobUrl(m_blobName));
            return;
        }
        committed();
    };
    return request;
}

void PageUploadTransfer::committed()
{
    if (m_context.journal)
        m_context.journal->fileDone(m_item.relativeName, journalState());
    complete();
}

void PageUploadTransfer::skipDoneRanges()
{
    // A few ranges ahead are read for zeros per call, so a huge, mostly empty disk image does
    // not hold the engine's thread for long; a zero range found later is sent as a bodiless
    // Clear Pages instead (takeChunk).
    constexpr int kScanAhead = 8;
    int scanned = 0;
    while (m_nextRange < m_rangeCount) {
        const int index = m_nextRange;
        if (m_rangeDone[index]) {
            ++m_nextRange;
            continue;
        }
        if (m_zeroChecked[index] || scanned == kScanAhead)
            break;
        m_zeroChecked[index] = true;
        ++scanned;
        const qint64 offset = rangeOffset(index);
        const qint64 length = std::min(m_rangeSize, paddedSize(m_item.size) - offset);
        QString error;
        const auto span =
            PageScan::nonZeroSpan(m_item.localPath, offset, rangeLength(index), length, &error);
        if (!span || !span->isEmpty())
            break; // data to send (a read error is reported by the request)
        m_rangeDone[index] = true;
        --m_rangesLeft;
        addBytes(rangeLength(index));
        if (m_context.journal)
            m_context.journal->rangeDone(m_item.relativeName, index);
        ++m_nextRange;
    }
}

std::optional<FileTransfer::Request> PageUploadTransfer::takeChunk()
{
    const int index = m_nextRange++;
    skipDoneRanges();
    const auto *blobs = m_context.blobs;
    const QString name = m_blobName;
    const QString path = m_item.localPath;
    const qint64 offset = rangeOffset(index);
    const qint64 fileBytes = rangeLength(index);
    // The last range carries the zero padding up to the next 512-byte boundary.
    const qint64 length = std::min(m_rangeSize, paddedSize(m_item.size) - offset);
    Request request;
    request.url = blobs->location().blobUrl(name);
    request.factory = [blobs, name, path, offset, fileBytes, length] {
        QString error;
        // Only the pages from the first to the last non-zero one go out.
        const auto span = PageScan::nonZeroSpan(path, offset, fileBytes, length, &error);
        if (span && span->isEmpty())
            return blobs->clearPages(name, offset, length);
        const qint64 begin = span ? span->begin : 0;
        const qint64 at = offset + begin;
        const qint64 size = (span ? span->end : length) - begin;
        const qint64 fromFile = std::clamp<qint64>(fileBytes - begin, 0, size);
        Md5 md5;
        hashRange(path, at, fromFile, &md5, nullptr, &error);
        md5.addData(QByteArray(size - fromFile, '\0'));
        return blobs->putPage(
            name, at, size,
            [path, at, fromFile, size]() -> QIODevice * {
                auto *device = new FileRangeDevice(path, at, fromFile, size);
                device->open(QIODevice::ReadOnly);
                return device;
            },
            md5.result().toBase64());
    };
    request.done = [this, index, fileBytes](const net::HttpResult &result) {
        if (!result.ok()) {
            failRequest({}, result, m_context.blobs->location().blobUrl(m_blobName));
            return;
        }
        m_rangeDone[index] = true;
        addBytes(fileBytes);
        if (m_context.journal)
            m_context.journal->rangeDone(m_item.relativeName, index);
        if (--m_rangesLeft == 0)
            pagesWritten();
    };
    return request;
}

} // namespace blobferry::transfer
