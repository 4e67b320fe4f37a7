// SPDX-License-Identifier: MIT
#pragma once

#include "NameManifest.h"
#include "SourceItem.h"

#include <QList>
#include <QString>

namespace blobferry::transfer {

// The blob names of one upload job. A local path becomes its blob name with '/' separators and
// its case kept — unless the source directory holds the manifest of an earlier download
// (NameManifest), whose recorded names are restored, folder markers included. The manifest
// itself is never uploaded.
class BlobNamePlanner final
{
public:
    struct Plan
    {
        QString blobName; // relative to the destination directory
        bool renamed = false;
        bool isManifest = false; // the manifest itself: not a file of the tree
        QString error;           // set: do not upload, fail with this reason
    };

    explicit BlobNamePlanner(const QString &root, NameManifest manifest = {});

    Plan plan(const SourceItem &item) const;
    // Zero-length blobs for the folder markers the manifest records, for the directories that
    // are still there.
    QList<SourceItem> folderMarkers() const;

private:
    QString absolutePath(const QString &relativePath) const;

    QString m_root; // absolute and clean
    NameManifest m_manifest;
};

} // namespace blobferry::transfer
