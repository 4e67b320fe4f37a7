// SPDX-License-Identifier: MIT
// The run's log: where it goes, what it holds, and that no secret reaches it. Runs with an
// account key, a SAS and a proxy password at once (through the `proxies` fixture's tinyproxy).
#include "support/CliRunner.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QUrlQuery>
#include <catch2/catch.hpp>

using namespace blobferry::test;

namespace {

QString proxyFile(const QString &name)
{
    QFile file(QDir(QStringLiteral(BLOBFERRY_TEST_PROXY_STATE)).filePath(name));
    REQUIRE(file.open(QIODevice::ReadOnly));
    return QString::fromUtf8(file.readAll()).trimmed();
}

// A user's environment with its state directory in stateHome and no log directory chosen.
CliOptions userOptions(const QString &stateHome)
{
    CliOptions options;
    options.environment.remove(QStringLiteral("BLOBFERRY_LOG_DIR"));
    options.environment.insert(QStringLiteral("XDG_STATE_HOME"), stateHome);
    return options;
}

QStringList logsIn(const QString &dir)
{
    return QDir(dir).entryList({QStringLiteral("blobferry-cli-*.log")}, QDir::Files, QDir::Time);
}

QString readLog(const QString &path)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    return QString::fromUtf8(file.readAll());
}

} // namespace

TEST_CASE("each run logs its files' outcomes and never a key, SAS signature or proxy password",
          "[log][proxy][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("a.txt"), 100);
    source.write(QStringLiteral("dir/b.bin"), 70'000);
    const QString container = service.uniqueContainer();
    QTemporaryDir state;
    const QString logDir = state.path() + QStringLiteral("/blobferry/logs");
    const QString password = proxyFile(QStringLiteral("proxy.password"));
    const QString proxy = QStringLiteral("http://%1:%2@127.0.0.1:%3")
                              .arg(proxyFile(QStringLiteral("proxy.user")), password,
                                   proxyFile(QStringLiteral("tinyproxy.port")));
    const CliOptions options = userOptions(state.path());

    // An upload with the account key on the command line, at the most talkative level.
    const auto upload = runCli({source.path(), service.containerUrl(container),
                                QStringLiteral("/DestKey:") + service.key(), QStringLiteral("/S"),
                                QStringLiteral("--proxy"), proxy, QStringLiteral("--log-level"),
                                QStringLiteral("debug")},
                               options);
    INFO(upload.err.toStdString());
    REQUIRE(upload.exitCode == 0);
    // A download through a SAS URL, one blob of it missing from the pattern's reach.
    const QString sas = service.accountSas();
    const QString sig = QUrlQuery(sas).queryItemValue(QStringLiteral("sig"), QUrl::FullyDecoded);
    REQUIRE(sig.size() > 8);
    QTemporaryDir destination;
    const auto download =
        runCli({service.containerUrl(container) + QLatin1Char('?') + sas, destination.path(),
                QStringLiteral("/S"), QStringLiteral("--proxy"), proxy,
                QStringLiteral("--log-level"), QStringLiteral("debug")},
               options);
    INFO(download.err.toStdString());
    REQUIRE(download.exitCode == 0);
    // A job that fails at the proxy: its error is logged, the wrong password is not.
    const QString wrongProxy =
        QStringLiteral("http://%1:%2@127.0.0.1:%3")
            .arg(proxyFile(QStringLiteral("proxy.user")), QStringLiteral("Wr0ng") + password,
                 proxyFile(QStringLiteral("tinyproxy.port")));
    const auto refused =
        runCli({source.path(), service.containerUrl(service.uniqueContainer()),
                QStringLiteral("/DestKey:") + service.key(), QStringLiteral("--proxy"), wrongProxy},
               options);
    REQUIRE(refused.exitCode == 2);

    const QStringList logs = logsIn(logDir);
    REQUIRE(logs.size() == 3);
    QString all;
    for (const QString &name : logs)
        all += readLog(QDir(logDir).filePath(name));
    // What a user looks for in them.
    CHECK(all.contains(QStringLiteral("Finished Transfer: a.txt (100 bytes)")));
    CHECK(all.contains(QStringLiteral("Finished Transfer: dir/b.bin (70000 bytes)")));
    CHECK(all.contains(QStringLiteral("DEBUG   blobferry.net: PUT http://127.0.0.1:")));
    CHECK(all.contains(QStringLiteral("ERROR   The job could not run: cannot create container")));
    CHECK(all.contains(QStringLiteral("refused the user name or password")));
    CHECK(all.contains(QStringLiteral("Summary: 2 transferred, 2 succeeded, 0 failed")));
    // And what must never be there, in any encoding.
    for (const QString &secret :
         {service.key(), QString::fromUtf8(QUrl::toPercentEncoding(service.key())), sig,
          QString::fromUtf8(QUrl::toPercentEncoding(sig)), password}) {
        INFO(secret.toStdString());
        CHECK_FALSE(all.contains(secret));
    }
    CHECK(all.contains(QStringLiteral("/DestKey:***")));
    CHECK(all.contains(QStringLiteral("sig=***")));
}

TEST_CASE("log-dir none writes no log and log-level error keeps only failures", "[log][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("a.txt"), 10);
    QTemporaryDir state;
    const QString logDir = state.path() + QStringLiteral("/blobferry/logs");
    const CliOptions options = userOptions(state.path());

    const auto none = runCli({source.path(), service.containerUrl(service.uniqueContainer()),
                              QStringLiteral("/DestKey:") + service.key(),
                              QStringLiteral("--log-dir"), QStringLiteral("none")},
                             options);
    REQUIRE(none.exitCode == 0);
    CHECK_FALSE(QFileInfo::exists(logDir));

    const auto quiet = runCli({source.path(), service.containerUrl(service.uniqueContainer()),
                               QStringLiteral("/DestKey:") + service.key(),
                               QStringLiteral("--log-level"), QStringLiteral("error")},
                              options);
    REQUIRE(quiet.exitCode == 0);
    const QStringList logs = logsIn(logDir);
    REQUIRE(logs.size() == 1);
    const QString text = readLog(QDir(logDir).filePath(logs.first()));
    CHECK_FALSE(text.contains(QStringLiteral("a.txt")));
    CHECK(text.contains(QStringLiteral("Summary: 1 transferred, 1 succeeded, 0 failed")));
}

TEST_CASE("a log directory that cannot be written is a usage error when named", "[log][cli]")
{
    TestTree source;
    source.write(QStringLiteral("a.txt"), 10);
    QTemporaryDir scratch;
    QFile blocker(scratch.filePath(QStringLiteral("file")));
    REQUIRE(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const auto result =
        runCli({source.path(), QStringLiteral("http://127.0.0.1:1/devstoreaccount1/box"),
                QStringLiteral("--log-dir"), blocker.fileName() + QStringLiteral("/logs")});
    CHECK(result.exitCode == 2);
    REQUIRE(result.errLines().size() == 1);
    CHECK(result.err.contains(QStringLiteral("--log-dir: cannot create the log directory")));
}
