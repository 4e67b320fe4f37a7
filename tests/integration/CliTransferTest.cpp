// SPDX-License-Identifier: MIT
// blobferry-cli against the run's Azurite: what lands in the service and on disk.
#include "support/CliRunner.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QDir>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using namespace blobferry::test;

namespace {

constexpr qint64 kMiB = 1024 * 1024;

QStringList keyArgs(const TestService &service, const char *side = "--dest-key")
{
    return {QString::fromLatin1(side), service.key()};
}

} // namespace

TEST_CASE("a recursive upload and download of a mixed tree is byte-exact", "[cli][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("empty.bin"), 0);
    source.write(QStringLiteral("one.bin"), 1);
    source.write(QStringLiteral("sub/one-block.bin"), 8 * kMiB);
    source.write(QStringLiteral("sub/one-block-plus-one.bin"), 8 * kMiB + 1);
    source.write(QStringLiteral("sub/deeper/large.bin"), 70 * kMiB + 12345);
    const QString container = service.uniqueContainer();

    auto up = runCli(QStringList{source.path(), service.containerUrl(container),
                                 QStringLiteral("/S"), QStringLiteral("/V")} +
                     keyArgs(service));
    INFO(up.out.toStdString() << up.err.toStdString());
    REQUIRE(up.exitCode == 0);
    CHECK(up.outLines().contains(QStringLiteral("Finished Transfer: sub/deeper/large.bin")));
    CHECK(up.out.contains(QStringLiteral("Total files transferred: 5\nTransfer successfully: 5\n"
                                         "Transfer failed: 0")));

    // The service holds every file under its relative name with its size.
    const auto blobs = service.listBlobs(container);
    REQUIRE(blobs.size() == 5);
    for (const auto &blob : blobs)
        CHECK(blob.size == QFileInfo(source.filePath(blob.name)).size());
    // Compared as a flag: Catch would print both 8 MiB arrays on a mismatch.
    const bool sameBytes =
        service.getBlob(container, QStringLiteral("sub/one-block-plus-one.bin")) ==
        TestTree::contentFor(QStringLiteral("sub/one-block-plus-one.bin"), 8 * kMiB + 1);
    CHECK(sameBytes);

    QTemporaryDir target;
    auto down =
        runCli(QStringList{service.containerUrl(container), target.path(), QStringLiteral("/S")} +
               keyArgs(service, "--source-key"));
    INFO(down.out.toStdString() << down.err.toStdString());
    REQUIRE(down.exitCode == 0);
    CHECK(treeDifferences(source.path(), target.path()).isEmpty());
}

TEST_CASE("without /S only the top level is copied, both ways", "[cli][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("top.txt"), 10);
    source.write(QStringLiteral("nested/inner.txt"), 10);
    const QString container = service.uniqueContainer();

    auto up =
        runCli(QStringList{source.path(), service.containerUrl(container)} + keyArgs(service));
    REQUIRE(up.exitCode == 0);
    CHECK(service.blobNames(container) == QStringList{QStringLiteral("top.txt")});

    service.putBlob(container, QStringLiteral("nested/inner.txt"), "x");
    QTemporaryDir target;
    auto down = runCli(QStringList{service.containerUrl(container), target.path()} +
                       keyArgs(service, "--source-key"));
    REQUIRE(down.exitCode == 0);
    CHECK(filesUnder(target.path()) == QStringList{QStringLiteral("top.txt")});
}

TEST_CASE("a blob prefix pattern takes car1.docx and car/x but not subfolder1/car_sub1.docx",
          "[cli][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer();
    service.createContainer(container);
    for (const char *name :
         {"car1.docx", "car2.docx", "car/x.txt", "train1.docx", "subfolder1/car_sub1.docx"})
        service.putBlob(container, QString::fromLatin1(name), name);

    QTemporaryDir recursive;
    auto withS = runCli(QStringList{service.containerUrl(container), recursive.path(),
                                    QStringLiteral("car"), QStringLiteral("/S")} +
                        keyArgs(service, "--source-key"));
    REQUIRE(withS.exitCode == 0);
    CHECK(filesUnder(recursive.path()) == QStringList{QStringLiteral("car/x.txt"),
                                                      QStringLiteral("car1.docx"),
                                                      QStringLiteral("car2.docx")});

    QTemporaryDir topLevel;
    auto withoutS = runCli(
        QStringList{service.containerUrl(container), topLevel.path(), QStringLiteral("car")} +
        keyArgs(service, "--source-key"));
    REQUIRE(withoutS.exitCode == 0);
    CHECK(filesUnder(topLevel.path()) ==
          QStringList{QStringLiteral("car1.docx"), QStringLiteral("car2.docx")});
}

TEST_CASE("a local wildcard pattern uploads only the files it matches", "[cli][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("a.docx"), 3);
    source.write(QStringLiteral("b.txt"), 3);
    source.write(QStringLiteral("sub/c.docx"), 3);
    const QString container = service.uniqueContainer();
    auto result = runCli(QStringList{source.path(), service.containerUrl(container),
                                     QStringLiteral("*.docx"), QStringLiteral("/S")} +
                         keyArgs(service));
    REQUIRE(result.exitCode == 0);
    CHECK(service.blobNames(container) ==
          QStringList{QStringLiteral("a.docx"), QStringLiteral("sub/c.docx")});
}

