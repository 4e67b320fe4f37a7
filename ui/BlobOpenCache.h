// SPDX-License-Identifier: MIT
#pragma once

#include "azure/BlobService.h"

#include <QString>
#include <functional>

namespace blobferry::ui {

// Open: the blob's bytes in a private cache, one file per blob under
//   ROOT/<hash of account and container>/<hash of the blob name>/<its last name segment>
// so that the desktop picks the application by the file's own name, no blob name can reach
// outside ROOT, and two blobs never share a file. A copy whose recorded ETag is the blob's
// current one is handed out again without a download.
class BlobOpenCache final
{
public:
    // root: e.g. QStandardPaths::CacheLocation + "/open".
    explicit BlobOpenCache(QString root);

    QString pathFor(const QString &accountId, const QString &container, const QString &blob) const;

    // path: the local copy; error: "" or one line; reused: no download was needed.
    using Done = std::function<void(const QString &path, const QString &error, bool reused)>;
    // Reads the blob's properties, then downloads it (If-Match that ETag) unless the cached copy
    // is that version. `done` comes in `context`'s thread unless `context` goes first.
    void fetch(const azure::BlobService &service, const QString &accountId,
               const QString &container, const QString &blob, QObject *context, Done done) const;

private:
    QString m_root;
};

} // namespace blobferry::ui
