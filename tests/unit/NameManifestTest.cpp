// SPDX-License-Identifier: MIT
#include "transfer/NameManifest.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using blobferry::transfer::NameManifest;

namespace {

void writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write(content);
}

} // namespace

TEST_CASE("the names manifest survives a save and a load, odd names included", "[manifest]")
{
    QTemporaryDir root;
    QString odd = QStringLiteral("x");
    odd += QChar(0);
    odd += QChar(0xD800); // what no file name can hold must still come back exactly
    odd += QString::fromUtf8("\xef\xbf\xbd\n");
    NameManifest manifest;
    manifest.setFile(QStringLiteral("a(1)"), QStringLiteral("a"));
    manifest.setFile(QStringLiteral("x%00%ED%A0%80%EF%BF%BD\n"), odd);
    manifest.addFolderMarker(QStringLiteral("photos"), QStringLiteral("/photos/"));
    manifest.addFolderMarker(QString(), QStringLiteral("/"));
    QString error;
    REQUIRE(manifest.save(root.path(), &error));

    const NameManifest loaded = NameManifest::load(root.path(), &error);
    CHECK(error.isEmpty());
    CHECK(loaded.blobNameOf(QStringLiteral("a(1)")) == QLatin1String("a"));
    CHECK(loaded.blobNameOf(QStringLiteral("x%00%ED%A0%80%EF%BF%BD\n")) == odd);
    CHECK(loaded.pathOf(odd) == QLatin1String("x%00%ED%A0%80%EF%BF%BD\n"));
    CHECK(loaded.folders().value(QStringLiteral("photos")) ==
          QStringList{QStringLiteral("/photos/")});
    CHECK(loaded.folders().value(QString()) == QStringList{QStringLiteral("/")});
}

TEST_CASE("no manifest is an empty one, and an empty manifest leaves no file", "[manifest]")
{
    QTemporaryDir root;
    QString error;
    CHECK(NameManifest::load(root.path(), &error).isEmpty());
    CHECK(error.isEmpty());
    writeFile(QDir(root.path()).filePath(NameManifest::fileName()), "{}");
    REQUIRE(NameManifest().save(root.path(), &error));
    CHECK_FALSE(QFile::exists(QDir(root.path()).filePath(NameManifest::fileName())));
}

TEST_CASE("a manifest that is not blobferry's is ignored with a warning", "[manifest]")
{
    QTemporaryDir root;
    writeFile(QDir(root.path()).filePath(NameManifest::fileName()), "not json");
    QString error;
    CHECK(NameManifest::load(root.path(), &error).isEmpty());
    CHECK(error.contains(QLatin1String("not a blobferry names manifest")));
}

TEST_CASE("manifest entries whose paths leave the tree are dropped", "[manifest]")
{
    QTemporaryDir root;
    writeFile(QDir(root.path()).filePath(NameManifest::fileName()),
              R"json({"format": "blobferry-names/1",
                  "files": {"../escape": "x", "/abs": "y", "ok(1)": "ok", "a//b": "z"},
                  "folders": {"..": ["../"], "d": ["d/"]}})json");
    QString error;
    const NameManifest loaded = NameManifest::load(root.path(), &error);
    CHECK(error.isEmpty());
    CHECK(loaded.files().size() == 1);
    CHECK(loaded.blobNameOf(QStringLiteral("ok(1)")) == QLatin1String("ok"));
    CHECK(loaded.folders().size() == 1);
}

TEST_CASE("a manifest that is a link is neither read nor written through", "[manifest]")
{
    QTemporaryDir root;
    QTemporaryDir elsewhere;
    const QString target = QDir(elsewhere.path()).filePath(QStringLiteral("someone-elses.txt"));
    writeFile(target, "not blobferry's");
    REQUIRE(QFile::link(target, QDir(root.path()).filePath(NameManifest::fileName())));

    QString error;
    CHECK(NameManifest::load(root.path(), &error).isEmpty());
    CHECK(error.contains(QLatin1String("is not a regular file")));
    NameManifest manifest;
    manifest.setFile(QStringLiteral("a(1)"), QStringLiteral("a"));
    error.clear();
    CHECK_FALSE(manifest.save(root.path(), &error));
    CHECK(error.contains(QLatin1String("is not a regular file")));
    QFile file(target);
    REQUIRE(file.open(QIODevice::ReadOnly));
    CHECK(file.readAll() == "not blobferry's");
    CHECK(QFileInfo(QDir(root.path()).filePath(NameManifest::fileName())).isSymLink());
}
