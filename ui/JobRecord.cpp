// SPDX-License-Identifier: MIT
#include "JobRecord.h"

#include <QUrl>

namespace blobferry::ui {

namespace {

// The blob service root and a place in it, as a URL string ending in '/'; empty without a root.
QString blobPlace(const QString &endpoint, const QString &container, const QString &path)
{
    if (endpoint.isEmpty())
        return {};
    // Only the service root: a query or user info would be a secret in the wrong place.
    const QUrl root = QUrl(endpoint).adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment |
                                              QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
    QString blob = root.toString() + QLatin1Char('/') + container + QLatin1Char('/') + path;
    if (!blob.endsWith(QLatin1Char('/')))
        blob += QLatin1Char('/');
    return blob;
}

} // namespace

QString JobRecord::describe() const
{
    const QString blob = container + QLatin1Char('/') + blobPath;
    if (isServerCopy()) {
        const QString from = sourceContainer + QLatin1Char('/') + sourceBlobPath;
        if (!renameTo.isEmpty() && onlyNames.size() == 1)
            return from + onlyNames.first() + QStringLiteral(" → ") + blob + renameTo;
        return from + QStringLiteral(" → ") + blob;
    }
    return direction == Direction::Upload ? localPath + QStringLiteral(" → ") + blob
                                          : blob + QStringLiteral(" → ") + localPath;
}

JobPlaces JobRecord::places(const QString &accountEndpoint, const QString &sourceEndpoint) const
{
    JobPlaces places;
    places.direction = direction;
    const QString blob = blobPlace(accountEndpoint, container, blobPath);
    if (isServerCopy()) {
        places.source = blobPlace(sourceEndpoint, sourceContainer, sourceBlobPath);
        // A row is named after its source: a renamed blob's destination is not that name.
        places.destination = renameTo.isEmpty() ? blob : QString();
        return places;
    }
    const QString local =
        localPath.endsWith(QLatin1Char('/')) ? localPath : localPath + QLatin1Char('/');
    places.source = direction == Direction::Upload ? local : blob;
    places.destination = direction == Direction::Upload ? blob : local;
    return places;
}

} // namespace blobferry::ui
