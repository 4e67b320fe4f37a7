// SPDX-License-Identifier: MIT
// What happens when the destination exists: identical files, /XO, /XN, the clock-skew
// tolerance, the prompt on a real pseudo-terminal, dry runs and kept modification times.
#include "support/CliRunner.h"
#include "support/PtyRunner.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using namespace blobferry::test;

namespace {

void setModified(const QString &path, const QDateTime &when)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadWrite));
    REQUIRE(file.setFileTime(when, QFileDevice::FileModificationTime));
}

QStringList upload(const TestService &service, const TestTree &tree, const QString &container,
                   const QStringList &extra = {})
{
    return QStringList{tree.path(),          service.containerUrl(container), QStringLiteral("/S"),
                       QStringLiteral("/V"), QStringLiteral("--dest-key"),    service.key()} +
           extra;
}

} // namespace

TEST_CASE("identical files are skipped without a question, both ways", "[conflict][azurite]")
{
    TestService service;
    TestTree tree;
    tree.write(QStringLiteral("a.bin"), 3 * 1024 * 1024);
    tree.write(QStringLiteral("sub/b.txt"), 100);
    const QString container = service.uniqueContainer();
    REQUIRE(runCli(upload(service, tree, container)).exitCode == 0);

    const auto again = runCli(upload(service, tree, container));
    INFO(again.out.toStdString() << again.err.toStdString());
    CHECK(again.exitCode == 0);
    CHECK(
        again.outLines().contains(QStringLiteral("Skipped: a.bin (identical: same size and MD5)")));
    CHECK(again.out.contains(QStringLiteral("Transfer skipped: 2")));
    CHECK_FALSE(again.err.contains(QStringLiteral("overwrite question")));

    QTemporaryDir target;
    const QStringList down{
        service.containerUrl(container), target.path(), QStringLiteral("/S"), QStringLiteral("/V"),
        QStringLiteral("--source-key"),  service.key()};
    REQUIRE(runCli(down).exitCode == 0);
    const auto downAgain = runCli(down);
    CHECK(downAgain.out.contains(QStringLiteral("Transfer skipped: 2")));
}

TEST_CASE("/XO copies only newer sources and /XN only older ones, with a clock-skew tolerance",
          "[conflict][azurite]")
{
    TestService service;
    TestTree tree;
    const QDateTime base = QDateTime::currentDateTimeUtc().addSecs(-3600);
    for (const char *name : {"newer.txt", "older.txt", "close.txt"}) {
        tree.writeText(QString::fromLatin1(name), "first version");
        setModified(tree.filePath(QString::fromLatin1(name)), base);
    }
    const QString container = service.uniqueContainer();
    REQUIRE(runCli(upload(service, tree, container)).exitCode == 0);

    // New content everywhere; times: +60 s, -60 s, +1 s (inside the default 2 s tolerance).
    tree.writeText(QStringLiteral("newer.txt"), "second version");
    setModified(tree.filePath(QStringLiteral("newer.txt")), base.addSecs(60));
    tree.writeText(QStringLiteral("older.txt"), "second version");
    setModified(tree.filePath(QStringLiteral("older.txt")), base.addSecs(-60));
    tree.writeText(QStringLiteral("close.txt"), "second version");
    setModified(tree.filePath(QStringLiteral("close.txt")), base.addSecs(1));

    const auto xo = runCli(upload(service, tree, container, {QStringLiteral("/XO")}));
    INFO(xo.out.toStdString() << xo.err.toStdString());
    REQUIRE(xo.exitCode == 0);
    CHECK(service.getBlob(container, QStringLiteral("newer.txt")) == "second version");
    CHECK(service.getBlob(container, QStringLiteral("older.txt")) == "first version");
    CHECK(service.getBlob(container, QStringLiteral("close.txt")) == "first version");

    // With the tolerance at zero the one-second difference counts.
    REQUIRE(
        runCli(upload(service, tree, container,
                      {QStringLiteral("/XO"), QStringLiteral("--clock-skew"), QStringLiteral("0")}))
            .exitCode == 0);
    CHECK(service.getBlob(container, QStringLiteral("close.txt")) == "second version");

    const auto xn = runCli(upload(service, tree, container, {QStringLiteral("/XN")}));
    REQUIRE(xn.exitCode == 0);
    CHECK(service.getBlob(container, QStringLiteral("older.txt")) == "second version");
    CHECK(xn.outLines().contains(
        QStringLiteral("Skipped: newer.txt (identical: same size and MD5)")));
}

