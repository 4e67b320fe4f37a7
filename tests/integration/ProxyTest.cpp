// SPDX-License-Identifier: MIT
// Transfers through real proxies on loopback (tinyproxy with basic auth, dante's SOCKS5), started
// by the `proxies` fixture (tests/fixtures/proxies-start.sh); each proxy's own log shows that
// the requests went through it.
#include "support/CliRunner.h"
#include "support/HttpsAzurite.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QDir>
#include <QFile>
#include <QTcpServer>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using namespace blobferry::test;

namespace {

QString stateFile(const QString &name)
{
    const QString state = QStringLiteral(BLOBFERRY_TEST_PROXY_STATE);
    QFile file(QDir(state).filePath(name));
    INFO("proxy fixture file " << file.fileName().toStdString());
    REQUIRE(file.open(QIODevice::ReadOnly));
    return QString::fromUtf8(file.readAll()).trimmed();
}

QString tinyproxyUrl(const QString &password)
{
    return QStringLiteral("http://%1:%2@127.0.0.1:%3")
        .arg(stateFile(QStringLiteral("proxy.user")), password,
             stateFile(QStringLiteral("tinyproxy.port")));
}

QString socksUrl()
{
    return QStringLiteral("socks5://127.0.0.1:%1").arg(stateFile(QStringLiteral("danted.port")));
}

// microsocks: SOCKS5 with user/password authentication.
QString socksAuthUrl(const QString &password)
{
    return QStringLiteral("socks5://%1:%2@127.0.0.1:%3")
        .arg(stateFile(QStringLiteral("proxy.user")), password,
             stateFile(QStringLiteral("microsocks.port")));
}

// Lines the proxy logged since `from` bytes into its log.
QString logSince(const QString &name, qint64 from)
{
    QFile file(QDir(QStringLiteral(BLOBFERRY_TEST_PROXY_STATE)).filePath(name));
    REQUIRE(file.open(QIODevice::ReadOnly));
    file.seek(from);
    return QString::fromUtf8(file.readAll());
}

qint64 logSize(const QString &name)
{
    return QFileInfo(QDir(QStringLiteral(BLOBFERRY_TEST_PROXY_STATE)).filePath(name)).size();
}

QString azuritePort(const TestService &service)
{
    return QString::number(QUrl(service.endpoint()).port());
}

} // namespace

TEST_CASE("an upload through an HTTP proxy with basic auth lands", "[proxy][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("a.bin"), 300 * 1024);
    source.write(QStringLiteral("sub/b.txt"), 17);
    const QString container = service.uniqueContainer();
    const QString password = stateFile(QStringLiteral("proxy.password"));
    const qint64 logStart = logSize(QStringLiteral("tinyproxy.log"));

    const auto result = runCli({source.path(), service.containerUrl(container),
                                QStringLiteral("/DestKey:") + service.key(), QStringLiteral("/S"),
                                QStringLiteral("--proxy"), tinyproxyUrl(password)});
    INFO(result.out.toStdString() << result.err.toStdString());
    CHECK(result.exitCode == 0);
    CHECK(service.getBlob(container, QStringLiteral("a.bin")) ==
          TestTree::contentFor(QStringLiteral("a.bin"), 300 * 1024));
    CHECK(service.getBlob(container, QStringLiteral("sub/b.txt")) ==
          TestTree::contentFor(QStringLiteral("sub/b.txt"), 17));
    // tinyproxy forwarded the uploads: its log holds the PUTs to this container.
    const QString log = logSince(QStringLiteral("tinyproxy.log"), logStart);
    CHECK(log.contains(QStringLiteral("PUT http://127.0.0.1:%1/devstoreaccount1/%2/a.bin")
                           .arg(azuritePort(service), container)));
    CHECK_FALSE(result.out.contains(password));
    CHECK_FALSE(result.err.contains(password));
}

