// SPDX-License-Identifier: MIT
#pragma once

#include "BlockPlan.h"
#include "FileTransfer.h"
#include "SequentialHasher.h"
#include "journal/Journal.h"

#include <QCryptographicHash>
#include <optional>

namespace blobferry::transfer {

// A local file to a block blob.
//
//   Checking ──(blob absent, or overwrite allowed)──┬─────────────► Sending ──► Committing ──►
//   Completed
//      │ HEAD                                       │ (journal:     │ Put Blob (small file: no
//      commit) └─(exists)─► asks ─┬─ overwrite ──►──────────┤  interrupted) │ Put Block × n, in
//      parallel,
//                         └─ skip ──► Skipped       └─► Inspecting ─┘ only those the service lacks
//                                                      Get Block List
// Any failure ──► Failed.
class UploadTransfer final : public FileTransfer
{
    Q_OBJECT
public:
    UploadTransfer(SourceItem item, QString blobName, TransferContext context,
                   QObject *parent = nullptr);

    void begin() override;
    void keepBoth() override;

private:
    enum class Phase
    {
        Consulting, // waiting for the destination index
        Checking,
        AwaitingAnswer,
        Inspecting,
        Sending,
        Committing,
        Done
    };

    bool hasNextRequest() const override;
    Request takeNextRequest() override;

    Request checkRequest();
    Request singleShotRequest();
    Request blockRequest(int index);
    Request commitRequest();
    Request inspectRequest();
    void beginBlocks();
    void startHashing();
    void skipSentBlocks();
    journal::Journal::FileState journalState() const;
    ConflictPolicy::Side sourceSide() const;
    void startSending();
    // The end of a write the service took: the journal, the outcome.
    void finishSent();
    // A conditional create found the blob there (someone wrote it since it was looked at).
    bool appeared(const net::HttpResult &result) const;
    void recheck();
    void afterRace(const net::HttpResult &head);
    QByteArray ownMd5() const; // base64 MD5 of the file, as sent

    const QString m_originalBlobName;
    QString m_blobName;        // changes only when the user keeps both
    int m_keepBothCounter = 0; // > 0: looking for a free "name(n)"
    bool m_createOnly = false; // the blob was absent when looked at: write If-None-Match: *
    bool m_raced = false;      // the conditional write found it there: looking again
    Phase m_phase = Phase::Checking;
    bool m_checkIssued = false;
    std::optional<BlockPlan> m_plan;
    QByteArray m_tag;
    int m_nextBlock = 0;
    int m_blocksLeft = 0;
    bool m_commitIssued = false;
    bool m_inspectIssued = false;
    QList<bool> m_blockSent; // per block: confirmed by the service (resume)
    SequentialHasher *m_hasher = nullptr;
    QList<QByteArray> m_blockMd5; // base64, per block, as the hasher delivers them
};

} // namespace blobferry::transfer
