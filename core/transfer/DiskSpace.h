// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace blobferry::transfer {

// Free space where a download lands, and the message when there is not enough: a full disk
// is named as such, with what was needed and what is free, never as a stale errno.
class DiskSpace final
{
public:
    // Bytes an unprivileged writer may still use on the file system holding `path` (a file
    // or a directory that exists), or -1 when the file system does not say (pseudo file
    // systems report no blocks at all).
    static qint64 available(const QString &path);
    // "no space left on DEVICE at MOUNT (needed N, free M)".
    static QString noSpaceMessage(const QString &path, qint64 needed);
};

} // namespace blobferry::transfer
