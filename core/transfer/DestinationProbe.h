// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace blobferry::transfer {

// What a download destination can hold, found by trying rather than by guessing from the
// operating system: a case-insensitive ext4 folder, a FAT stick or an SMB share can all sit
// under a Linux path.
class DestinationProbe final
{
public:
    struct Result
    {
        QString error; // set when nothing can be written there
        bool caseInsensitive = false;
        bool windowsNames = false; // FAT, exFAT, NTFS, SMB: Windows' naming rules apply
        QString fileSystemType;
    };

    // Creates a temporary file in the directory (which must exist), looks for it under its
    // upper-cased name, and removes it.
    static Result probe(const QString &directory);
    static bool isWindowsLikeFileSystem(const QString &type);
};

} // namespace blobferry::transfer
