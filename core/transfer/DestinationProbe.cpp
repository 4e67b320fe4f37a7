// SPDX-License-Identifier: MIT
#include "DestinationProbe.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStorageInfo>
#include <QTemporaryFile>
#include <sys/stat.h>

namespace blobferry::transfer {

DestinationProbe::Result DestinationProbe::probe(const QString &directory)
{
    Result result;
    // All lower case before the random part, so the upper-cased name differs.
    QTemporaryFile file(QDir(directory).filePath(QStringLiteral(".blobferry-probe-XXXXXX")));
    if (!file.open()) {
        result.error = file.errorString();
        return result;
    }
    const QFileInfo info(file.fileName());
    const QString upper = info.dir().filePath(info.fileName().toUpper());
    struct stat original;
    struct stat folded;
    // The same inode under the other name, not merely some file called that.
    result.caseInsensitive =
        ::stat(QFile::encodeName(file.fileName()).constData(), &original) == 0 &&
        ::stat(QFile::encodeName(upper).constData(), &folded) == 0 &&
        original.st_ino == folded.st_ino && original.st_dev == folded.st_dev;
    file.close();
    result.fileSystemType = QString::fromLatin1(QStorageInfo(directory).fileSystemType());
    result.windowsNames = isWindowsLikeFileSystem(result.fileSystemType);
    return result;
}

bool DestinationProbe::isWindowsLikeFileSystem(const QString &type)
{
    // fuseblk is how ntfs-3g and exfat-fuse mounts show up.
    static const QStringList types{QStringLiteral("vfat"),  QStringLiteral("msdos"),
                                   QStringLiteral("fat"),   QStringLiteral("exfat"),
                                   QStringLiteral("ntfs"),  QStringLiteral("ntfs3"),
                                   QStringLiteral("cifs"),  QStringLiteral("smb3"),
                                   QStringLiteral("smbfs"), QStringLiteral("fuseblk")};
    return types.contains(type.toLower());
}

} // namespace blobferry::transfer
