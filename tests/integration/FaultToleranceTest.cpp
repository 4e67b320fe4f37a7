// SPDX-License-Identifier: MIT
// blobferry-cli through the fault-injecting proxy (tests/tools) in front of the run's Azurite:
// transient failures are retried until the copy is byte-exact, permanent ones are not retried,
// and a request that stalls is abandoned, retried, and finally reported by its last error.
#include "support/CliRunner.h"
#include "support/FaultProxyProcess.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <catch2/catch.hpp>
#include <memory>

using namespace blobferry::test;

namespace {

constexpr qint64 kMiB = 1024 * 1024;

// Seed 26 gives 5 answers of 503 and 6 cuts among the first 50 fault decisions (10% / 5%),
// whatever order parallel requests arrive in; each direction below makes more than 50
// requests, so each meets at least that many faults.
const QStringList kFaults{QStringLiteral("--fail-503"), QStringLiteral("0.10"),
                          QStringLiteral("--cut"),      QStringLiteral("0.05"),
                          QStringLiteral("--seed"),     QStringLiteral("26")};

struct SizedFile
{
    const char *name;
    qint64 size;
};

const SizedFile kMixedTree[] = {
    {"empty.bin", 0},
    {"one-byte.bin", 1},
    {"sub/hundred-kib.bin", 100 * 1024},
    {"sub/eight-mib.bin", 8 * kMiB},
    {"sub/eight-mib-plus-one.bin", 8 * kMiB + 1},
    {"sub/deeper/thirty-mib.bin", 30 * kMiB + 12345},
};

QString faultSummary(const FaultProxyProcess &proxy)
{
    return QStringLiteral("requests %1, 503s %2, request bodies cut %3, responses cut %4, body "
                          "bytes forwarded %5")
        .arg(proxy.count(QStringLiteral("requests")))
        .arg(proxy.count(QStringLiteral("faults.serverBusy")))
        .arg(proxy.count(QStringLiteral("faults.cutRequest")))
        .arg(proxy.count(QStringLiteral("faults.cutResponse")))
        .arg(proxy.count(QStringLiteral("requestBodyBytes")));
}

qint64 cuts(const FaultProxyProcess &proxy)
{
    return proxy.count(QStringLiteral("faults.cutRequest")) +
           proxy.count(QStringLiteral("faults.cutResponse"));
}

} // namespace

TEST_CASE("a mixed tree goes up and comes back byte-exact through 10% 503s and 5% cuts",
          "[faults][azurite]")
{
    TestService service;
    TestTree source;
    qint64 totalBytes = 0;
    for (const SizedFile &file : kMixedTree) {
        source.write(QString::fromLatin1(file.name), file.size);
        totalBytes += file.size;
    }
    const QString container = service.uniqueContainer(QStringLiteral("faults"));
    // 1 MiB blocks and ranges: many requests, so many faults. Eight retries make a request
    // that fails every try (0.15^9) practically impossible, so a red run means a real bug.
    const QStringList common{QStringLiteral("/S"),           QStringLiteral("/V"),
                             QStringLiteral("--block-size"), QStringLiteral("1"),
                             QStringLiteral("--retries"),    QStringLiteral("8")};

    FaultProxyProcess upProxy(service.endpoint(), kFaults);
    const auto up = runCli(QStringList{source.path(), upProxy.containerUrl(container),
                                       QStringLiteral("--dest-key"), service.key()} +
                           common);
    upProxy.stop();
    INFO("upload: " << faultSummary(upProxy).toStdString());
    INFO(up.out.toStdString() << up.err.toStdString());
    REQUIRE(up.exitCode == 0);
    CHECK(up.out.contains(QStringLiteral("Total files transferred: 6\nTransfer successfully: 6\n"
                                         "Transfer failed: 0")));
    CHECK(upProxy.count(QStringLiteral("requests")) >= 50);
    CHECK(upProxy.count(QStringLiteral("faults.serverBusy")) >= 5);
    CHECK(cuts(upProxy) >= 5);
    // Every byte reached the service at least once; cut and refused bodies were sent again.
    CHECK(upProxy.count(QStringLiteral("requestBodyBytesByMethod.PUT")) >= totalBytes);
    CHECK_FALSE((up.out + up.err).contains(service.key()));

    // What the service holds, read past the proxy.
    const auto blobs = service.listBlobs(container);
    CHECK(blobs.size() == 6);
    for (const auto &blob : blobs) {
        INFO(blob.name.toStdString());
        CHECK(blob.size == QFileInfo(source.filePath(blob.name)).size());
    }

    FaultProxyProcess downProxy(service.endpoint(), kFaults);
    QTemporaryDir target;
    const auto down = runCli(QStringList{downProxy.containerUrl(container), target.path(),
                                         QStringLiteral("--source-key"), service.key()} +
                             common);
    downProxy.stop();
    INFO("download: " << faultSummary(downProxy).toStdString());
    INFO(down.out.toStdString() << down.err.toStdString());
    REQUIRE(down.exitCode == 0);
    CHECK(downProxy.count(QStringLiteral("requests")) >= 50);
    CHECK(downProxy.count(QStringLiteral("faults.serverBusy")) >= 5);
    CHECK(cuts(downProxy) >= 5);
    CHECK(treeDifferences(source.path(), target.path()).isEmpty());
    WARN("upload: " << faultSummary(upProxy).toStdString()
                    << "; download: " << faultSummary(downProxy).toStdString());
}

