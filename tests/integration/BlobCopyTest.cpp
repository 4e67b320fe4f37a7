// SPDX-License-Identifier: MIT
// Blob to blob copies against the run's Azurite: the service copies (Copy Blob), with /S,
// patterns, --move, a SAS on either side, and copies still pending.
#include "OptionsHelpers.h"
#include "support/CliRunner.h"
#include "support/FaultProxyProcess.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QUrlQuery>
#include <catch2/catch.hpp>

using namespace blobferry;
using namespace blobferry::test;
using namespace blobferry::test::options;

TEST_CASE("blob to blob: the service copies with /S and patterns, properties included",
          "[options][azurite]")
{
    TestService service;
    TestTree tree;
    tree.writeText(QStringLiteral("car1.css"), "a { }\n");
    tree.write(QStringLiteral("car/big.bin"), 3 * kMiB + 1);
    tree.writeText(QStringLiteral("train.txt"), "t");
    const QString from = service.uniqueContainer();
    REQUIRE(runCli(upload(service, tree.path(), from, {QStringLiteral("/S")})).exitCode == 0);
    const QString to = service.uniqueContainer();
    const QStringList keys{QStringLiteral("--source-key"), service.key(),
                           QStringLiteral("--dest-key"), service.key()};

    const auto copy = runCli(
        QStringList{service.containerUrl(from), service.containerUrl(to, QStringLiteral("backup")),
                    QStringLiteral("car"), QStringLiteral("/S"), QStringLiteral("/V")} +
        keys);
    INFO(copy.out.toStdString() << copy.err.toStdString());
    REQUIRE(copy.exitCode == 0);
    CHECK(copy.outLines().contains(QStringLiteral("Finished Transfer: car/big.bin")));
    CHECK(service.blobNames(to) ==
          QStringList{QStringLiteral("backup/car/big.bin"), QStringLiteral("backup/car1.css")});
    const bool sameBytes = service.getBlob(to, QStringLiteral("backup/car/big.bin")) ==
                           TestTree::contentFor(QStringLiteral("car/big.bin"), 3 * kMiB + 1);
    CHECK(sameBytes);
    const auto css = head(service, to, QStringLiteral("backup/car1.css"));
    const auto original = head(service, from, QStringLiteral("car1.css"));
    CHECK(css.header("Content-Type") == "text/css");
    CHECK(css.header("Content-MD5") == original.header("Content-MD5"));
    CHECK(css.header("x-ms-meta-blobferrymtime") == original.header("x-ms-meta-blobferrymtime"));

    // Again: identical blobs are skipped; a dry run with /MIR lists, changes nothing.
    service.putBlob(to, QStringLiteral("backup/extra.txt"), "extra");
    const auto dry = runCli(
        QStringList{service.containerUrl(from), service.containerUrl(to, QStringLiteral("backup")),
                    QStringLiteral("/S"), QStringLiteral("/MIR"), QStringLiteral("--dry-run")} +
        keys);
    INFO(dry.out.toStdString() << dry.err.toStdString());
    CHECK(dry.exitCode == 0);
    CHECK(dry.outLines().contains(QStringLiteral("Would copy: train.txt")));
    CHECK(dry.outLines().contains(QStringLiteral("Would delete: backup/extra.txt")));
    CHECK(dry.out.contains(QStringLiteral("identical")));
    CHECK(service.blobNames(to).size() == 3);
}

TEST_CASE("blob to blob with a SAS source and --move deletes each copied source blob",
          "[options][azurite]")
{
    TestService service;
    const QString from = service.uniqueContainer();
    service.createContainer(from);
    service.putBlob(from, QStringLiteral("one.txt"), "one");
    service.putBlob(from, QStringLiteral("two.txt"), "two");
    service.putBlob(from, QStringLiteral("archived.txt"), "cannot be copied"); // fails: stays
    service.archiveBlob(from, QStringLiteral("archived.txt"));
    const QString to = service.uniqueContainer();
    const QString sourceWithSas =
        service.containerUrl(from) + QLatin1Char('?') + service.accountSas();
    const auto move = runCli({sourceWithSas, service.containerUrl(to), QStringLiteral("/MOV"),
                              QStringLiteral("--dest-key"), service.key()});
    INFO(move.out.toStdString() << move.err.toStdString());
    CHECK(move.exitCode == 1);
    CHECK(service.getBlob(to, QStringLiteral("one.txt")) == "one");
    CHECK(service.getBlob(to, QStringLiteral("two.txt")) == "two");
    CHECK(service.blobNames(from) == QStringList{QStringLiteral("archived.txt")});
    // The SAS signature is a secret: never printed.
    const QUrlQuery query(service.accountSas());
    for (const QString &sig : {query.queryItemValue(QStringLiteral("sig"), QUrl::FullyEncoded),
                               query.queryItemValue(QStringLiteral("sig"), QUrl::FullyDecoded)}) {
        REQUIRE_FALSE(sig.isEmpty());
        CHECK_FALSE(move.out.contains(sig));
        CHECK_FALSE(move.err.contains(sig));
    }
}

