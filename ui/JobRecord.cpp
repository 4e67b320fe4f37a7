// SPDX-License-Identifier: MIT
#include "JobRecord.h"

#include <QUrl>

namespace blobferry::ui {

QString JobRecord::describe() const
{
    const QString blob = container + QLatin1Char('/') + blobPath;
    return direction == Direction::Upload ? localPath + QStringLiteral(" → ") + blob
                                          : blob + QStringLiteral(" → ") + localPath;
}

JobPlaces JobRecord::places(const QString &accountEndpoint) const
{
    JobPlaces places;
    places.direction = direction;
    const QString local =
        localPath.endsWith(QLatin1Char('/')) ? localPath : localPath + QLatin1Char('/');
    QString blob;
    if (!accountEndpoint.isEmpty()) {
        // Only the service root: a query or user info would be a secret in the wrong place.
        const QUrl root = QUrl(accountEndpoint)
                              .adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment |
                                        QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
        blob = root.toString() + QLatin1Char('/') + container + QLatin1Char('/') + blobPath;
        if (!blob.endsWith(QLatin1Char('/')))
            blob += QLatin1Char('/');
    }
    places.source = direction == Direction::Upload ? local : blob;
    places.destination = direction == Direction::Upload ? blob : local;
    return places;
}

} // namespace blobferry::ui