TEST_CASE("a download through a SOCKS5 proxy arrives whole", "[proxy][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer();
    service.createContainer(container);
    const QByteArray data = TestTree::contentFor(QStringLiteral("d.bin"), 200 * 1024);
    service.putBlob(container, QStringLiteral("dir/d.bin"), data);
    QTemporaryDir destination;
    const qint64 logStart = logSize(QStringLiteral("danted.log"));

    const auto result = runCli({service.containerUrl(container), destination.path(),
                                QStringLiteral("/SourceKey:") + service.key(), QStringLiteral("/S"),
                                QStringLiteral("--proxy"), socksUrl()});
    INFO(result.out.toStdString() << result.err.toStdString());
    CHECK(result.exitCode == 0);
    QFile file(QDir(destination.path()).filePath(QStringLiteral("dir/d.bin")));
    REQUIRE(file.open(QIODevice::ReadOnly));
    CHECK(file.readAll() == data);
    // dante logged the connections it passed on to Azurite (it writes addresses as IP.PORT).
    CHECK(logSince(QStringLiteral("danted.log"), logStart)
              .contains(QStringLiteral("127.0.0.1.%1").arg(azuritePort(service))));
}

TEST_CASE("a wrong proxy password is one clear line naming the proxy, never the password",
          "[proxy][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("a.txt"), 10);
    const QString container = service.uniqueContainer();
    const QString wrong =
        QStringLiteral("Wr0ngSecret") + stateFile(QStringLiteral("proxy.password"));

    const auto result = runCli({source.path(), service.containerUrl(container),
                                QStringLiteral("/DestKey:") + service.key(),
                                QStringLiteral("--proxy"), tinyproxyUrl(wrong)});
    INFO(result.out.toStdString() << result.err.toStdString());
    CHECK(result.exitCode == 2);
    const QString masked =
        QStringLiteral("proxy http://%1:***@127.0.0.1:%2 refused the user name or "
                       "password")
            .arg(stateFile(QStringLiteral("proxy.user")),
                 stateFile(QStringLiteral("tinyproxy.port")));
    CHECK(result.err.contains(masked));
    CHECK_FALSE(result.err.contains(wrong));
    CHECK_FALSE(result.out.contains(wrong));
    // Nothing reached the service: the container was never created.
    CHECK(service.send(service.requests(container).listBlobs({}, {}, {})).status == 404);
}

TEST_CASE("https_proxy from the environment is used for a remote host, NO_PROXY and loopback go "
          "direct",
          "[proxy][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("a.txt"), 10);
    const QString wrong = QStringLiteral("Wr0ngSecret");
    // The proxy refuses the password before it would look the remote host up, so this needs
    // no network: the message shows that the environment's proxy was asked.
    const QString remote = QStringLiteral("https://blobferrytest.blob.core.windows.net/box");
    CliOptions options;
    options.environment.insert(QStringLiteral("HTTPS_PROXY"), tinyproxyUrl(wrong));
    options.environment.insert(QStringLiteral("http_proxy"), tinyproxyUrl(wrong));
    options.environment.remove(QStringLiteral("https_proxy"));
    options.environment.remove(QStringLiteral("no_proxy"));
    options.environment.remove(QStringLiteral("NO_PROXY"));
    const auto viaProxy =
        runCli({source.path(), remote, QStringLiteral("/DestKey:") + service.key(),
                QStringLiteral("--retries"), QStringLiteral("0")},
               options);
    INFO(viaProxy.err.toStdString());
    CHECK(viaProxy.exitCode == 2);
    CHECK(viaProxy.err.contains(QStringLiteral("proxy http://%1:***@127.0.0.1:%2 refused")
                                    .arg(stateFile(QStringLiteral("proxy.user")),
                                         stateFile(QStringLiteral("tinyproxy.port")))));
    CHECK_FALSE(viaProxy.err.contains(wrong));

    // NO_PROXY: the same job goes direct and fails on its own terms, not at the proxy.
    options.environment.insert(QStringLiteral("NO_PROXY"), QStringLiteral(".windows.net"));
    const auto direct = runCli({source.path(), remote, QStringLiteral("/DestKey:") + service.key(),
                                QStringLiteral("--retries"), QStringLiteral("0")},
                               options);
    INFO(direct.err.toStdString());
    CHECK(direct.exitCode == 2);
    CHECK_FALSE(direct.err.contains(QStringLiteral("proxy")));

    // The emulator on loopback is reached directly despite the (broken) proxy variables.
    const QString container = service.uniqueContainer();
    const auto local = runCli({source.path(), service.containerUrl(container),
                               QStringLiteral("/DestKey:") + service.key()},
                              options);
    INFO(local.err.toStdString());
    CHECK(local.exitCode == 0);
    CHECK(service.blobNames(container) == QStringList{QStringLiteral("a.txt")});
}