TEST_CASE("/XO with /XN copies only what the destination does not have", "[conflict][azurite]")
{
    TestService service;
    TestTree tree;
    tree.writeText(QStringLiteral("kept.txt"), "old");
    const QString container = service.uniqueContainer();
    REQUIRE(runCli(upload(service, tree, container)).exitCode == 0);
    tree.writeText(QStringLiteral("kept.txt"), "changed");
    tree.writeText(QStringLiteral("new.txt"), "new");
    const auto result =
        runCli(upload(service, tree, container, {QStringLiteral("/XO"), QStringLiteral("/XN")}));
    REQUIRE(result.exitCode == 0);
    CHECK(service.getBlob(container, QStringLiteral("kept.txt")) == "old");
    CHECK(service.getBlob(container, QStringLiteral("new.txt")) == "new");
}

TEST_CASE("the overwrite prompt on a terminal does what each answer says", "[conflict][azurite]")
{
    TestService service;
    TestTree tree;
    for (int i = 1; i <= 5; ++i)
        tree.writeText(QStringLiteral("f%1.txt").arg(i), "old");
    const QString container = service.uniqueContainer();
    REQUIRE(runCli(upload(service, tree, container)).exitCode == 0);
    for (int i = 1; i <= 5; ++i)
        tree.writeText(QStringLiteral("f%1.txt").arg(i), "new!");
    const QStringList args = upload(service, tree, container, {QStringLiteral("/NC:1")});

    auto contents = [&] {
        int fresh = 0;
        for (int i = 1; i <= 5; ++i)
            fresh += service.getBlob(container, QStringLiteral("f%1.txt").arg(i)) == "new!";
        return fresh;
    };

    // Yes, No, then All: three questions, and every file but the refused one is replaced.
    const auto yesNoAll =
        runCliOnPty(args, {QStringLiteral("y"), QStringLiteral("No"), QStringLiteral("All")});
    INFO(yesNoAll.screen.toStdString());
    CHECK(yesNoAll.exitCode == 0);
    CHECK(yesNoAll.prompts == 3);
    CHECK(yesNoAll.screen.contains(QStringLiteral("Overwrite f")));
    CHECK(contents() == 4);
    CHECK(yesNoAll.screen.contains(QStringLiteral("Transfer skipped: 1")));

    // None: one question, nothing more is replaced; a gibberish answer is asked again.
    for (int i = 1; i <= 5; ++i)
        tree.writeText(QStringLiteral("f%1.txt").arg(i), "newest");
    const auto none = runCliOnPty(args, {QStringLiteral("maybe"), QStringLiteral("none")});
    INFO(none.screen.toStdString());
    CHECK(none.exitCode == 0);
    CHECK(none.prompts == 2);
    CHECK(none.screen.contains(QStringLiteral("Transfer skipped: 5")));
    CHECK(contents() == 4);
}

TEST_CASE("Ctrl-C at the overwrite prompt cancels the file it asked about, which is not counted "
          "as skipped",
          "[conflict][azurite]")
{
    TestService service;
    TestTree tree;
    for (int i = 1; i <= 3; ++i)
        tree.writeText(QStringLiteral("f%1.txt").arg(i), "old");
    const QString container = service.uniqueContainer();
    REQUIRE(runCli(upload(service, tree, container)).exitCode == 0);
    for (int i = 1; i <= 3; ++i)
        tree.writeText(QStringLiteral("f%1.txt").arg(i), "new!");

    const auto run =
        runCliOnPty(upload(service, tree, container, {QStringLiteral("/NC:1")}), {"\x03"});
    INFO(run.screen.toStdString());
    CHECK(run.exitCode == 130);
    CHECK(run.prompts == 1);
    // The interruption is told before the summary, even when the job ended on its own first.
    const qsizetype told = run.screen.indexOf(QStringLiteral("interrupted: stopping the files"));
    CHECK(told >= 0);
    CHECK(told < run.screen.indexOf(QStringLiteral("Transfer summary:")));
    CHECK(run.screen.contains(QStringLiteral(": cancelled while its overwrite question waited")));
    CHECK(run.screen.contains(QStringLiteral("Transfer skipped: 0")));
    for (int i = 1; i <= 3; ++i)
        CHECK(service.getBlob(container, QStringLiteral("f%1.txt").arg(i)) == "old");
}