TEST_CASE("a wrong key is answered 403 once, not retried, and the run ends with exit 2",
          "[faults][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("a.txt"), 10);
    const QString wrongKey = QString::fromLatin1(QByteArray(64, 'w').toBase64());

    SECTION("upload")
    {
        FaultProxyProcess proxy(service.endpoint(), {});
        const auto result = runCli({source.path(), proxy.containerUrl(service.uniqueContainer()),
                                    QStringLiteral("--dest-key"), wrongKey});
        proxy.stop();
        INFO(result.out.toStdString() << result.err.toStdString());
        CHECK(result.exitCode == 2);
        CHECK(result.err.contains(QStringLiteral("403 AuthorizationFailure")));
        CHECK(proxy.count(QStringLiteral("requests")) == 1);
        CHECK(proxy.count(QStringLiteral("responsesByStatus.403")) == 1);
        CHECK_FALSE((result.out + result.err).contains(wrongKey));
    }
    SECTION("download")
    {
        const QString container = service.uniqueContainer();
        service.createContainer(container);
        service.putBlob(container, QStringLiteral("a.txt"), "0123456789");
        FaultProxyProcess proxy(service.endpoint(), {});
        QTemporaryDir target;
        const auto result = runCli({proxy.containerUrl(container), target.path(),
                                    QStringLiteral("--source-key"), wrongKey});
        proxy.stop();
        INFO(result.out.toStdString() << result.err.toStdString());
        CHECK(result.exitCode == 2);
        CHECK(result.err.contains(QStringLiteral("403 AuthorizationFailure")));
        CHECK(proxy.count(QStringLiteral("requests")) == 1);
        CHECK_FALSE((result.out + result.err).contains(wrongKey));
        CHECK(filesUnder(target.path()).isEmpty());
    }
}

TEST_CASE("a stalled request is abandoned and retried, then the file fails naming the stall",
          "[faults][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("fine.txt"), 100);
    source.write(QStringLiteral("stall-me.bin"), 3000);
    // Only requests for stall-me.bin are swallowed; the container and fine.txt go through.
    FaultProxyProcess proxy(service.endpoint(),
                            {QStringLiteral("--stall"), QStringLiteral("1"),
                             QStringLiteral("--match"), QStringLiteral("stall-me")});
    const QString container = service.uniqueContainer();
    const auto result =
        runCli({source.path(), proxy.containerUrl(container), QStringLiteral("/V"),
                QStringLiteral("--dest-key"), service.key(), QStringLiteral("--retries"),
                QStringLiteral("2"), QStringLiteral("--stall-timeout"), QStringLiteral("1")});
    proxy.stop();
    INFO(result.out.toStdString() << result.err.toStdString());
    CHECK(result.exitCode == 1);
    CHECK(result.outLines().contains(QStringLiteral("Finished Transfer: fine.txt")));
    const QStringList failures = result.errLines().filter(QStringLiteral("Failed Transfer:"));
    REQUIRE(failures.size() == 1);
    CHECK(failures[0].startsWith(QStringLiteral("Failed Transfer: stall-me.bin: ")));
    CHECK(failures[0].contains(QStringLiteral("the connection stalled")));
    CHECK(failures[0].contains(QStringLiteral("(after 3 tries over ")));
    // The first try and both retries each reached the proxy and were swallowed.
    CHECK(proxy.count(QStringLiteral("faults.stall")) == 3);
    CHECK(service.blobNames(container) == QStringList{QStringLiteral("fine.txt")});
}

