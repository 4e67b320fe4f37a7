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
//   Checking ──(absent, or overwrite allowed)──► Creating ──► Writing ──► Finishing ──► Completed
//      │ HEAD (also: does the interrupted         │ Put Blob   │ Put Page × n  Set Blob Metadata
//      │                                          │ (marked    │               (length, mtime;
//      │                                          │ incomplete)│                mark removed)
//      │ run's blob still have our size?) ────────┴────────────┘ (resume: only ranges not done)
//      └─(exists)─► asks ─┬─ overwrite ──► Creating
//                         └─ skip ──► Skipped            any failure ──► Failed
class PageUploadTransfer final : public FileTransfer
{
    Q_OBJECT
public:
    static constexpr qint64 kPage = 512;
    static constexpr qint64 kMaxWrite = 4 * 1024 * 1024;

    PageUploadTransfer(SourceItem item, QString blobName, TransferContext context,
                       QObject *parent = nullptr);

    void begin() override;

    static qint64 paddedSize(qint64 size) { return (size + kPage - 1) / kPage * kPage; }

private:
    enum class Phase
    {
        Checking,
        AwaitingAnswer,
        Creating,
        Writing,
        Finishing,
        Done
    };

    bool hasNextRequest() const override;
    Request takeNextRequest() override;

    Request checkRequest();
    Request createRequest();
    Request pageRequest(int index);
    Request finishRequest();
    void pagesWritten();
    void planRanges();
    void startWriting();
    journal::Journal::FileState journalState() const;
    qint64 rangeOffset(int index) const { return qint64(index) * m_rangeSize; }
    qint64 rangeLength(int index) const; // of the file's bytes in the range
    void skipDoneRanges();

    const QString m_blobName;
    Phase m_phase = Phase::Checking;
    bool m_checkIssued = false;
    bool m_createIssued = false;
    bool m_finishIssued = false;
    bool m_resuming = false;
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
