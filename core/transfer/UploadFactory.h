// SPDX-License-Identifier: MIT
#pragma once

#include "TransferFactory.h"

#include <functional>
#include <memory>

namespace blobferry::transfer {

class BlobNamePlanner;
class DestinationIndex;

// An upload's items and transfers: the local tree walked (LocalEnumerator), each path given
// its blob name (BlobNamePlanner: the names manifest restored, folder markers re-created), the
// destination listed once (DestinationIndex) instead of a HEAD per file, and each file made an
// UploadTransfer or, for page blobs, a PageUploadTransfer.
class UploadFactory final : public TransferFactory
{
public:
    // encode: --gzip compresses the item off the engine's thread and queues it again.
    UploadFactory(Parts parts, std::function<void(const SourceItem &)> encode);
    ~UploadFactory() override;

    Enumerator *enumerator() override;
    QList<SourceItem> initialItems() override;
    FileTransfer *make(const SourceItem &item) override;
    void notCopied(const SourceItem &item) override;

private:
    bool gzipChosen(const SourceItem &item) const;
    bool pageBlob(const SourceItem &item) const;

    std::function<void(const SourceItem &)> m_encode;
    std::unique_ptr<BlobNamePlanner> m_names;
    DestinationIndex *m_index = nullptr; // the destination's names, listed
};

} // namespace blobferry::transfer
