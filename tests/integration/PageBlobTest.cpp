// SPDX-License-Identifier: MIT
// Page blobs against the run's Azurite: files of any length go up zero-padded to 512 bytes and
// come back as they were, directly and after a blob-to-blob copy.
#include "OptionsHelpers.h"
#include "support/CliRunner.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QTemporaryDir>
#include <catch2/catch.hpp>

using namespace blobferry;
using namespace blobferry::test;
using namespace blobferry::test::options;

TEST_CASE("page blobs of any length come back byte-exact, downloaded and copied blob to blob",
          "[options][azurite]")
{
    TestService service;
    TestTree tree;
    // Both sides of a page (512) and of the range size (--block-size 1: 1 MiB); a blob that
    // fits in one range was fetched whole, padding included.
    const QList<qint64> lengths{1, 100, 511, 512, 513, 1000, kMiB - 1, kMiB, kMiB + 1};
    for (const qint64 length : lengths)
        tree.write(QStringLiteral("disk-%1.img").arg(length), length);
    const QStringList rangeSize{QStringLiteral("--block-size"), QStringLiteral("1")};
    const QString container = service.uniqueContainer();
    const auto up = runCli(
        upload(service, tree.path(), container,
               QStringList{QStringLiteral("--blob-type"), QStringLiteral("page")} + rangeSize));
    INFO(up.out.toStdString() << up.err.toStdString());
    REQUIRE(up.exitCode == 0);
    const auto padded = head(service, container, QStringLiteral("disk-513.img"));
    REQUIRE(padded.header("x-ms-blob-type") == "PageBlob");
    REQUIRE(padded.header("Content-Length").toLongLong() == 1024);

    // With and without the MD5 check: they fetch the ranges differently.
    for (const QStringList &check :
         {QStringList{}, QStringList{QStringLiteral("--no-check-md5")}}) {
        QTemporaryDir target;
        const auto down = runCli(download(service, container, target.path(), rangeSize + check));
        INFO(check.join(QLatin1Char(' ')).toStdString()
             << "\n"
             << down.out.toStdString() << down.err.toStdString());
        CHECK(down.exitCode == 0);
        CHECK(treeDifferences(tree.path(), target.path()).isEmpty());
    }

    // The copy carries the length in its metadata; downloading it gives the file again.
    const QString copied = service.uniqueContainer();
    const auto copy =
        runCli(QStringList{service.containerUrl(container), service.containerUrl(copied),
                           QStringLiteral("--source-key"), service.key(),
                           QStringLiteral("--dest-key"), service.key()});
    INFO(copy.out.toStdString() << copy.err.toStdString());
    REQUIRE(copy.exitCode == 0);
    CHECK(head(service, copied, QStringLiteral("disk-1.img")).header("x-ms-meta-blobferrylength") ==
          "1");
    QTemporaryDir target;
    const auto down = runCli(download(service, copied, target.path(), rangeSize));
    INFO(down.out.toStdString() << down.err.toStdString());
    CHECK(down.exitCode == 0);
    CHECK(treeDifferences(tree.path(), target.path()).isEmpty());
}
