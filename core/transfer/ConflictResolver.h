// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QString>
#include <functional>

namespace blobferry::transfer {

// The destination of a file already exists; what should happen?
struct Conflict
{
    QString destination; // as the user knows it: a local path or a blob name
    qint64 sourceSize = 0;
    QDateTime sourceModified;
    qint64 destinationSize = -1;
    QDateTime destinationModified;
    // Base64 MD5s when known without reading a file (a blob's Content-MD5); empty otherwise.
    QByteArray sourceMd5;
    QByteArray destinationMd5;
};

enum class ConflictAnswer
{
    Yes,  // overwrite this one
    No,   // skip this one
    All,  // overwrite this and every later one
    None, // skip this and every later one
    // The desktop's further choices; "…All" applies to the rest of the job too.
    KeepBoth, // copy under a free "name(n)" beside the existing one
    KeepBothAll,
    IfNewer, // overwrite when the source is newer (beyond the clock skew), else skip
    IfNewerAll,
    // No answer came: the job is being stopped (Ctrl-C at the prompt). This file ends
    // cancelled, not skipped, and so do the conflicts not yet asked about.
    Cancel,
};

// Asked by the job's ConflictQueue, in the engine's thread, one conflict at a time. An
// implementation may answer later (a prompt, a dialog) but must call `answer` exactly once, in the
// engine's thread.
class ConflictResolver
{
public:
    virtual ~ConflictResolver() = default;
    virtual void resolve(const Conflict &conflict, std::function<void(ConflictAnswer)> answer) = 0;
};

} // namespace blobferry::transfer
