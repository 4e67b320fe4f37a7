// SPDX-License-Identifier: MIT
// A blob in the Archive tier cannot be read until it is rehydrated: its download fails with a
// reason that names the tier and how to rehydrate, not the service's bare 409; so does its
// copy to another container (and the window's rename, the same copy).
#include "OptionsHelpers.h"
#include "support/CliRunner.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <catch2/catch.hpp>

using namespace blobferry::test;
using namespace blobferry::test::options;

TEST_CASE("downloading an archived blob fails with a reason naming the tier and how to rehydrate",
          "[options][archive-tier][azurite]")
{
    TestService service;
    TestTree tree;
    tree.writeText(QStringLiteral("cold-storage.txt"), "archived at upload");
    const QString container = service.uniqueContainer(QStringLiteral("archdown"));
    const auto up =
        runCli(upload(service, tree.path(), container,
                      {QStringLiteral("--block-blob-tier"), QStringLiteral("archive")}));
    REQUIRE(up.exitCode == 0);
    service.putBlob(container, QStringLiteral("hot.txt"), "readable");

    TestTree target;
    const auto down = runCli(download(service, container, target.path()));
    INFO(down.out.toStdString() << down.err.toStdString());
    CHECK(down.exitCode == 1);
    CHECK(down.errLines().contains(
        QStringLiteral("Failed Transfer: cold-storage.txt: the blob is in the Archive tier; "
                       "rehydrate it to Hot or Cool first (blobferry-cli --set-tier hot %1, or "
                       "Change tier in the window), which takes hours")
            .arg(service.containerUrl(container, QStringLiteral("cold-storage.txt")))));
    CHECK(down.outLines().contains(QStringLiteral("Transfer successfully: 1")));
    CHECK(down.outLines().contains(QStringLiteral("Transfer failed: 1")));
    CHECK(target.files() == QStringList{QStringLiteral("hot.txt")}); // no part file left

    // Restartable (as the window always is): a part file with nothing in it is nothing to
    // resume from, and is not left in the user's folder either.
    TestTree restartable;
    TestTree journals;
    const auto again = runCli(
        download(service, container, restartable.path(),
                 {QStringLiteral("/Z:") + journals.path() + QStringLiteral("/down.journal")}));
    INFO(again.out.toStdString() << again.err.toStdString());
    CHECK(again.exitCode == 1);
    INFO("files: " << restartable.files().join(QStringLiteral(", ")).toStdString());
    CHECK(restartable.files() == QStringList{QStringLiteral("hot.txt")});
}

TEST_CASE("copying an archived blob to another container fails with the same reason, not a bare "
          "409",
          "[options][archive-tier][azurite]")
{
    TestService service;
    TestTree tree;
    tree.writeText(QStringLiteral("cold-storage.txt"), "archived at upload");
    const QString from = service.uniqueContainer(QStringLiteral("archcopy"));
    REQUIRE(runCli(upload(service, tree.path(), from,
                          {QStringLiteral("--block-blob-tier"), QStringLiteral("archive")}))
                .exitCode == 0);
    const QString to = service.uniqueContainer(QStringLiteral("archcopyto"));
    const auto copy = runCli({service.containerUrl(from), service.containerUrl(to),
                              QStringLiteral("--source-key"), service.key(),
                              QStringLiteral("--dest-key"), service.key()});
    INFO(copy.out.toStdString() << copy.err.toStdString());
    CHECK(copy.exitCode == 1);
    CHECK(copy.errLines().contains(
        QStringLiteral("Failed Transfer: cold-storage.txt: the blob is in the Archive tier; "
                       "rehydrate it to Hot or Cool first (blobferry-cli --set-tier hot %1, or "
                       "Change tier in the window), which takes hours")
            .arg(service.containerUrl(from, QStringLiteral("cold-storage.txt")))));
}
