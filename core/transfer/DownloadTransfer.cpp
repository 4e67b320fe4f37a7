// SPDX-License-Identifier: MIT
#include "DownloadTransfer.h"

#include "BackgroundSync.h"
#include "ContentHash.h"
#include "DiskSpace.h"
#include "GzipCodec.h"
#include "JobLeftovers.h"
#include "NameMapper.h"
#include "PartFile.h"
#include "azure/AzureError.h"
#include "journal/Journal.h"

#include <QDir>
#include <QFileInfo>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <numeric>
#include <unistd.h>

namespace blobferry::transfer {

DownloadTransfer::DownloadTransfer(SourceItem item, QString blobName, QString localPath,
                                   TransferContext context, QObject *parent)
    : FileTransfer(std::move(item), context, parent)
    , m_blobName(std::move(blobName))
    , m_localPath(std::move(localPath))
{}

QString DownloadTransfer::partPath(const QString &localPath)
{
    return PartFile::candidate(localPath);
}

void DownloadTransfer::redirect(const QString &localPath)
{
    m_localPath = localPath;
    if (!m_opened)
        return; // the part file is chosen when the bytes start
    // The part file follows at once (an open handle survives a rename), replacing nothing, and
    // the journal learns its new name for the re-run.
    const QString moved = PartFile::moveBeside(m_partPath, localPath);
    if (moved.isEmpty() || moved == m_partPath)
        return; // it stays where it is; the rename into place goes from there
    m_partPath = moved;
    if (m_hasher)
        m_hasher->setPath(moved);
    if (m_context.journal)
        m_context.journal->partFileRenamed(m_item.relativeName, QFileInfo(moved).fileName());
}

void DownloadTransfer::keepBothInstead()
{
    const QFileInfo taken(m_localPath);
    const QString directory = taken.absolutePath() + QLatin1Char('/');
    for (int counter = 1;; ++counter) {
        const QString candidate = directory + NameMapper::withCounter(taken.fileName(), counter);
        if (!QFileInfo::exists(candidate) && !QFileInfo::exists(partPath(candidate))) {
            Q_EMIT notice(QStringLiteral("Kept both: %1 -> %2").arg(m_localPath, candidate));
            redirect(candidate);
            lookedAt(ConflictPolicy::Side()); // a free name: as if the file had been absent
            return;
        }
    }
}

void DownloadTransfer::look()
{
    const QFileInfo target(m_localPath);
    if (target.isDir()) {
        fail(QStringLiteral("a directory named %1 is in the way").arg(m_localPath));
        return;
    }
    ConflictPolicy::Side destination;
    destination.exists = target.exists();
    destination.size = target.size();
    destination.modified = target.lastModified();
    const QString path = m_localPath;
    const qint64 size = target.size();
    destination.md5 = [path, size] {
        QString error;
        return md5OfRange(path, 0, size, &error).toBase64();
    };
    lookedAt(destination);
}

void DownloadTransfer::prologue()
{
    const QString dir = QFileInfo(m_localPath).absolutePath();
    if (!QDir().mkpath(dir)) {
        fail(QStringLiteral("cannot create directory %1").arg(dir));
        return;
    }
    m_rangeSize = std::max<qint64>(1, m_context.spec->blockSize);
    // The ranges of a blob without a stored MD5 are small enough for the service to hash,
    // with or without --no-check-md5: a /Z re-run must split the blob as the first run did.
    const bool storedMd5 = !m_item.blob.contentMd5.isEmpty();
    if (!storedMd5)
        m_rangeSize = std::min(m_rangeSize, kMaxCheckedRange);
    m_rangeMd5 = !storedMd5 && m_context.spec->checkMd5;
    m_rangeCount = int((m_item.size + m_rangeSize - 1) / m_rangeSize);
    m_rangesLeft = m_rangeCount;
    m_received = QList<qint64>(m_rangeCount, 0);

    journal::Journal *journal = m_context.journal;
    const journal::Journal::FileState *previous =
        journal ? journal->previous(m_item.relativeName) : nullptr;
    // A part file is this job's only when the journal names it: an unfinished file's, beside
    // the file. Any other file is left alone and a new part file made.
    QString ownPart;
    if (previous && !previous->done && !previous->partName.isEmpty() &&
        !previous->partName.contains(QLatin1Char('/')))
        ownPart = dir + QLatin1Char('/') + previous->partName;
    const qint64 ownPartSize = ownPart.isEmpty() ? -1 : PartFile::regularFileSize(ownPart);
    const bool resumable = !ownPart.isEmpty() && ownPartSize == m_item.size &&
                           previous->etag == m_item.blob.etag && previous->size == m_item.size;
    QString error;
    int fd = -1;
    if (ownPartSize >= 0) {
        m_partPath = ownPart;
        fd = PartFile::openOwn(ownPart, !resumable, &error);
    } else {
        fd = PartFile::create(m_localPath, &m_partPath, &error); // or a killed run's, taken over
    }
    if (fd < 0) {
        fail(error);
        return;
    }
    m_partId = PartFile::identityOf(fd);
    m_opened =
        m_part.open(fd, QIODevice::ReadWrite | QIODevice::Unbuffered, QFileDevice::AutoCloseHandle);
    if (!m_opened) {
        ::close(fd);
        fail(QStringLiteral("cannot write %1: %2").arg(m_partPath, m_part.errorString()));
        return;
    }
    if (!m_part.resize(m_item.size)) {
        fail(QStringLiteral("cannot write %1: %2").arg(m_partPath, m_part.errorString()));
        return;
    }
    if (resumable) {
        // Ranges the interrupted run confirmed are on disk (synced before they were recorded).
        qint64 kept = 0;
        for (const int index : previous->rangesDone) {
            if (index < 0 || index >= m_rangeCount || m_received[index] > 0)
                continue;
            m_received[index] = rangeLength(index);
            kept += m_received[index];
            --m_rangesLeft;
        }
        // Ranges cut short: continue each from the bytes that were synced. Not when each range
        // is checked whole against its MD5: those start again.
        const auto partly = m_rangeMd5 ? QHash<int, qint64>() : previous->rangesPartly;
        for (auto it = partly.cbegin(); it != partly.cend(); ++it) {
            const int index = it.key();
            if (index < 0 || index >= m_rangeCount || m_received[index] > 0)
                continue;
            m_received[index] = std::clamp<qint64>(it.value(), 0, rangeLength(index) - 1);
            kept += m_received[index];
        }
        addBytes(kept);
        Q_EMIT notice(QStringLiteral("Resuming %1: %2 of %3 bytes were already here")
                          .arg(m_item.relativeName)
                          .arg(kept)
                          .arg(m_item.size));
    } else {
        if (previous && !previous->done) {
            const bool changed =
                previous->etag != m_item.blob.etag || previous->size != m_item.size;
            Q_EMIT notice(
                QStringLiteral("Restarting %1 from the beginning: %2")
                    .arg(m_item.relativeName,
                         changed ? QStringLiteral("the blob changed since the interrupted run")
                                 : QStringLiteral("the interrupted run's part file is not "
                                                  "there (or the journal does not name it)")));
        }
        if (journal)
            journal->fileStarted(m_item.relativeName, journalState());
    }
    // A file that cannot fit fails before its first byte, saying so, instead of filling the
    // disk for nothing.
    const qint64 needed = m_item.size - bytesReceived();
    const qint64 free = DiskSpace::available(m_partPath);
    if (free >= 0 && needed > free) {
        fail(DiskSpace::noSpaceMessage(m_partPath, needed));
        return;
    }
    m_verify = m_context.spec->checkMd5 && !m_item.blob.contentMd5.isEmpty();
    // A small blob in one fresh range arrives in order: its MD5 is taken from the chunks as
    // they come, with no reading back and no trip to a pool thread (most of the cost of
    // hashing 16 KiB that way). Bigger ones keep the hashing off the engine's thread.
    m_hashInline = m_verify && m_rangeCount <= 1 && m_item.size <= kInlineHashLimit &&
                   (m_rangeCount == 0 || m_received[0] == 0);
    if (m_verify && !m_hashInline) {
        m_hasher = new SequentialHasher(m_partPath, SequentialHasher::Digests::WholeOnly, this);
        connect(m_hasher, &SequentialHasher::segmentHashed, this, [this] {
            if (++m_hashed == m_rangeCount && m_awaitingHash)
                finishVerified();
        });
        connect(m_hasher, &SequentialHasher::failed, this,
                [this](const QString &error) { fail(error); });
    }
    skipReceivedRanges();
    startChunks();
    if (m_rangesLeft == 0)
        chunksDone();
}

void DownloadTransfer::checkpoint()
{
    if (phase() == Phase::Chunks)
        recordReceived();
}

QList<std::pair<int, qint64>> DownloadTransfer::takePartlyReceived(bool all)
{
    // A range checked against its MD5 counts only once it is complete (rangeDone).
    QList<std::pair<int, qint64>> partly;
    if (!m_context.journal || !m_part.isOpen() || m_rangeMd5 || m_received.isEmpty())
        return partly;
    if (m_checkpointed.size() != m_rangeCount)
        m_checkpointed = QList<qint64>(m_rangeCount, 0);
    for (int i = 0; i < m_rangeCount; ++i) {
        const qint64 got = m_received[i];
        if (got <= (all ? 0 : m_checkpointed[i]) || got >= rangeLength(i))
            continue; // nothing new, or complete (recorded as a "range" when it is)
        partly.append({i, got});
        m_checkpointed[i] = got;
    }
    return partly;
}

void DownloadTransfer::recordReceived()
{
    const QList<std::pair<int, qint64>> partly = takePartlyReceived(false);
    if (partly.isEmpty())
        return;
    // The bytes first, then the record that they are there.
    BackgroundSync::sync(m_part.handle(), this, [this, partly](bool synced) {
        if (!synced || isDone())
            return; // a run that ended recorded what it keeps (or the file is whole)
        for (const auto &[index, got] : partly)
            m_context.journal->rangePartly(m_item.relativeName, index, got);
    });
}

void DownloadTransfer::recordNow()
{
    // Every range cut short, also those whose background record was still waiting for its
    // sync: a file that ended drops those.
    const QList<std::pair<int, qint64>> partly = takePartlyReceived(true);
    if (!m_context.journal || !m_part.isOpen() || (partly.isEmpty() && m_unrecorded.isEmpty()))
        return;
    if (::fdatasync(m_part.handle()) != 0)
        return; // not durable: the re-run fetches those bytes again
    for (const int index : std::as_const(m_unrecorded))
        m_context.journal->rangeDone(m_item.relativeName, index);
    for (const auto &[index, got] : partly)
        m_context.journal->rangePartly(m_item.relativeName, index, got);
}

qint64 DownloadTransfer::bytesReceived() const
{
    return std::accumulate(m_received.cbegin(), m_received.cend(), qint64(0));
}

QString DownloadTransfer::writeError(int error) const
{
    if (error == ENOSPC || error == EDQUOT)
        return DiskSpace::noSpaceMessage(m_partPath, m_item.size - bytesReceived());
    return QStringLiteral("cannot write %1: %2")
        .arg(m_partPath, QString::fromLocal8Bit(std::strerror(error)));
}

qint64 DownloadTransfer::rangeLength(int index) const
{
    return std::min(m_rangeSize, m_item.size - qint64(index) * m_rangeSize);
}

journal::Journal::FileState DownloadTransfer::journalState() const
{
    journal::Journal::FileState state;
    state.size = m_item.size;
    state.etag = m_item.blob.etag;
    state.partName = QFileInfo(m_partPath).fileName();
    return state;
}

void DownloadTransfer::skipReceivedRanges()
{
    while (m_nextRange < m_rangeCount && m_received[m_nextRange] == rangeLength(m_nextRange))
        ++m_nextRange;
}

std::optional<FileTransfer::Request> DownloadTransfer::takeChunk()
{
    const int index = m_nextRange++;
    skipReceivedRanges();
    const qint64 start = qint64(index) * m_rangeSize;
    const qint64 length = std::min(m_rangeSize, m_item.size - start);
    // A single-range blob is fetched whole; a retry asks only for what has not arrived. Not a
    // page blob shorter than its padded size (blobferrylength): the whole would be too much.
    const bool whole = m_rangeCount == 1 && m_item.size == m_item.blob.size && !m_rangeMd5;
    const auto *blobs = m_context.blobs;
    const QString name = m_blobName;
    const QByteArray etag = m_item.blob.etag;
    // rangeMd5: the MD5 of the attempt's bytes, shared by the factory, the sink and the check.
    const auto received = m_rangeMd5 ? std::make_shared<Md5>() : nullptr;
    Request request;
    request.url = blobs->location().blobUrl(name);
    request.factory = [this, blobs, name, etag, index, start, length, whole, received] {
        if (received) {
            // The service's MD5 covers one whole answer: every attempt fetches the range anew
            // (bytes of an attempt cut short were never checked).
            addBytes(-m_received[index]);
            m_received[index] = 0;
            *received = Md5();
            return blobs->getBlob(name, start, length, etag, true);
        }
        const qint64 got = m_received[index];
        if (whole && got == 0)
            return blobs->getBlob(name, 0, -1, etag);
        return blobs->getBlob(name, start + got, length - got, etag);
    };
    request.sink = [this, index, start, length, received](const QByteArray &chunk) -> QString {
        const qint64 at = start + m_received[index];
        if (m_received[index] + chunk.size() > length)
            return QStringLiteral("the service sent more bytes than asked for");
        // pwrite(2): no shared file position between the parallel ranges.
        if (const int error =
                PartFile::writeAt(m_part.handle(), chunk.constData(), chunk.size(), at))
            return writeError(error);
        m_received[index] += chunk.size();
        if (m_hashInline)
            m_inlineHash.addData(chunk);
        if (received)
            received->addData(chunk);
        addBytes(chunk.size());
        return {};
    };
    if (received)
        request.check = [this, received, start, length](const net::HttpResult &answer) {
            return checkRange(answer, *received, start, length);
        };
    request.done = [this, index, length](const net::HttpResult &result) {
        if (!result.ok()) {
            const QUrl url = m_context.blobs->location().blobUrl(m_blobName);
            const QString archived = azure::archivedReason(result, url);
            if (!archived.isEmpty())
                fail(archived);
            else
                failRequest({}, result, url);
            return;
        }
        if (m_received[index] != length) {
            fail(QStringLiteral("the service sent %1 of %2 bytes")
                     .arg(m_received[index])
                     .arg(length));
            return;
        }
        // The bytes must be durable before the journal says they are there; the other ranges
        // go on arriving meanwhile. The last one needs no sync and record of its own: the
        // file is synced and recorded done next (a small file's only range cost a second
        // sync), and should that never come, one range is fetched again.
        if (m_context.journal && m_rangesLeft > 1) {
            m_unrecorded.insert(index);
            BackgroundSync::sync(m_part.handle(), this, [this, index](bool synced) {
                if (synced && !isDone() && m_unrecorded.remove(index))
                    m_context.journal->rangeDone(m_item.relativeName, index);
            });
        }
        advanceHash();
        if (--m_rangesLeft == 0)
            chunksDone();
    };
    return request;
}

QString DownloadTransfer::checkRange(const net::HttpResult &answer, const Md5 &received,
                                     qint64 start, qint64 length)
{
    const QByteArray sent = answer.header("Content-MD5");
    if (sent.isEmpty()) {
        // A service or proxy that ignores x-ms-range-get-content-md5: nothing to check with.
        if (!m_toldUnchecked)
            Q_EMIT notice(QStringLiteral("%1: the service sent no MD5 for its ranges, so its "
                                         "bytes cannot be checked")
                              .arg(m_item.relativeName));
        m_toldUnchecked = true;
        return {};
    }
    if (received.result().toBase64() == sent)
        return {};
    return QStringLiteral("bytes %1-%2 arrived different from what the service sent (their MD5 "
                          "is not the %3 it gave for them; try %4 of %5): something between "
                          "here and the service (a proxy, a network device?) is changing data")
        .arg(start)
        .arg(start + length - 1)
        .arg(QString::fromLatin1(sent))
        .arg(answer.attempts)
        .arg(m_context.spec->retry.maxTries);
}

void DownloadTransfer::advanceHash()
{
    // The complete prefix goes to the hasher as it grows: most of the MD5 is done by the time
    // the last byte arrives.
    while (m_hasher && m_hashQueued < m_rangeCount &&
           m_received[m_hashQueued] == rangeLength(m_hashQueued)) {
        m_hasher->add(m_hashQueued, qint64(m_hashQueued) * m_rangeSize, rangeLength(m_hashQueued));
        ++m_hashQueued;
    }
}

void DownloadTransfer::commit()
{
    advanceHash();
    if (m_hasher && m_hashed < m_rangeCount) {
        m_awaitingHash = true; // finishVerified() follows the last digest
        return;
    }
    finishVerified();
}

void DownloadTransfer::finishVerified()
{
    m_awaitingHash = false;
    if (isDone())
        return;
    const QByteArray md5 = m_hashInline ? m_inlineHash.result()
                           : m_hasher   ? m_hasher->result()
                                        : QByteArray();
    if (m_verify && md5.toBase64() != m_item.blob.contentMd5) {
        // Bad bytes must not be resumed from either: the part file goes.
        closePart();
        if (PartFile::stillAt(m_partPath, m_partId))
            QFile::remove(m_partPath);
        fail(QStringLiteral("the downloaded bytes do not match the blob's Content-MD5 (%1); "
                            "run the copy again, or pass --no-check-md5 to keep such files")
                 .arg(QString::fromLatin1(m_item.blob.contentMd5)));
        return;
    }
    if (!m_part.flush()) {
        fail(QStringLiteral("cannot write %1: %2").arg(m_partPath, m_part.errorString()));
        return;
    }
    // --gzip's counterpart: a gzip-encoded blob is stored as the file it was made from.
    const bool decode =
        m_item.blob.contentEncoding.compare(QLatin1String("gzip"), Qt::CaseInsensitive) == 0 &&
        !m_context.spec->keepEncoding;
    const bool setTime = m_context.spec->preserveTime && m_item.modified.isValid();
    // The time goes on through the open part file (futimens): no second open of the file.
    if (setTime && !decode)
        m_part.setFileTime(m_item.modified, QFileDevice::FileModificationTime);
    // With a journal, the bytes are durable before the file takes its name and is recorded
    // done. The sync runs off this thread (on it, it stalled every reply of the job), and a
    // file stopped meanwhile is left as its stop (cleanUp) left it.
    if (!m_context.journal) {
        placeFile(decode, setTime);
        return;
    }
    BackgroundSync::sync(m_part.handle(), this, [this, decode, setTime](bool synced) {
        if (isDone())
            return;
        if (!synced) { // the disk refused the bytes: the file must not claim them
            fail(QStringLiteral("%1 could not be written to disk (fdatasync: the disk or its "
                                "filesystem failed); free or check the disk, then run again")
                     .arg(m_part.fileName()));
            return;
        }
        placeFile(decode, setTime);
    });
}

void DownloadTransfer::placeFile(bool decode, bool setTime)
{
    closePart();
    // Whatever took the part file's name meanwhile (another blob of this job landing there,
    // a user's file) is neither moved into place nor deleted.
    if (!PartFile::stillAt(m_partPath, m_partId)) {
        fail(QStringLiteral("the part file %1 was replaced by another file while the download "
                            "ran; nothing was moved into place. Run the copy again")
                 .arg(m_partPath));
        return;
    }
    QString placed = m_partPath;
    if (decode) {
        QString error;
        placed = GzipCodec::decompressBeside(m_partPath, &error);
        QFile::remove(m_partPath); // verified bytes, but they are not what the file will be
        if (placed.isEmpty()) {
            fail(QStringLiteral("the blob says Content-Encoding: gzip but %1; pass "
                                "--keep-encoding to store its bytes as they are")
                     .arg(error));
            return;
        }
    }
    // rename(2) replaces an existing file atomically; QFile::rename would refuse.
    if (std::rename(QFile::encodeName(placed).constData(),
                    QFile::encodeName(m_localPath).constData()) != 0) {
        fail(QStringLiteral("cannot rename %1 to %2: %3")
                 .arg(placed, m_localPath, QString::fromLocal8Bit(std::strerror(errno))));
        return;
    }
    if (setTime && decode) {
        QFile placed(m_localPath);
        if (placed.open(QIODevice::ReadWrite))
            placed.setFileTime(m_item.modified, QFileDevice::FileModificationTime);
    }
    if (m_context.journal)
        m_context.journal->fileDone(m_item.relativeName, journalState());
    complete();
}

void DownloadTransfer::closePart()
{
    if (!m_part.isOpen())
        return;
    PartFile::release(m_part.handle());
    m_part.close();
}

void DownloadTransfer::cleanUp()
{
    // Stopped, not discarded (a pause, a failure): the resume continues from every byte here,
    // so what landed is recorded now, after one sync, not by a background sync that would
    // find the file ended.
    if (!discarding())
        recordNow();
    m_unrecorded.clear();
    closePart();
    // With a journal the part file is what the re-run resumes from, unless the user cancelled
    // the file, or it failed before any byte arrived (an archived blob, a 403 at the first
    // range): nothing to resume from. A stop keeps it for the re-run. Only a part file this
    // run created or the journal named is removed: never a file of the user's that happens to
    // carry a part file's name.
    const bool empty = outcome().state == TransferState::Failed && bytesReceived() == 0;
    const bool keep = m_context.journal && !discarding() && !empty;
    if (m_opened && !keep && PartFile::stillAt(m_partPath, m_partId)) {
        QFile::remove(m_partPath);
    } else if (!m_opened && discarding() && m_context.journal) {
        // Cancelled before it began again: the part file an earlier run of the job left.
        if (const journal::Journal::FileState *previous =
                m_context.journal->previous(m_item.relativeName)) {
            if (const QString part = JobLeftovers::partPath(m_localPath, *previous);
                !part.isEmpty())
                PartFile::removeOwn(part);
        }
    }
}

} // namespace blobferry::transfer
