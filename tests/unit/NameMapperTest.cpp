// SPDX-License-Identifier: MIT
#include "transfer/NameMapper.h"

#include <catch2/catch.hpp>

using blobferry::transfer::NameMapper;

namespace {

QString localOf(const char *blobName)
{
    return NameMapper::toLocal(QString::fromUtf8(blobName)).relativePath;
}

} // namespace

TEST_CASE("a plain blob name maps to the same relative path, not renamed", "[namemapper]")
{
    const auto result = NameMapper::toLocal(QStringLiteral("dir/sub/file.txt"));
    CHECK(result.relativePath == QLatin1String("dir/sub/file.txt"));
    CHECK_FALSE(result.renamed);
    CHECK_FALSE(result.isDirectoryMarker);
}

TEST_CASE("a blob named . is written as dot", "[namemapper]")
{
    const auto result = NameMapper::toLocal(QStringLiteral("."));
    CHECK(result.relativePath == QLatin1String("dot"));
    CHECK(result.renamed);
    CHECK(localOf("a/./b") == QLatin1String("a/dot/b"));
}

TEST_CASE("a blob named .. is written as dotdot", "[namemapper]")
{
    const auto result = NameMapper::toLocal(QStringLiteral(".."));
    CHECK(result.relativePath == QLatin1String("dotdot"));
    CHECK(result.renamed);
}

TEST_CASE("'..' segments anywhere become dotdot so the path cannot climb out", "[namemapper]")
{
    CHECK(localOf("x/../../evil.txt") == QLatin1String("x/dotdot/dotdot/evil.txt"));
    CHECK(localOf("../evil.txt") == QLatin1String("dotdot/evil.txt"));
    CHECK(localOf("a/..") == QLatin1String("a/dotdot"));
    CHECK(NameMapper::toLocal(QStringLiteral("x/../../evil.txt")).renamed);
}

TEST_CASE("names that merely contain dots are kept", "[namemapper]")
{
    CHECK(localOf("...") == QLatin1String("..."));
    CHECK(localOf("..hidden/.profile") == QLatin1String("..hidden/.profile"));
    CHECK(localOf("a..b") == QLatin1String("a..b"));
    CHECK_FALSE(NameMapper::toLocal(QStringLiteral("..hidden/.profile")).renamed);
}

TEST_CASE("empty segments are dropped", "[namemapper]")
{
    const auto result = NameMapper::toLocal(QStringLiteral("a//b///c.txt"));
    CHECK(result.relativePath == QLatin1String("a/b/c.txt"));
    CHECK(result.renamed);
}

TEST_CASE("a leading '/' does not make the path absolute", "[namemapper]")
{
    const auto result = NameMapper::toLocal(QStringLiteral("/abs/path.txt"));
    CHECK(result.relativePath == QLatin1String("abs/path.txt"));
    CHECK(result.renamed);
    CHECK(localOf("//etc/passwd") == QLatin1String("etc/passwd"));
    // Only slashes: the root itself.
    CHECK(localOf("/").isEmpty());
    CHECK(localOf("///").isEmpty());
}

TEST_CASE("a trailing '/' marks a directory", "[namemapper]")
{
    const auto result = NameMapper::toLocal(QStringLiteral("photos/2024/"));
    CHECK(result.isDirectoryMarker);
    CHECK(result.relativePath == QLatin1String("photos/2024"));
    CHECK_FALSE(NameMapper::toLocal(QStringLiteral("photos/2024")).isDirectoryMarker);
}

TEST_CASE("every mapped name stays inside the destination", "[namemapper]")
{
    for (const char *name : {"..", ".", "../x", "x/../../y", "/abs", "a//b", "./a/./b/..", "dir/",
                             "/../", "normal.txt", "sp ace/\xc3\xa9.txt"}) {
        INFO(name);
        const QString local = localOf(name);
        if (!local.isEmpty())
            CHECK(NameMapper::staysInside(local));
    }
}

TEST_CASE("staysInside accepts plain relative paths", "[namemapper]")
{
    CHECK(NameMapper::staysInside(QStringLiteral("a")));
    CHECK(NameMapper::staysInside(QStringLiteral("a/b/c.txt")));
    CHECK(NameMapper::staysInside(QStringLiteral("dotdot/...")));
    CHECK(NameMapper::staysInside(QStringLiteral("..a/b..")));
}

TEST_CASE("staysInside rejects '..', '.', empty and absolute paths", "[namemapper]")
{
    CHECK_FALSE(NameMapper::staysInside(QStringLiteral("..")));
    CHECK_FALSE(NameMapper::staysInside(QStringLiteral(".")));
    CHECK_FALSE(NameMapper::staysInside(QString()));
    CHECK_FALSE(NameMapper::staysInside(QStringLiteral("/abs")));
    CHECK_FALSE(NameMapper::staysInside(QStringLiteral("a/../b")));
    CHECK_FALSE(NameMapper::staysInside(QStringLiteral("a/..")));
    CHECK_FALSE(NameMapper::staysInside(QStringLiteral("a//b")));
    CHECK_FALSE(NameMapper::staysInside(QStringLiteral("a/")));
}
