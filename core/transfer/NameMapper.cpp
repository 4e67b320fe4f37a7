// SPDX-License-Identifier: MIT
#include "NameMapper.h"

#include <QStringList>

namespace blobferry::transfer {

NameMapper::Result NameMapper::toLocal(const QString &blobName)
{
    Result result;
    result.isDirectoryMarker = blobName.endsWith(QLatin1Char('/'));
    QStringList out;
    const auto segments = blobName.split(QLatin1Char('/'));
    for (const QString &segment : segments) {
        if (segment.isEmpty()) {
            continue; // "a//b", a leading or trailing '/': no empty file names
        } else if (segment == QLatin1String(".")) {
            out.append(QStringLiteral("dot"));
            result.renamed = true;
        } else if (segment == QLatin1String("..")) {
            out.append(QStringLiteral("dotdot"));
            result.renamed = true;
        } else {
            out.append(segment);
        }
    }
    result.relativePath = out.join(QLatin1Char('/'));
    if (result.relativePath != blobName && !result.isDirectoryMarker)
        result.renamed = true;
    return result;
}

bool NameMapper::staysInside(const QString &relativePath)
{
    if (relativePath.isEmpty() || relativePath.startsWith(QLatin1Char('/')))
        return false;
    const auto segments = relativePath.split(QLatin1Char('/'));
    for (const QString &segment : segments)
        if (segment.isEmpty() || segment == QLatin1String(".") || segment == QLatin1String(".."))
            return false;
    return true;
}

} // namespace blobferry::transfer
