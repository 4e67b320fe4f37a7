// SPDX-License-Identifier: MIT
// Blobs with snapshots, made with raw Snapshot Blob calls against the run's Azurite: a mirror
// and a move remove them with their snapshots (Delete Blob with x-ms-delete-snapshots:
// include; without it the service refuses, 409 SnapshotsPresent), and the mirror's question
// says so.
#include "OptionsHelpers.h"
#include "support/CliRunner.h"
#include "support/PtyRunner.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QDir>
#include <QFile>
#include <catch2/catch.hpp>

using namespace blobferry::test;
using namespace blobferry::test::options;

TEST_CASE("a mirror upload deletes a blob that has snapshots, and its question says so",
          "[options][snapshots][azurite]")
{
    TestService service;
    TestTree tree;
    tree.writeText(QStringLiteral("keep.txt"), "kept");
    const QString container = service.uniqueContainer(QStringLiteral("snapmir"));
    service.createContainer(container);
    service.putBlob(container, QStringLiteral("gone.txt"), "first");
    service.snapshotBlob(container, QStringLiteral("gone.txt"));
    service.snapshotBlob(container, QStringLiteral("gone.txt"));
    REQUIRE(service.countWithSnapshots(container, QStringLiteral("gone.txt")) == 3);

    const auto mirror = runCliOnPty(
        upload(service, tree.path(), container, {QStringLiteral("/MIR")}), {QStringLiteral("yes")});
    INFO(mirror.screen.toStdString());
    CHECK(mirror.exitCode == 0);
    CHECK(mirror.prompts == 1);
    CHECK(mirror.screen.contains(
        QStringLiteral("Mirror: delete 1 blob(s), each with its snapshots, from %1 that the "
                       "source no longer has? (Yes/No)")
            .arg(service.containerUrl(container))));
    CHECK(mirror.screen.contains(QStringLiteral("Deleted: gone.txt")));
    CHECK(service.countWithSnapshots(container, QStringLiteral("gone.txt")) == 0);
    CHECK(service.blobNames(container) == QStringList{QStringLiteral("keep.txt")});
}

TEST_CASE("a move from a container removes each blob with its snapshots", "[options][snapshots]"
                                                                          "[azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer(QStringLiteral("snapmov"));
    service.createContainer(container);
    service.putBlob(container, QStringLiteral("moved.txt"), "the blob's bytes");
    service.snapshotBlob(container, QStringLiteral("moved.txt"));
    REQUIRE(service.countWithSnapshots(container, QStringLiteral("moved.txt")) == 2);

    TestTree target;
    const auto move = runCli(download(service, container, target.path(), {QStringLiteral("/MOV")}));
    INFO(move.out.toStdString() << move.err.toStdString());
    CHECK(move.exitCode == 0);
    QFile moved(target.filePath(QStringLiteral("moved.txt")));
    REQUIRE(moved.open(QIODevice::ReadOnly));
    CHECK(moved.readAll() == "the blob's bytes");
    CHECK(service.countWithSnapshots(container, QStringLiteral("moved.txt")) == 0);
}