TEST_CASE("proxy none and BLOBFERRY_PROXY override the environment's proxy", "[proxy][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("a.txt"), 10);
    const QString remote = QStringLiteral("https://blobferrytest.blob.core.windows.net/box");
    CliOptions options;
    options.environment.insert(QStringLiteral("HTTPS_PROXY"), tinyproxyUrl(QStringLiteral("x")));
    options.environment.remove(QStringLiteral("https_proxy"));
    options.environment.remove(QStringLiteral("no_proxy"));
    options.environment.remove(QStringLiteral("NO_PROXY"));
    const auto none = runCli({source.path(), remote, QStringLiteral("/DestKey:") + service.key(),
                              QStringLiteral("--retries"), QStringLiteral("0"),
                              QStringLiteral("--proxy"), QStringLiteral("none")},
                             options);
    INFO(none.err.toStdString());
    CHECK(none.exitCode == 2);
    CHECK_FALSE(none.err.contains(QStringLiteral("proxy")));

    // BLOBFERRY_PROXY chooses a proxy for loopback hosts too: the upload goes through tinyproxy.
    const QString container = service.uniqueContainer();
    options.environment.insert(QStringLiteral("BLOBFERRY_PROXY"),
                               tinyproxyUrl(stateFile(QStringLiteral("proxy.password"))));
    const qint64 logStart = logSize(QStringLiteral("tinyproxy.log"));
    const auto viaEnv = runCli({source.path(), service.containerUrl(container),
                                QStringLiteral("/DestKey:") + service.key()},
                               options);
    INFO(viaEnv.err.toStdString());
    CHECK(viaEnv.exitCode == 0);
    CHECK(service.blobNames(container) == QStringList{QStringLiteral("a.txt")});
    CHECK(logSince(QStringLiteral("tinyproxy.log"), logStart)
              .contains(QStringLiteral("/devstoreaccount1/%1/a.txt").arg(container)));
}

TEST_CASE("a malformed --proxy or proxy variable is a usage error", "[proxy][cli][badinput]")
{
    TestTree source;
    const auto bad =
        runCli({source.path(), QStringLiteral("http://127.0.0.1:1/devstoreaccount1/box"),
                QStringLiteral("--proxy"), QStringLiteral("http://u:s3cret@host")});
    CHECK(bad.exitCode == 2);
    CHECK(bad.errLines().size() == 1);
    CHECK(bad.err.contains(QStringLiteral("--proxy: give the proxy's port")));
    CHECK_FALSE(bad.err.contains(QStringLiteral("s3cret")));

    CliOptions options;
    options.environment.insert(QStringLiteral("https_proxy"),
                               QStringLiteral("gopher://u:s3cret@h:1"));
    const auto badEnv =
        runCli({source.path(), QStringLiteral("http://127.0.0.1:1/devstoreaccount1/box")}, options);
    CHECK(badEnv.exitCode == 2);
    CHECK(badEnv.err.contains(QStringLiteral("https_proxy: proxy type 'gopher' is not supported")));
    CHECK_FALSE(badEnv.err.contains(QStringLiteral("s3cret")));
}

TEST_CASE("a proxy that does not answer is named, not the service", "[proxy][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("a.txt"), 10);
    quint16 closedPort = 0;
    {
        QTcpServer server; // a port that was free a moment ago and has no listener now
        REQUIRE(server.listen(QHostAddress::LocalHost));
        closedPort = server.serverPort();
    }
    const QString container = service.uniqueContainer();
    const auto result =
        runCli({source.path(), service.containerUrl(container),
                QStringLiteral("/DestKey:") + service.key(), QStringLiteral("--retries"),
                QStringLiteral("0"), QStringLiteral("--proxy"),
                QStringLiteral("http://u:pw@127.0.0.1:%1").arg(closedPort)});
    INFO(result.err.toStdString());
    CHECK(result.exitCode == 2);
    CHECK(result.err.contains(
        QStringLiteral("cannot connect to proxy http://u:***@127.0.0.1:%1: connection refused")
            .arg(closedPort)));
    CHECK(service.send(service.requests(container).listBlobs({}, {}, {})).status == 404);
}

