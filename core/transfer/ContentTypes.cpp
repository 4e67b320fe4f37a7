// SPDX-License-Identifier: MIT
#include "ContentTypes.h"

#include <QMimeDatabase>
#include <QRegularExpression>

namespace blobferry::transfer {

QString ContentTypes::forFile(const QString &path, const QString &forced, bool guess)
{
    if (!forced.isEmpty())
        return forced;
    if (!guess || path.isEmpty())
        return defaultType();
    // QMimeDatabase is thread-safe. The name decides first (a .css file is text/css although
    // its bytes only look like text/plain); the content only where the name says nothing.
    const QMimeDatabase database;
    const QMimeType byName = database.mimeTypeForFile(path, QMimeDatabase::MatchExtension);
    if (byName.isValid() && !byName.isDefault())
        return byName.name();
    const QMimeType byContent = database.mimeTypeForFile(path, QMimeDatabase::MatchContent);
    return byContent.isValid() ? byContent.name() : defaultType();
}

bool ContentTypes::isValid(const QString &type)
{
    // RFC 7231 media type: token "/" token, then optional parameters (printable ASCII).
    static const QRegularExpression shape(
        QStringLiteral("^[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+"
                       "(\\s*;\\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+=[\\x20-\\x7E]*)*$"));
    return shape.match(type).hasMatch();
}

} // namespace blobferry::transfer
