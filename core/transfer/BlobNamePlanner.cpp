// SPDX-License-Identifier: MIT
#include "BlobNamePlanner.h"

#include "NameMapper.h"

#include <QDir>
#include <QFileInfo>

namespace blobferry::transfer {

BlobNamePlanner::BlobNamePlanner(const QString &root, NameManifest manifest)
    : m_root(QDir::cleanPath(QDir(root).absolutePath()))
    , m_manifest(std::move(manifest))
{}

BlobNamePlanner::Plan BlobNamePlanner::plan(const SourceItem &item) const
{
    Plan plan;
    if (item.folderMarker) {
        plan.blobName = item.relativeName;
        return plan;
    }
    if (item.relativeName == NameManifest::fileName()) {
        plan.isManifest = true;
        return plan;
    }
    if (!item.problem.isEmpty()) {
        plan.error = item.problem;
        return plan;
    }
    const QString restored = m_manifest.blobNameOf(item.relativeName);
    if (!restored.isEmpty()) {
        plan.blobName = restored;
        plan.renamed = restored != item.relativeName;
        return plan;
    }
    plan.blobName = NameMapper::toBlobName(item.relativeName);
    // A file added beside a downloaded tree must not take the name the manifest gives back to
    // another file ("a" when the manifest says a(1) was the blob "a").
    const QString owner = m_manifest.pathOf(plan.blobName);
    if (!owner.isEmpty() && owner != item.relativeName && QFileInfo(absolutePath(owner)).isFile())
        plan.error = QStringLiteral("%1 is uploaded as the blob %2 (recorded in %3), which this "
                                    "file's name would overwrite; rename one of them")
                         .arg(owner, plan.blobName, NameManifest::fileName());
    return plan;
}

QString BlobNamePlanner::absolutePath(const QString &relativePath) const
{
    // Not QDir::filePath: it takes a name starting with ':' for an absolute resource path.
    return relativePath.isEmpty() ? m_root : m_root + QLatin1Char('/') + relativePath;
}

QList<SourceItem> BlobNamePlanner::folderMarkers() const
{
    QList<SourceItem> items;
    const auto &folders = m_manifest.folders();
    for (auto it = folders.cbegin(); it != folders.cend(); ++it) {
        const QFileInfo directory(absolutePath(it.key()));
        if (!directory.isDir() || (directory.isSymLink() && !it.key().isEmpty()))
            continue;
        for (const QString &name : it.value()) {
            SourceItem item;
            item.relativeName = name;
            item.folderMarker = true;
            item.modified = directory.lastModified();
            items.append(item);
        }
    }
    return items;
}

} // namespace blobferry::transfer
