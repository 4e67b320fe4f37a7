// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace blobferry::transfer {

// The Content-Type an uploaded file is stored with, so a browser or CDN serving the blob
// shows it as what it is instead of offering every file as a download.
class ContentTypes final
{
public:
    static QString defaultType() { return QStringLiteral("application/octet-stream"); }
    // `forced` when given (--content-type); otherwise, when `guess` is on, the type the shared
    // MIME database finds by the file's name, then (for names it cannot place) by its first
    // bytes; else application/octet-stream.
    static QString forFile(const QString &path, const QString &forced, bool guess);
    // True when `type` has the shape type/subtype with no characters a header cannot carry.
    static bool isValid(const QString &type);
};

} // namespace blobferry::transfer
