// SPDX-License-Identifier: MIT
#include "PathParts.h"

namespace blobferry::transfer {

QString directoryOf(const QString &path)
{
    return path.left(path.lastIndexOf(QLatin1Char('/')) + 1);
}

QString leafOf(const QString &path)
{
    return path.mid(path.lastIndexOf(QLatin1Char('/')) + 1);
}

} // namespace blobferry::transfer
