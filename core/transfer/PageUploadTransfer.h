// SPDX-License-Identifier: MIT
#pragma once

#include "FileTransfer.h"
#include "journal/Journal.h"

#include <QList>

namespace blobferry::transfer {

// A local file to a page blob, zero-padded to a multiple of 512 bytes as the original did.
// Pages go out in ranges of up to 4 MiB, in parallel, sparse: a range of zeros is not sent at
// all (a new page blob reads as zeros) and every range is trimmed to its first and last page
// holding a non-zero byte (PageScan). Each confirmed range is journaled, so
// an interrupted upload resumes from the ranges the service confirmed instead of from the
// beginning (the 2013 AzCopy's known issue).
//
// clang-format off
//
//   Look          HEAD, always (also under /Y alone): a conflict, or the interrupted run's
//                 blob, still marked incomplete and of our padded size, to resume into
//                 (then straight to Chunks, with the ranges its journal confirmed)
//   Prologue      Put Blob: the page blob, zero-filled and marked incomplete (journaled first)
//   Chunks        Put Page × n, in parallel: only ranges not done and not all zeros
//   Commit        Set Blob Metadata: the length and mtime, the mark removed; the file
//                 unchanged since it was listed
//
// clang-format on
class PageUploadTransfer final : public FileTransfer
{
    Q_OBJECT
public:
    static constexpr qint64 kPage = 512;
    static constexpr qint64 kMaxWrite = 4 * 1024 * 1024;

    PageUploadTransfer(SourceItem item, QString blobName, TransferContext context,
                       QObject *parent = nullptr);

    static qint64 paddedSize(qint64 size) { return (size + kPage - 1) / kPage * kPage; }

private:
    QString destinationName() const override { return m_blobName; }
    ConflictPolicy::Side sourceSide() const override;
    bool mustLook() const override { return true; }
    void looked(const net::HttpResult &head) override;
    void prologue() override;
    std::optional<Request> prologueRequest() override;
    bool hasChunk() const override { return m_nextRange < m_rangeCount; }
    std::optional<Request> takeChunk() override;
    std::optional<Request> commitRequest() override;
    void committed() override;

    void pagesWritten();
    void planRanges();
    void startWriting();
    journal::Journal::FileState journalState() const;
    qint64 rangeOffset(int index) const { return qint64(index) * m_rangeSize; }
    qint64 rangeLength(int index) const; // of the file's bytes in the range
    void skipDoneRanges();

    const QString m_blobName;
    QByteArray m_tag;
    qint64 m_rangeSize = kMaxWrite;
    int m_rangeCount = 0;
    int m_nextRange = 0;
    int m_rangesLeft = 0;
    QList<bool> m_rangeDone;
    // Sparse upload: ranges already looked at for all-zero pages (see skipDoneRanges).
    QList<bool> m_zeroChecked;
};

} // namespace blobferry::transfer
