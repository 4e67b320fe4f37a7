// SPDX-License-Identifier: MIT
// How the real blobferry-cli takes signals that come twice: timeout(1) and process-group kills
// deliver one interruption as two signals a moment apart, which must not cost the summary; a
// second signal the user sends later still ends the process at once.
#include "support/CliRunner.h"
#include "support/FaultProxyProcess.h"
#include "support/SignalledRun.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <algorithm>
#include <catch2/catch.hpp>
#include <csignal>

using namespace blobferry::test;

namespace {

constexpr qint64 kMiB = 1024 * 1024;

bool hasPartFile(const QString &root)
{
    const QStringList files = filesUnder(root);
    return std::any_of(files.cbegin(), files.cend(),
                       [](const QString &name) { return name.endsWith(QLatin1String(".bfpart")); });
}

// A container holding a few photos and a video of 8 MiB and a byte.
QString containerOfMedia(const TestService &service)
{
    TestTree source;
    for (int i = 0; i < 4; ++i)
        source.write(QStringLiteral("photo-%1.raw").arg(i), 512 * 1024);
    source.write(QStringLiteral("video.mp4"), 8 * kMiB + 1);
    const QString container = service.uniqueContainer();
    REQUIRE(runCli({source.path(), service.containerUrl(container), QStringLiteral("/S"),
                    QStringLiteral("--dest-key"), service.key()})
                .exitCode == 0);
    return container;
}

QString timeoutTool()
{
    const QString path = QStandardPaths::findExecutable(QStringLiteral("timeout"));
    REQUIRE_FALSE(path.isEmpty());
    return path;
}

} // namespace

TEST_CASE("under timeout(1), which signals the command and then its group, a download still "
          "ends with its summary, exit 143 and no part file",
          "[restart][interrupt][azurite]")
{
    TestService service;
    const QString container = containerOfMedia(service);
    QTemporaryDir target;

    SECTION("told to stop: timeout passes SIGTERM on to the command and to its process group")
    {
        // Each request held 200 ms: the job takes seconds and is stopped in the middle.
        FaultProxyProcess proxy(service.endpoint(),
                                {QStringLiteral("--delay-ms"), QStringLiteral("200")});
        // What timeout does when its time is up, sent the moment a part file exists: no clock.
        const Signalled run = runAndSignal(
            {QStringLiteral("600"), QStringLiteral(BLOBFERRY_CLI_PATH),
             proxy.containerUrl(container), target.path(), QStringLiteral("/S"),
             QStringLiteral("--source-key"), service.key(), QStringLiteral("--block-size"),
             QStringLiteral("1"), QStringLiteral("--concurrency"), QStringLiteral("2")},
            [&] { return hasPartFile(target.path()); }, SIGTERM, timeoutTool());
        INFO(run.out.toStdString() << run.err.toStdString());
        REQUIRE(run.sent);
        CHECK(run.exitedNormally); // timeout re-raises a signal that killed its command
        CHECK(run.exitCode == 143);
        CHECK(run.err.contains(QStringLiteral("blobferry-cli: terminated: stopping the files in "
                                              "flight (again to quit at once)")));
        CHECK(run.err.contains(QStringLiteral(": cancelled")));
        CHECK(run.out.contains(QStringLiteral("Transfer summary:")));
        CHECK_FALSE(hasPartFile(target.path()));
    }
    SECTION("its time up: `timeout --preserve-status 3` ends the job the same way")
    {
        // The listing is held 10 s, so the job is still running when the 3 s are up. (Here
        // the job idles in poll(2), and the kernel often merges timeout's two signals into
        // one before it wakes: the section above is the one that catches a double signal.)
        FaultProxyProcess slow(service.endpoint(),
                               {QStringLiteral("--delay-ms"), QStringLiteral("10000")});
        QProcess process;
        process.start(timeoutTool(),
                      {QStringLiteral("--preserve-status"), QStringLiteral("3"),
                       QStringLiteral(BLOBFERRY_CLI_PATH), slow.containerUrl(container),
                       target.path(), QStringLiteral("/S"), QStringLiteral("--source-key"),
                       service.key()});
        REQUIRE(process.waitForFinished(60'000));
        const QString out = QString::fromUtf8(process.readAllStandardOutput());
        const QString err = QString::fromUtf8(process.readAllStandardError());
        INFO(out.toStdString() << err.toStdString());
        CHECK(process.exitStatus() == QProcess::NormalExit);
        CHECK(process.exitCode() == 143);
        CHECK(err.contains(QStringLiteral("blobferry-cli: terminated: stopping the files")));
        CHECK(out.contains(QStringLiteral("Transfer summary:")));
        CHECK(filesUnder(target.path()).isEmpty());
    }
}

TEST_CASE("a second Ctrl-C half a second after the first still quits at once",
          "[restart][interrupt][azurite]")
{
    TestService service;
    const QString container = containerOfMedia(service);
    // The listing is held 30 s: only the second signal can end the run before it returns.
    FaultProxyProcess proxy(service.endpoint(),
                            {QStringLiteral("--delay-ms"), QStringLiteral("30000")});
    QTemporaryDir target;
    QElapsedTimer sinceFirst;
    const Signalled run =
        runWithSignals(QStringLiteral(BLOBFERRY_CLI_PATH),
                       {proxy.containerUrl(container), target.path(), QStringLiteral("/S"),
                        QStringLiteral("--source-key"), service.key()},
                       {{[&](const QString &) {
                             if (proxy.count(QStringLiteral("requests")) < 1)
                                 return false;
                             sinceFirst.start();
                             return true;
                         },
                         SIGINT},
                        // Not a repeat of the first: the user read the line and pressed again.
                        {[&](const QString &err) {
                             return err.contains(QStringLiteral("interrupted: stopping")) &&
                                    sinceFirst.elapsed() > 600;
                         },
                         SIGINT}});
    INFO(run.out.toStdString() << run.err.toStdString());
    REQUIRE(run.sent);
    CHECK_FALSE(run.exitedNormally); // ended by the signal's default action
    CHECK_FALSE(run.out.contains(QStringLiteral("Transfer summary:")));
    CHECK(filesUnder(target.path()).isEmpty());
}
