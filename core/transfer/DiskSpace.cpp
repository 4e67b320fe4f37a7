// SPDX-License-Identifier: MIT
#include "DiskSpace.h"

#include <QFile>
#include <QLocale>
#include <QStorageInfo>
#include <sys/statvfs.h>

namespace blobferry::transfer {

qint64 DiskSpace::available(const QString &path)
{
    struct statvfs status = {};
    if (::statvfs(QFile::encodeName(path).constData(), &status) != 0 || status.f_blocks == 0)
        return -1;
    return qint64(status.f_bavail) * qint64(status.f_frsize);
}

QString DiskSpace::noSpaceMessage(const QString &path, qint64 needed)
{
    const QStorageInfo storage(path);
    const QString device = QString::fromLocal8Bit(storage.device());
    const QString mount = storage.rootPath();
    const QString where =
        device.isEmpty() || mount.isEmpty() ? path : QStringLiteral("%1 at %2").arg(device, mount);
    const QLocale c = QLocale::c();
    return QStringLiteral("no space left on %1 (needed %2, free %3)")
        .arg(where, c.formattedDataSize(needed),
             c.formattedDataSize(std::max<qint64>(0, available(path))));
}

} // namespace blobferry::transfer
