// SPDX-License-Identifier: MIT
#pragma once

#include "SourceItem.h"
#include "TransferEvents.h"
#include "azure/BlobService.h"

#include <QObject>
#include <optional>

namespace blobferry::transfer {

// --move (/MOV): deletes the source of a file whose copy completed and was verified (the
// service checked every block's MD5 on upload; a download checked its length and, when the
// blob has one, its Content-MD5). A source that changed since it was copied stays: a local
// file whose size or mtime moved, a blob whose ETag moved (Delete Blob with If-Match).
class SourceRemover final : public QObject
{
    Q_OBJECT
public:
    // blobs: the source container's service for a download or a copy (its requester's budget
    // is the job's); none for an upload.
    explicit SourceRemover(std::optional<azure::BlobService> blobs, QObject *parent = nullptr);

    // Removes the source of `item`, whose copy ended as `outcome` (Completed); removed()
    // follows with the final outcome: sourceRemoved set, or Failed saying why it stayed.
    void remove(const SourceItem &item, const FileOutcome &outcome);
    bool idle() const { return m_pending == 0; }

Q_SIGNALS:
    void removed(const blobferry::transfer::FileOutcome &outcome);

private:
    void finish(FileOutcome outcome, const QString &whyKept);

    std::optional<azure::BlobService> m_blobs;
    int m_pending = 0;
};

} // namespace blobferry::transfer