TEST_CASE("a 503 carrying x-ms-retry-after-ms is retried no sooner than the service asked",
          "[faults][azurite]")
{
    TestService service;
    TestTree source;
    for (int i = 0; i < 4; ++i)
        source.write(QStringLiteral("file-%1.txt").arg(i), 100 + i);
    // Every distinct request is refused once with a 1500 ms hint. Without the hint the first
    // retry would come after 800 to 1200 ms. The proxy measures from its 503 to the retry's
    // arrival: a lower bound only, which a slow machine can lengthen but never shorten.
    FaultProxyProcess proxy(service.endpoint(),
                            {QStringLiteral("--fail-503-first"), QStringLiteral("--retry-after-ms"),
                             QStringLiteral("1500")});
    const QString container = service.uniqueContainer();
    const auto result = runCli({source.path(), proxy.containerUrl(container), QStringLiteral("/Y"),
                                QStringLiteral("--dest-key"), service.key()});
    proxy.stop();
    INFO(result.out.toStdString() << result.err.toStdString());
    REQUIRE(result.exitCode == 0);
    // The container and the four Put Blobs (/Y: no existence check), each refused once.
    CHECK(proxy.count(QStringLiteral("faults.serverBusy")) == 5);
    CHECK(proxy.count(QStringLiteral("after503.retries")) == 5);
    CHECK(proxy.count(QStringLiteral("after503.minGapMs")) >= 1450);
    CHECK(service.blobNames(container).size() == 4);
}

TEST_CASE("with the default retries, a job rides out a network gone for fifteen seconds",
          "[faults][azurite]")
{
    TestService service;
    TestTree source;
    for (int i = 0; i < 4; ++i)
        source.write(QStringLiteral("photo-%1.raw").arg(i), 200'000 + i);
    const QString container = service.uniqueContainer(QStringLiteral("outage"));
    // Each request is held 1.5 s by the proxy, so the job is mid-way when the network goes.
    auto proxy = std::make_unique<FaultProxyProcess>(
        service.endpoint(), QStringList{QStringLiteral("--delay-ms"), QStringLiteral("1500")});
    const quint16 port = proxy->port();
    QProcess cli;
    cli.start(QStringLiteral(BLOBFERRY_CLI_PATH),
              {source.path(), proxy->containerUrl(container), QStringLiteral("--dest-key"),
               service.key(), QStringLiteral("--concurrency"), QStringLiteral("1")});
    REQUIRE(cli.waitForStarted(10'000));
    // Gone once the service has answered something (the container is made).
    QElapsedTimer waited;
    waited.start();
    while (proxy->count(QStringLiteral("requests")) < 2 && waited.elapsed() < 30'000)
        cli.waitForFinished(100);
    proxy.reset(); // killed: the connection in flight breaks, new ones are refused
    // The old defaults (four retries, 0.4 s doubling) gave up after at most 9 s.
    QElapsedTimer outage;
    outage.start();
    while (outage.elapsed() < 15'000 && cli.state() == QProcess::Running)
        cli.waitForFinished(int(15'000 - outage.elapsed()));
    const bool stillTrying = cli.state() == QProcess::Running;
    FaultProxyProcess back(service.endpoint(), {QStringLiteral("--port"), QString::number(port)});
    REQUIRE(back.port() == port);
    cli.waitForFinished(150'000);
    const QString out = QString::fromUtf8(cli.readAllStandardOutput());
    const QString err = QString::fromUtf8(cli.readAllStandardError());
    INFO(out.toStdString() << err.toStdString());
    REQUIRE(stillTrying);
    REQUIRE(cli.exitStatus() == QProcess::NormalExit);
    CHECK(cli.exitCode() == 0);
    CHECK(out.contains(QStringLiteral("Transfer successfully: 4\nTransfer failed: 0")));
    // The minute of waiting is not a minute of silence: the user is told why it waits.
    CHECK((out + err).contains(QStringLiteral("Retrying (")));
    CHECK((out + err).contains(QStringLiteral("requests keep trying for about 90 s")));
    for (int i = 0; i < 4; ++i) {
        const QString name = QStringLiteral("photo-%1.raw").arg(i);
        CHECK(service.getBlob(container, name) == TestTree::contentFor(name, 200'000 + i));
    }
}

TEST_CASE("a service that never answered is given up on after a few seconds, not a minute",
          "[faults][azurite]")
{
    // A port nothing listens on: a typo in the port or host, not an outage.
    quint16 port = 0;
    {
        TestService service;
        FaultProxyProcess probe(service.endpoint(), {});
        port = probe.port();
    }
    TestTree source;
    source.write(QStringLiteral("a.txt"), 10);
    const auto result =
        runCli({source.path(), QStringLiteral("http://127.0.0.1:%1/devstoreaccount1/box").arg(port),
                QStringLiteral("--dest-key"), QString::fromLatin1(QByteArray(64, 'k').toBase64())});
    INFO(result.out.toStdString() << result.err.toStdString());
    CHECK(result.exitCode == 2);
    CHECK(result.out.contains(QStringLiteral("Retrying (Connection refused): try 2 of 4 in ")));
    CHECK(result.out.contains(QStringLiteral("the service has not answered yet")));
    CHECK(result.err.contains(QStringLiteral("connection refused")));
    CHECK(result.err.contains(QStringLiteral("(after 4 tries over ")));
}