TEST_CASE("a blob to blob copy still pending is polled until it succeeds", "[options][azurite]")
{
    // Azurite finishes every copy at once; the fault proxy answers "pending" three times per
    // blob (to the Copy Blob and the first two polls), as a copy between accounts would.
    TestService service;
    const QString from = service.uniqueContainer();
    service.createContainer(from);
    service.putBlob(from, QStringLiteral("one.txt"), "one");
    service.putBlob(from, QStringLiteral("two.txt"), "two");
    const QString to = service.uniqueContainer();
    FaultProxyProcess proxy(service.endpoint(),
                            {QStringLiteral("--copy-pending"), QStringLiteral("3")});
    // Both sides through the proxy: the emulator copies within itself only when the source
    // names the host the request came to.
    const auto copy =
        runCli({proxy.containerUrl(from), proxy.containerUrl(to), QStringLiteral("--source-key"),
                service.key(), QStringLiteral("--dest-key"), service.key(), QStringLiteral("/V")});
    proxy.stop();
    INFO(copy.out.toStdString() << copy.err.toStdString());
    REQUIRE(copy.exitCode == 0);
    CHECK(proxy.count(QStringLiteral("faults.copyPending")) == 6);
    // Per blob: the conflict check, then a poll after each "pending" (the last one verifies).
    CHECK(proxy.count(QStringLiteral("requestsByMethod.HEAD")) == 8);
    CHECK(service.getBlob(to, QStringLiteral("one.txt")) == "one");
    CHECK(service.getBlob(to, QStringLiteral("two.txt")) == "two");
}

TEST_CASE("blob to blob with a source key and a SAS destination reads the source through a SAS "
          "made from the key",
          "[options][azurite]")
{
    // The service checks the signature exactly: the copy succeeds only if the SAS blobferry
    // signed with the source's key is right.
    TestService service;
    const QString from = service.uniqueContainer();
    service.createContainer(from);
    service.putBlob(from, QStringLiteral("photo.jpg"), "pixels");
    const QString to = service.uniqueContainer();
    service.createContainer(to);
    QTemporaryDir logs;
    const auto copy = runCli({service.containerUrl(from),
                              service.containerUrl(to) + QLatin1Char('?') + service.accountSas(),
                              QStringLiteral("--source-key"), service.key(), QStringLiteral("/V"),
                              QStringLiteral("--log-level"), QStringLiteral("debug"),
                              QStringLiteral("--log-dir"), logs.path()});
    INFO(copy.out.toStdString() << copy.err.toStdString());
    REQUIRE(copy.exitCode == 0);
    CHECK(copy.out.contains(QStringLiteral("read-only SAS of account devstoreaccount1")));
    CHECK(service.getBlob(to, QStringLiteral("photo.jpg")) == "pixels");
    CHECK_FALSE(copy.out.contains(QStringLiteral("sig=")));
    CHECK_FALSE(copy.err.contains(QStringLiteral("sig=")));
    // Nor in the run's debug log.
    const QStringList written = filesUnder(logs.path());
    REQUIRE_FALSE(written.isEmpty());
    for (const QString &name : written) {
        QFile log(QDir(logs.path()).filePath(name));
        REQUIRE(log.open(QIODevice::ReadOnly));
        const QByteArray text = log.readAll();
        INFO(name.toStdString());
        CHECK(text.contains("PUT")); // the debug log did record the requests
        // A signature is only ever written as sig=***.
        CHECK_FALSE(QString::fromUtf8(text).contains(
            QRegularExpression(QStringLiteral("sig=(?!\\*\\*\\*)"))));
    }
}
