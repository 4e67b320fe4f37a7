// SPDX-License-Identifier: MIT
#pragma once

#include "TransferFactory.h"

namespace blobferry::transfer {

// A blob-to-blob copy's items and transfers: the source container listed (BlobEnumerator),
// each blob copied by the service under the same relative name (CopyTransfer), or the one
// TransferSpec::renames gives it: blob names need no translation between two containers.
class CopyFactory final : public TransferFactory
{
public:
    explicit CopyFactory(Parts parts);

    Enumerator *enumerator() override;
    FileTransfer *make(const SourceItem &item) override;
};

} // namespace blobferry::transfer
