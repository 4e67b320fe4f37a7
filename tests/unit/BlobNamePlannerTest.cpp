// SPDX-License-Identifier: MIT
#include "transfer/BlobNamePlanner.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using blobferry::transfer::BlobNamePlanner;
using blobferry::transfer::NameManifest;
using blobferry::transfer::SourceItem;

namespace {

SourceItem fileItem(const QString &relative)
{
    SourceItem item;
    item.relativeName = relative;
    return item;
}

void touch(const QString &path)
{
    REQUIRE(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
}

} // namespace

TEST_CASE("an upload keeps local names, '/'-separated and in their case", "[blobnames]")
{
    QTemporaryDir root;
    const BlobNamePlanner planner(root.path());
    const auto plan = planner.plan(fileItem(QStringLiteral("Photos/IMG 01.JPG")));
    CHECK(plan.blobName == QLatin1String("Photos/IMG 01.JPG"));
    CHECK_FALSE(plan.renamed);
    CHECK(plan.error.isEmpty());
}

TEST_CASE("an upload restores the names the manifest records and leaves the manifest out",
          "[blobnames]")
{
    QTemporaryDir root;
    NameManifest manifest;
    manifest.setFile(QStringLiteral("dotdot/x"), QStringLiteral("../x"));
    manifest.setFile(QStringLiteral("a(1)"), QStringLiteral("a"));
    const BlobNamePlanner planner(root.path(), manifest);

    const auto restored = planner.plan(fileItem(QStringLiteral("dotdot/x")));
    CHECK(restored.blobName == QLatin1String("../x"));
    CHECK(restored.renamed);
    CHECK(planner.plan(fileItem(QStringLiteral("a(1)"))).blobName == QLatin1String("a"));
    CHECK(planner.plan(fileItem(QStringLiteral("other"))).blobName == QLatin1String("other"));
    CHECK(planner.plan(fileItem(NameManifest::fileName())).isManifest);
    // Only the manifest at the root is one.
    CHECK_FALSE(planner.plan(fileItem(QStringLiteral("sub/.blobferry-names.json"))).isManifest);
}

TEST_CASE("a file added beside a downloaded tree may not take a restored name", "[blobnames]")
{
    QTemporaryDir root;
    touch(QDir(root.path()).filePath(QStringLiteral("a(1)")));
    NameManifest manifest;
    manifest.setFile(QStringLiteral("a(1)"), QStringLiteral("a"));
    const BlobNamePlanner planner(root.path(), manifest);
    const auto plan = planner.plan(fileItem(QStringLiteral("a")));
    CHECK(plan.error.contains(QLatin1String("a(1) is uploaded as the blob a")));
}

TEST_CASE("an entry the enumerator could not read fails with its reason", "[blobnames]")
{
    QTemporaryDir root;
    const BlobNamePlanner planner(root.path());
    SourceItem item = fileItem(QStringLiteral("bad\\xFF"));
    item.problem = QStringLiteral("the file name is not valid UTF-8");
    CHECK(planner.plan(item).error == item.problem);
}

TEST_CASE("folder markers come back for the directories that are still there", "[blobnames]")
{
    QTemporaryDir root;
    REQUIRE(QDir(root.path()).mkpath(QStringLiteral("photos")));
    NameManifest manifest;
    manifest.addFolderMarker(QStringLiteral("photos"), QStringLiteral("photos/"));
    manifest.addFolderMarker(QStringLiteral("photos"), QStringLiteral("/photos/"));
    manifest.addFolderMarker(QStringLiteral("gone"), QStringLiteral("gone/"));
    const BlobNamePlanner planner(root.path(), manifest);
    const auto markers = planner.folderMarkers();
    QStringList names;
    for (const SourceItem &marker : markers) {
        CHECK(marker.folderMarker);
        CHECK(marker.size == 0);
        CHECK(planner.plan(marker).blobName == marker.relativeName);
        names.append(marker.relativeName);
    }
    names.sort();
    CHECK(names == QStringList{QStringLiteral("/photos/"), QStringLiteral("photos/")});
}