TEST_CASE("a dry run prints what would happen and changes nothing", "[conflict][azurite]")
{
    TestService service;
    TestTree tree;
    tree.writeText(QStringLiteral("a.txt"), "a");
    tree.writeText(QStringLiteral("b.txt"), "b");
    const QString container = service.uniqueContainer();

    const auto fresh = runCli(upload(service, tree, container, {QStringLiteral("/DryRun")}));
    INFO(fresh.out.toStdString() << fresh.err.toStdString());
    REQUIRE(fresh.exitCode == 0);
    CHECK(fresh.outLines().contains(QStringLiteral("Would copy: a.txt")));
    CHECK(fresh.out.contains(QStringLiteral("Dry run: nothing was changed.")));
    CHECK(service.send(service.requests(container).listBlobs({}, {}, {})).status == 404);

    REQUIRE(runCli(upload(service, tree, container)).exitCode == 0);
    tree.writeText(QStringLiteral("a.txt"), "changed");
    const auto existing = runCli(
        upload(service, tree, container, {QStringLiteral("--dry-run"), QStringLiteral("/Y")}));
    CHECK(existing.outLines().contains(QStringLiteral("Would overwrite: a.txt")));
    CHECK(service.getBlob(container, QStringLiteral("a.txt")) == "a");

    QTemporaryDir scratch;
    const QString target = QDir(scratch.path()).filePath(QStringLiteral("not-yet"));
    const auto down = runCli({service.containerUrl(container), target, QStringLiteral("--dry-run"),
                              QStringLiteral("--source-key"), service.key()});
    CHECK(down.exitCode == 0);
    CHECK(down.outLines().contains(QStringLiteral("Would copy: b.txt")));
    CHECK_FALSE(QFileInfo::exists(target));
}

TEST_CASE("modification times survive an upload and a download", "[conflict][azurite]")
{
    TestService service;
    TestTree tree;
    tree.writeText(QStringLiteral("photo.raw"), "pixels");
    const QDateTime taken(QDate(2019, 6, 1), QTime(8, 30, 15, 250), Qt::UTC);
    setModified(tree.filePath(QStringLiteral("photo.raw")), taken);
    const QString container = service.uniqueContainer();
    REQUIRE(runCli(upload(service, tree, container)).exitCode == 0);
    QTemporaryDir target;
    REQUIRE(runCli({service.containerUrl(container), target.path(), QStringLiteral("--source-key"),
                    service.key()})
                .exitCode == 0);
    CHECK(QFileInfo(QDir(target.path()).filePath(QStringLiteral("photo.raw")))
              .lastModified()
              .toUTC() == taken);
}

TEST_CASE("a recorded modification time years ahead is ignored for the blob's Last-Modified",
          "[conflict][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer();
    service.createContainer(container);
    // Year 2446, as a wrong clock or a hostile writer might record it: a raw Put Blob with
    // the metadata, not an upload by blobferry.
    const qint64 future = QDateTime(QDate(2446, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const QByteArray data = "from the future";
    blobferry::azure::BlobProperties properties;
    properties.fileModifiedMs = future;
    const auto put = service.send(service.requests(container).putBlob(
        QStringLiteral("future.txt"), data.size(),
        [data] {
            auto *body = new QBuffer;
            body->setData(data);
            body->open(QIODevice::ReadOnly);
            return body;
        },
        properties));
    REQUIRE(put.status == 201);
    const auto head =
        service.send(service.requests(container).getProperties(QStringLiteral("future.txt")));
    REQUIRE(head.header("x-ms-meta-blobferrymtime") == QByteArray::number(future));
    const QDateTime lastModified =
        blobferry::azure::parseHttpDate(QString::fromLatin1(head.header("Last-Modified")));
    REQUIRE(lastModified.isValid());

    QTemporaryDir target;
    const auto down = runCli({service.containerUrl(container), target.path(),
                              QStringLiteral("--source-key"), service.key()});
    INFO(down.out.toStdString() << down.err.toStdString());
    REQUIRE(down.exitCode == 0);
    const QDateTime written = QFileInfo(QDir(target.path()).filePath(QStringLiteral("future.txt")))
                                  .lastModified()
                                  .toUTC();
    CHECK(written.toSecsSinceEpoch() == lastModified.toSecsSinceEpoch());
}
