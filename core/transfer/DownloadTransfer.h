// SPDX-License-Identifier: MIT
#pragma once

#include "FileTransfer.h"
#include "Md5.h"
#include "PartFile.h"
#include "SequentialHasher.h"
#include "journal/Journal.h"

#include <QFile>
#include <QList>
#include <QSet>

namespace blobferry::transfer {

// A blob to a local file, written as its bytes arrive into "<name>.bfpart" and renamed into
// place only when every byte is there: a failed or killed download never leaves a file that
// looks complete.
//
// clang-format off
//
//   Look          a stat of the local path (also under /Y alone: a directory may be in the way)
//   (keep both)   no probe: the first free local "name(n)" is taken at once
//   Prologue      the part file opened (the interrupted run's, named by the journal, or a new
//                 one), sized, the free space checked
//   Chunks        ranged GETs with If-Match (the listed ETag), in parallel
//   Commit        the MD5 checked, then the rename into place; a failure removes the part
//                 file (kept with a journal, to resume from)
//
// clang-format on
// The bytes are checked against the blob's Content-MD5 before the rename; a blob without one
// is fetched in ranges of at most 4 MiB, each checked against the MD5 the service sends for
// it, and a range that arrives damaged is fetched again.
class DownloadTransfer final : public FileTransfer
{
    Q_OBJECT
public:
    DownloadTransfer(SourceItem item, QString blobName, QString localPath, TransferContext context,
                     QObject *parent = nullptr);

    // The file must land elsewhere (a directory took its name): the part file stays where it
    // is and is renamed to the new path when complete.
    void redirect(const QString &localPath);

    // "NAME.bfpart" beside the file, shortened when NAME is close to the file system's limit:
    // the first choice of a part file (PartFile picks another when that name is taken).
    static QString partPath(const QString &localPath);
    // With a journal: syncs the part file and records how far each range in flight has got,
    // so a kill costs at most the bytes of the last second, not whole ranges.
    void checkpoint();

private:
    QString destinationName() const override { return m_localPath; }
    bool mustLook() const override { return true; }
    void look() override;
    void keepBothInstead() override;
    void prologue() override;
    bool hasChunk() const override { return m_nextRange < m_rangeCount; }
    std::optional<Request> takeChunk() override;
    int maxChunksInFlight() const override { return kDownloadStreams; }
    void commit() override;
    void cleanUp() override;
    // Unlocks, then closes the part file (PartFile::release says why).
    void closePart();
    // The bytes of ranges cut short, synced (in the background) and recorded for the resume.
    void recordReceived();
    // The same, and the whole ranges whose record waits for a sync, at once: the file stops.
    void recordNow();
    // The ranges cut short with bytes beyond their last record (all: every one cut short),
    // and how many; marks them recorded.
    QList<std::pair<int, qint64>> takePartlyReceived(bool all);

    // The MD5 the service sent for a range against the bytes that came (rangeMd5 mode).
    QString checkRange(const net::HttpResult &answer, const Md5 &received, qint64 start,
                       qint64 length);
    qint64 rangeLength(int index) const;
    qint64 bytesReceived() const;
    // The message for a failed write: a full disk says so, with the bytes still to come.
    QString writeError(int error) const;
    void skipReceivedRanges();
    void advanceHash();
    void finishVerified();
    // The verified, synced part file becomes the file (decoded when `decode`).
    void placeFile(bool decode, bool setTime);
    journal::Journal::FileState journalState() const;

    const QString m_blobName;
    QString m_localPath;
    QString m_partPath; // where the part file is, once opened (a redirect moves it)
    QFile m_part;
    PartFile::Identity m_partId; // the part file's device and inode: its path must still lead there
    bool m_opened = false; // this run opened a part file of its own (created, or the journal's)
    qint64 m_rangeSize = 0;
    int m_rangeCount = 0;
    int m_nextRange = 0;
    int m_rangesLeft = 0;
    QList<qint64> m_received;     // bytes arrived per range
    QList<qint64> m_checkpointed; // per range: bytes the journal knows are on disk
    QSet<int> m_unrecorded;       // ranges landed, their record waiting for the sync
    // MD5 of the part file's contiguous complete prefix, grown as ranges complete in order,
    // checked against the blob's Content-MD5 before the rename.
    bool m_verify = false;
    static constexpr qint64 kInlineHashLimit = 256 * 1024;
    bool m_hashInline = false; // m_inlineHash is fed the chunks; no m_hasher
    Md5 m_inlineHash;
    SequentialHasher *m_hasher = nullptr; // MD5 of the part file, off the engine's thread
    int m_hashQueued = 0;                 // ranges handed to the hasher, in order
    int m_hashed = 0;                     // ranges it has reported
    bool m_awaitingHash = false;          // all bytes are here; waiting for the MD5
    // No Content-MD5 stored: each range is checked with the MD5 the service computes for it
    // (x-ms-range-get-content-md5), which it sends only for ranges of at most 4 MiB.
    static constexpr qint64 kMaxCheckedRange = 4 * 1024 * 1024;
    bool m_rangeMd5 = false;
    bool m_toldUnchecked = false; // the service sent no range MD5: said once per file
};

} // namespace blobferry::transfer
