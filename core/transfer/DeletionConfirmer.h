// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <functional>

namespace blobferry::transfer {

// Asked once by a --mirror job before it deletes the destination items the source no longer
// has: a console prompt, a dialog. Called in the engine's thread; `answer` must be called
// exactly once, in the engine's thread.
class DeletionConfirmer
{
public:
    virtual ~DeletionConfirmer() = default;
    virtual void confirmDeletion(int count, const QString &destination,
                                 std::function<void(bool)> answer) = 0;
};

} // namespace blobferry::transfer
