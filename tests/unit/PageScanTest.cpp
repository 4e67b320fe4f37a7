// SPDX-License-Identifier: MIT
#include "transfer/PageScan.h"

#include <QFile>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using blobferry::transfer::PageScan;

namespace {

QString fileWith(const QTemporaryDir &dir, const QByteArray &data)
{
    const QString path = dir.filePath(QStringLiteral("disk"));
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    REQUIRE(file.write(data) == data.size());
    return path;
}

} // namespace

TEST_CASE("the non-zero span runs from the first to the last page with data", "[pagescan]")
{
    QTemporaryDir dir;
    QByteArray data(8192, '\0');
    data[1000] = 1; // page 1
    data[5000] = 1; // page 9
    const QString path = fileWith(dir, data);
    QString error;
    auto span = PageScan::nonZeroSpan(path, 0, 8192, 8192, &error);
    REQUIRE(span);
    CHECK(span->begin == 512);
    CHECK(span->end == 5120);
    // A window later in the file is measured from its own start.
    span = PageScan::nonZeroSpan(path, 4096, 4096, 4096, &error);
    REQUIRE(span);
    CHECK(span->begin == 512);
    CHECK(span->end == 1024);
    span = PageScan::nonZeroSpan(path, 6144, 2048, 2048, &error);
    REQUIRE(span);
    CHECK(span->isEmpty());
}

TEST_CASE("the last partial page counts whole, its padding included", "[pagescan]")
{
    QTemporaryDir dir;
    QByteArray data(1100, '\0');
    data[1099] = 7;
    const QString path = fileWith(dir, data);
    QString error;
    const auto span = PageScan::nonZeroSpan(path, 0, 1100, 1536, &error);
    REQUIRE(span);
    CHECK(span->begin == 1024);
    CHECK(span->end == 1536);
}

TEST_CASE("a file shorter than the window is an error, not zeros", "[pagescan]")
{
    QTemporaryDir dir;
    const QString path = fileWith(dir, QByteArray(100, '\0'));
    QString error;
    CHECK_FALSE(PageScan::nonZeroSpan(path, 0, 1024, 1024, &error));
    CHECK_FALSE(error.isEmpty());
}

TEST_CASE("disk images are detected by extension", "[pagescan]")
{
    CHECK(PageScan::isDiskImage(QStringLiteral("vm/disk.vhd")));
    CHECK(PageScan::isDiskImage(QStringLiteral("DISK.VHDX")));
    CHECK_FALSE(PageScan::isDiskImage(QStringLiteral("disk.vhd.txt")));
    CHECK_FALSE(PageScan::isDiskImage(QStringLiteral("vhd")));
}