TEST_CASE("an upload into a virtual directory prefixes every blob name", "[cli][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("x/y.bin"), 100);
    const QString container = service.uniqueContainer();
    auto result = runCli(QStringList{source.path(),
                                     service.containerUrl(container, QStringLiteral("backup/2026")),
                                     QStringLiteral("--recursive")} +
                         keyArgs(service));
    REQUIRE(result.exitCode == 0);
    CHECK(service.blobNames(container) == QStringList{QStringLiteral("backup/2026/x/y.bin")});
}

TEST_CASE("an account SAS URL uploads with no key and its signature is never printed",
          "[cli][azurite][sas]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("photo.raw"), 9 * kMiB);
    source.write(QStringLiteral("notes.txt"), 5);
    const QString container = service.uniqueContainer();
    service.createContainer(container);
    const QString sas = service.accountSas();
    const QString signature =
        QUrl::fromPercentEncoding(sas.section(QStringLiteral("sig="), 1).toLatin1());

    auto result = runCli({source.path(), service.containerUrl(container) + QLatin1Char('?') + sas,
                          QStringLiteral("/S"), QStringLiteral("/V")});
    INFO(result.out.toStdString() << result.err.toStdString());
    REQUIRE(result.exitCode == 0);
    CHECK(service.blobNames(container) ==
          QStringList{QStringLiteral("notes.txt"), QStringLiteral("photo.raw")});
    CHECK_FALSE(result.out.contains(signature));
    CHECK_FALSE(result.err.contains(signature));

    // A SAS for a container that does not exist fails; the message still hides the signature.
    auto failing = runCli(
        {source.path(),
         service.containerUrl(QStringLiteral("missing-") + container.left(20)) + QLatin1Char('?') +
             QString(sas).replace(QStringLiteral("sp=rwdlacup"), QStringLiteral("sp=r")),
         QStringLiteral("/S")});
    CHECK(failing.exitCode != 0);
    CHECK_FALSE(failing.out.contains(signature));
    CHECK_FALSE(failing.err.contains(signature));
}

TEST_CASE("a connection string stands in for the key", "[cli][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("a.bin"), 1000);
    const QString container = service.uniqueContainer();
    CliOptions options;
    options.environment.insert(QStringLiteral("BLOBFERRY_DEST_CONNECTION_STRING"),
                               service.connectionString());
    auto result = runCli({source.path(), service.containerUrl(container)}, options);
    INFO(result.err.toStdString());
    REQUIRE(result.exitCode == 0);
    CHECK(service.blobNames(container) == QStringList{QStringLiteral("a.bin")});
}

TEST_CASE("existing destinations are skipped without a terminal and overwritten with /Y",
          "[cli][azurite]")
{
    TestService service;
    TestTree source;
    source.writeText(QStringLiteral("report.txt"), "new content");
    const QString container = service.uniqueContainer();
    service.createContainer(container);
    service.putBlob(container, QStringLiteral("report.txt"), "old");

    auto skipped =
        runCli(QStringList{source.path(), service.containerUrl(container)} + keyArgs(service));
    CHECK(skipped.exitCode == 0);
    CHECK(skipped.out.contains(QStringLiteral("Transfer skipped: 1")));
    CHECK(skipped.err.contains(QStringLiteral("use --yes to overwrite")));
    CHECK(service.getBlob(container, QStringLiteral("report.txt")) == "old");

    auto overwritten =
        runCli(QStringList{source.path(), service.containerUrl(container), QStringLiteral("/Y")} +
               keyArgs(service));
    CHECK(overwritten.exitCode == 0);
    CHECK(service.getBlob(container, QStringLiteral("report.txt")) == "new content");

    // The same for a download onto an existing file.
    QTemporaryDir target;
    QFile existing(QDir(target.path()).filePath(QStringLiteral("report.txt")));
    REQUIRE(existing.open(QIODevice::WriteOnly));
    existing.write("local");
    existing.close();
    auto kept = runCli(QStringList{service.containerUrl(container), target.path()} +
                       keyArgs(service, "--source-key"));
    CHECK(kept.exitCode == 0);
    REQUIRE(existing.open(QIODevice::ReadOnly));
    CHECK(existing.readAll() == "local");
    existing.close();
    auto replaced = runCli(
        QStringList{service.containerUrl(container), target.path(), QStringLiteral("--yes")} +
        keyArgs(service, "--source-key"));
    CHECK(replaced.exitCode == 0);
    REQUIRE(existing.open(QIODevice::ReadOnly));
    CHECK(existing.readAll() == "new content");
}

TEST_CASE("blob names with spaces, plus signs, percent and unicode survive the round trip",
          "[cli][azurite]")
{
    TestService service;
    TestTree source;
    const QStringList names{QStringLiteral("with space.txt"), QStringLiteral("plus+sign.txt"),
                            QStringLiteral("100%.txt"), QStringLiteral("hash#q?.txt"),
                            QStringLiteral("fotos/Zürich 東京.jpg")};
    for (const QString &name : names)
        source.write(name, 64);
    const QString container = service.uniqueContainer();
    auto up =
        runCli(QStringList{source.path(), service.containerUrl(container), QStringLiteral("/S")} +
               keyArgs(service));
    INFO(up.err.toStdString());
    REQUIRE(up.exitCode == 0);
    QStringList expected = names;
    expected.sort();
    CHECK(service.blobNames(container) == expected);

    QTemporaryDir target;
    auto down =
        runCli(QStringList{service.containerUrl(container), target.path(), QStringLiteral("/S")} +
               keyArgs(service, "--source-key"));
    REQUIRE(down.exitCode == 0);
    CHECK(treeDifferences(source.path(), target.path()).isEmpty());
}