TEST_CASE("a transfer through a SOCKS5 proxy with user and password, and a wrong password",
          "[proxy][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer();
    service.createContainer(container);
    const QByteArray data = TestTree::contentFor(QStringLiteral("s.bin"), 150 * 1024);
    service.putBlob(container, QStringLiteral("s.bin"), data);
    const QString password = stateFile(QStringLiteral("proxy.password"));
    QTemporaryDir destination;

    const auto good = runCli({service.containerUrl(container), destination.path(),
                              QStringLiteral("/SourceKey:") + service.key(),
                              QStringLiteral("--proxy"), socksAuthUrl(password)});
    INFO(good.out.toStdString() << good.err.toStdString());
    CHECK(good.exitCode == 0);
    QFile file(QDir(destination.path()).filePath(QStringLiteral("s.bin")));
    REQUIRE(file.open(QIODevice::ReadOnly));
    CHECK(file.readAll() == data);
    CHECK_FALSE(good.err.contains(password));

    QTemporaryDir elsewhere;
    const QString wrong = QStringLiteral("Wr0ng") + password;
    const auto refused = runCli({service.containerUrl(container), elsewhere.path(),
                                 QStringLiteral("/SourceKey:") + service.key(),
                                 QStringLiteral("--proxy"), socksAuthUrl(wrong)});
    INFO(refused.err.toStdString());
    CHECK(refused.exitCode == 2);
    CHECK(refused.err.contains(QStringLiteral("proxy socks5://%1:***@127.0.0.1:%2 refused the user "
                                              "name or password: check")
                                   .arg(stateFile(QStringLiteral("proxy.user")),
                                        stateFile(QStringLiteral("microsocks.port")))));
    CHECK_FALSE(refused.err.contains(wrong));
    CHECK(QDir(elsewhere.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty());
}

TEST_CASE(
    "https goes through an HTTP proxy's CONNECT tunnel with the service's certificate checked",
    "[proxy][tls]")
{
    HttpsAzurite azurite;
    TestTree source;
    source.write(QStringLiteral("t.bin"), 2 * 1024 * 1024 + 3);
    const QString key = QStringLiteral(
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==");
    const QString password = stateFile(QStringLiteral("proxy.password"));
    const qint64 logStart = logSize(QStringLiteral("tinyproxy.log"));

    const auto up =
        runCli({source.path(), azurite.containerUrl(QStringLiteral("tunnel")),
                QStringLiteral("--dest-key"), key, QStringLiteral("--ca-file=") + azurite.caFile(),
                QStringLiteral("--proxy"), tinyproxyUrl(password)});
    INFO(up.out.toStdString() << up.err.toStdString());
    REQUIRE(up.exitCode == 0);
    // tinyproxy saw tunnels, not requests: it cannot read what goes through them.
    const QString log = logSince(QStringLiteral("tinyproxy.log"), logStart);
    CHECK(log.contains(QStringLiteral("CONNECT 127.0.0.1:%1").arg(azurite.port())));
    CHECK_FALSE(log.contains(QStringLiteral("/tunnel/t.bin")));

    // Back through the SOCKS5 proxy with a login, byte for byte.
    QTemporaryDir destination;
    const auto down = runCli({azurite.containerUrl(QStringLiteral("tunnel")), destination.path(),
                              QStringLiteral("--source-key"), key,
                              QStringLiteral("--ca-file=") + azurite.caFile(),
                              QStringLiteral("--proxy"), socksAuthUrl(password)});
    INFO(down.out.toStdString() << down.err.toStdString());
    REQUIRE(down.exitCode == 0);
    CHECK(treeDifferences(source.path(), destination.path()).isEmpty());
}
