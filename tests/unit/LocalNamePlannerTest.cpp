// SPDX-License-Identifier: MIT
#include "transfer/LocalNamePlanner.h"

#include "transfer/DownloadTransfer.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using blobferry::transfer::DownloadTransfer;
using blobferry::transfer::LocalNamePlanner;
using blobferry::transfer::NameManifest;
using blobferry::transfer::NameMapper;
using blobferry::transfer::NameRules;

namespace {

// A destination directory with a sibling outside it, to check that nothing lands there.
struct Destination
{
    QTemporaryDir parent;
    QString root;

    Destination()
    {
        REQUIRE(parent.isValid());
        root = QDir(parent.path()).filePath(QStringLiteral("dest"));
        REQUIRE(QDir().mkpath(root));
    }
    QString path(const QString &relative) const { return QDir(root).filePath(relative); }
    void write(const QString &relative, const QByteArray &content) const
    {
        REQUIRE(QDir().mkpath(QFileInfo(path(relative)).absolutePath()));
        QFile file(path(relative));
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    QByteArray read(const QString &relative) const
    {
        QFile file(path(relative));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
    }
};

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

} // namespace

TEST_CASE("a blob a beside blobs under a/: the directory wins while a is still downloading",
          "[planner]")
{
    Destination dest;
    LocalNamePlanner planner(dest.root, NameMapper(), false);
    const auto file = planner.plan(s("a"), 10);
    REQUIRE(file.error.isEmpty());
    CHECK(file.relativePath == s("a"));
    CHECK_FALSE(file.renamed);

    // The transfer of "a" is receiving into its part file when "a/b" arrives.
    dest.write(DownloadTransfer::partPath(s("a")), "half");
    const auto nested = planner.plan(s("a/b"), 10);
    REQUIRE(nested.error.isEmpty());
    CHECK(nested.relativePath == s("a/b"));
    REQUIRE(nested.relocations.size() == 1);
    CHECK(nested.relocations[0].ticket == file.ticket);
    CHECK(nested.relocations[0].blobName == s("a"));
    CHECK(nested.relocations[0].from == s("a"));
    CHECK(nested.relocations[0].to == s("a(1)"));
    CHECK(nested.relocations[0].firstRename);
    CHECK(planner.pathOf(file.ticket) == s("a(1)"));

    // Both land: the directory where the blob names put it, the file beside it.
    dest.write(s("a/b"), "nested");
    REQUIRE(QFile::rename(dest.path(DownloadTransfer::partPath(s("a"))), dest.path(s("a(1)"))));
    planner.written(file.ticket);
    planner.written(nested.ticket);
    CHECK(dest.read(s("a(1)")) == "half");
    CHECK(dest.read(s("a/b")) == "nested");
    CHECK(planner.manifest().blobNameOf(s("a(1)")) == s("a"));
}

TEST_CASE("a blob a already written is moved aside when a/b needs the name", "[planner]")
{
    Destination dest;
    LocalNamePlanner planner(dest.root, NameMapper(), false);
    const auto file = planner.plan(s("a"), 4);
    dest.write(file.relativePath, "file");
    planner.written(file.ticket);

    const auto nested = planner.plan(s("a/b"), 6);
    REQUIRE(nested.error.isEmpty());
    REQUIRE(nested.relocations.size() == 1);
    CHECK(nested.relocations[0].to == s("a(1)"));
    CHECK(dest.read(s("a(1)")) == "file");
    CHECK_FALSE(QFileInfo::exists(dest.path(s("a"))));
    dest.write(nested.relativePath, "nested");
    CHECK(dest.read(s("a/b")) == "nested");
    CHECK(planner.manifest().blobNameOf(s("a(1)")) == s("a"));
}

TEST_CASE("a blob a after blobs under a/ becomes a(1)", "[planner]")
{
    Destination dest;
    LocalNamePlanner planner(dest.root, NameMapper(), false);
    CHECK(planner.plan(s("a/b"), 1).relativePath == s("a/b"));
    const auto file = planner.plan(s("a"), 1);
    CHECK(file.relativePath == s("a(1)"));
    CHECK(file.renamed);
    CHECK(file.relocations.isEmpty());
}

TEST_CASE("a file that was in the destination before is never moved: the directory gets (n)",
          "[planner]")
{
    Destination dest;
    dest.write(s("a"), "mine");
    LocalNamePlanner planner(dest.root, NameMapper(), false);
    const auto nested = planner.plan(s("a/b"), 1);
    REQUIRE(nested.error.isEmpty());
    CHECK(nested.relativePath == s("a(1)/b"));
    CHECK(nested.renamed);
    CHECK(dest.read(s("a")) == "mine");
}

TEST_CASE("a file being downloaded over an existing file is not moved for a directory", "[planner]")
{
    Destination dest;
    dest.write(s("a"), "old");
    LocalNamePlanner planner(dest.root, NameMapper(), false);
    const auto file = planner.plan(s("a"), 1);
    CHECK(file.relativePath == s("a")); // the overwrite policy decides about "a"
    const auto nested = planner.plan(s("a/b"), 1);
    CHECK(nested.relocations.isEmpty());
    CHECK(nested.relativePath == s("a(1)/b"));
}

TEST_CASE("a blob ... beside blobs under .../ becomes ...(1)", "[planner]")
{
    Destination dest;
    LocalNamePlanner planner(dest.root, NameMapper(), false);
    CHECK(planner.plan(s(".../x"), 1).relativePath == s(".../x"));
    CHECK(planner.plan(s("..."), 1).relativePath == s("...(1)"));
}

TEST_CASE("blob names that translate to one path get (n) before the extension", "[planner]")
{
    Destination dest;
    LocalNamePlanner planner(dest.root, NameMapper(), false);
    CHECK(planner.plan(s("x/y.docx"), 1).relativePath == s("x/y.docx"));
    CHECK(planner.plan(s("x//y.docx"), 1).relativePath == s("x/y(1).docx"));
    CHECK(planner.plan(s("/x/y.docx"), 1).relativePath == s("x/y(2).docx"));

    NameRules windows;
    windows.windowsNames = true;
    Destination other;
    LocalNamePlanner onWindows(other.root, NameMapper(windows), false);
    CHECK(onWindows.plan(s("car?.docx"), 1).relativePath == s("car%3F.docx"));
    CHECK(onWindows.plan(s("car%3F.docx"), 1).relativePath == s("car%3F(1).docx"));
}

TEST_CASE("names differing only in case get (n) on a case-insensitive destination", "[planner]")
{
    Destination dest;
    LocalNamePlanner insensitive(dest.root, NameMapper(), true);
    CHECK(insensitive.plan(s("A.txt"), 1).relativePath == s("A.txt"));
    const auto lower = insensitive.plan(s("a.txt"), 1);
    CHECK(lower.relativePath == s("a(1).txt"));
    CHECK(lower.renamed);
    CHECK(insensitive.plan(s("Dir/x"), 1).relativePath == s("Dir/x"));
    CHECK(insensitive.plan(s("DIR/y"), 1).relativePath == s("DIR(1)/y"));
    CHECK(insensitive.plan(s("Dir/z"), 1).relativePath == s("Dir/z"));

    Destination other;
    LocalNamePlanner sensitive(other.root, NameMapper(), false);
    CHECK(sensitive.plan(s("A.txt"), 1).relativePath == s("A.txt"));
    CHECK(sensitive.plan(s("a.txt"), 1).relativePath == s("a.txt"));
}

TEST_CASE("a symbolic link in the destination is refused, not followed", "[planner]")
{
    Destination dest;
    const QString outside = QDir(dest.parent.path()).filePath(s("outside"));
    REQUIRE(QDir().mkpath(outside));
    REQUIRE(QFile::link(outside, dest.path(s("link"))));
    REQUIRE(QFile::link(QDir(outside).filePath(s("f")), dest.path(s("file-link"))));
    LocalNamePlanner planner(dest.root, NameMapper(), false);

    const auto through = planner.plan(s("link/x"), 1);
    CHECK(through.error.contains(s("symbolic link")));
    CHECK(through.ticket == -1);
    const auto onto = planner.plan(s("file-link"), 1);
    CHECK(onto.error.contains(s("symbolic link")));
    CHECK(planner.plan(s("link/"), 0).error.contains(s("symbolic link")));
    // A part file that is a link would be written through: refused too.
    REQUIRE(QFile::link(QDir(outside).filePath(s("g")), dest.path(s("g.bfpart"))));
    CHECK(planner.plan(s("g"), 1).error.contains(s("symbolic link")));
    CHECK(QDir(outside).isEmpty());
}

TEST_CASE("part files and the manifest keep their names", "[planner]")
{
    Destination dest;
    LocalNamePlanner planner(dest.root, NameMapper(), false);
    CHECK(planner.plan(s("a.bfpart"), 1).relativePath == s("a.bfpart"));
    CHECK(planner.plan(s("a"), 1).relativePath == s("a(1)"));
    CHECK(planner.plan(s("b"), 1).relativePath == s("b"));
    CHECK(planner.plan(s("b.bfpart"), 1).relativePath == s("b(1).bfpart"));
    CHECK(planner.plan(NameManifest::fileName(), 1).relativePath == s(".blobferry-names(1).json"));
    CHECK(planner.plan(s("sub/.blobferry-names.json"), 1).relativePath ==
          s("sub/.blobferry-names.json"));
}

TEST_CASE("an (n) name never lands on a file that was there before", "[planner]")
{
    Destination dest;
    dest.write(s("x/y(1).txt"), "someone else's");
    LocalNamePlanner planner(dest.root, NameMapper(), false);
    CHECK(planner.plan(s("x/y.txt"), 1).relativePath == s("x/y.txt"));
    CHECK(planner.plan(s("x//y.txt"), 1).relativePath == s("x/y(2).txt"));
}

TEST_CASE("a second download into the same destination reuses the names of the first", "[planner]")
{
    Destination dest;
    QStringList first;
    {
        LocalNamePlanner planner(dest.root, NameMapper(), false);
        for (const char *name : {"a", "a/b", "x//y", "x/y", ".."}) {
            const auto plan = planner.plan(s(name), 1);
            for (const auto &relocation : plan.relocations)
                first[first.indexOf(relocation.from)] = relocation.to;
            first.append(plan.relativePath);
            dest.write(plan.relativePath, name);
            planner.written(plan.ticket);
        }
        QString error;
        REQUIRE(planner.manifest().save(dest.root, &error));
    }
    CHECK(first == QStringList{s("a(1)"), s("a/b"), s("x/y"), s("x/y(1)"), s("dotdot")});

    QString error;
    LocalNamePlanner again(dest.root, NameMapper(), false, NameManifest::load(dest.root, &error));
    CHECK(error.isEmpty());
    QStringList second;
    for (const char *name : {"a", "a/b", "x//y", "x/y", ".."})
        second.append(again.plan(s(name), 1).relativePath);
    CHECK(second == first);
}

TEST_CASE("folder markers create directories and are recorded for the way back", "[planner]")
{
    Destination dest;
    LocalNamePlanner planner(dest.root, NameMapper(), false);
    const auto marker = planner.plan(s("photos/"), 0);
    CHECK(marker.isDirectory);
    CHECK(marker.relativePath == s("photos"));
    CHECK(marker.ticket == -1);
    const auto again = planner.plan(s("/photos/"), 0);
    CHECK(again.relativePath == s("photos"));
    CHECK(again.renamed);
    const auto withBytes = planner.plan(s("photos/"), 3);
    CHECK(withBytes.relativePath == s("photos%2F"));
    CHECK(planner.manifest().folders().value(s("photos")) ==
          QStringList{s("photos/"), s("/photos/")});
}
