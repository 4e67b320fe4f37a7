// SPDX-License-Identifier: MIT
#include "transfer/DestinationProbe.h"

#include <QDir>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using blobferry::transfer::DestinationProbe;

TEST_CASE("the probe finds a case-sensitive, Linux-named file system and leaves nothing", "[probe]")
{
    QTemporaryDir dir;
    const auto result = DestinationProbe::probe(dir.path());
    CHECK(result.error.isEmpty());
    if (result.fileSystemType == QLatin1String("ext4") ||
        result.fileSystemType == QLatin1String("tmpfs") ||
        result.fileSystemType == QLatin1String("xfs")) {
        CHECK_FALSE(result.caseInsensitive);
        CHECK_FALSE(result.windowsNames);
    }
    CHECK(QDir(dir.path())
              .entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)
              .isEmpty());
}

TEST_CASE("the probe reports a directory it cannot write to", "[probe]")
{
    const auto result = DestinationProbe::probe(QStringLiteral("/proc/self"));
    CHECK_FALSE(result.error.isEmpty());
}

TEST_CASE("FAT, exFAT, NTFS and SMB mounts get Windows' naming rules", "[probe]")
{
    for (const char *type : {"vfat", "msdos", "exfat", "ntfs", "ntfs3", "cifs", "smb3", "fuseblk"})
        CHECK(DestinationProbe::isWindowsLikeFileSystem(QString::fromLatin1(type)));
    for (const char *type : {"ext4", "xfs", "btrfs", "tmpfs", "nfs", "overlay"})
        CHECK_FALSE(DestinationProbe::isWindowsLikeFileSystem(QString::fromLatin1(type)));
}
