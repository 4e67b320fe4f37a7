// SPDX-License-Identifier: MIT
#pragma once

#include "BlockPlan.h"
#include "FileTransfer.h"
#include "SequentialHasher.h"
#include "journal/Journal.h"

#include <optional>

namespace blobferry::transfer {

// A local file to a block blob: what it sends in each of FileTransfer's phases.
//
// clang-format off
//
//   Look          the DestinationIndex's answer; a HEAD when it does not know
//   KeepBothProbe HEAD of "name(n)"
//   Prologue      the block plan, the hashing started; with the journal of an interrupted
//                 run: Get Block List (which of our blocks the service kept)
//   Chunks        Put Block × n, in parallel, each once hashed (none for a file of one block)
//   Commit        Put Block List (or Put Blob for one block), If-None-Match: * when the blob
//                 was absent; the file unchanged since it was listed
//   RaceRecheck   HEAD: our own bytes (same size and Content-MD5) end it as done
//
// clang-format on
class UploadTransfer final : public FileTransfer
{
    Q_OBJECT
public:
    UploadTransfer(SourceItem item, QString blobName, TransferContext context,
                   QObject *parent = nullptr);

private:
    QString destinationName() const override { return m_blobName; }
    ConflictPolicy::Side sourceSide() const override { return localSourceSide(); }
    void look() override;
    bool writesOnlyIfAbsent() const override { return true; }
    void keepBothInstead() override;
    void prologue() override;
    std::optional<Request> prologueRequest() override;
    bool hasChunk() const override;
    std::optional<Request> takeChunk() override;
    bool commitReady() const override;
    std::optional<Request> commitRequest() override;
    bool isOwnWrite(const net::HttpResult &head) const override;
    void committed() override;

    Request singleShotRequest();
    Request blockListRequest();
    void startHashing();
    void skipSentBlocks();
    // The last block landed (or none was left to send): on to the commit.
    void blocksLanded();
    journal::Journal::FileState journalState() const;
    QByteArray ownMd5() const; // base64 MD5 of the file, as sent

    const QString m_originalBlobName;
    QString m_blobName;        // changes only when the user keeps both
    int m_keepBothCounter = 0; // > 0: looking for a free "name(n)"
    std::optional<BlockPlan> m_plan;
    QByteArray m_tag;
    int m_nextBlock = 0;
    int m_blocksLeft = 0;
    QList<bool> m_blockSent; // per block: confirmed by the service (resume)
    SequentialHasher *m_hasher = nullptr;
    QList<QByteArray> m_blockMd5; // base64, per block, as the hasher delivers them
};

} // namespace blobferry::transfer
