// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <functional>

namespace blobferry::transfer {

// Asked once by a --mirror job before it deletes the destination items the source no longer
// has: a console prompt, a dialog. Called in the engine's thread; `answer` must be called
// exactly once, in the engine's thread. blobs: the items are blobs, deleted with their
// snapshots.
class DeletionConfirmer
{
public:
    virtual ~DeletionConfirmer() = default;
    virtual void confirmDeletion(int count, const QString &destination, bool blobs,
                                 std::function<void(bool)> answer) = 0;
};

} // namespace blobferry::transfer
