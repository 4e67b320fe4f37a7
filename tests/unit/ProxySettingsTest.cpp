// SPDX-License-Identifier: MIT
#include "net/ProxySettings.h"

#include <QNetworkAccessManager>
#include <catch2/catch.hpp>

using blobferry::net::ProxySettings;

namespace {

QProcessEnvironment environment(std::initializer_list<std::pair<const char *, const char *>> vars)
{
    QProcessEnvironment env;
    for (const auto &[name, value] : vars)
        env.insert(QString::fromLatin1(name), QString::fromLatin1(value));
    return env;
}

// The first proxy System mode picks for url, as "type host:port" or "direct".
QString systemChoice(const char *url, const QProcessEnvironment &env)
{
    const QList<QNetworkProxy> proxies =
        ProxySettings::systemProxiesFor(QUrl(QString::fromLatin1(url)), env);
    REQUIRE_FALSE(proxies.isEmpty());
    const QNetworkProxy &first = proxies.first();
    switch (first.type()) {
    case QNetworkProxy::NoProxy:
        return QStringLiteral("direct");
    case QNetworkProxy::HttpProxy:
        return QStringLiteral("http %1:%2").arg(first.hostName()).arg(first.port());
    case QNetworkProxy::Socks5Proxy:
        return QStringLiteral("socks5 %1:%2").arg(first.hostName()).arg(first.port());
    default:
        return QStringLiteral("other");
    }
}

} // namespace

TEST_CASE("a proxy URL gives type, host, port, user and decoded password", "[proxy]")
{
    QString error;
    auto http = ProxySettings::parse(
        QStringLiteral("http://alice:p%40ss%3Aword@proxy.example:3128"), &error);
    REQUIRE(http.has_value());
    CHECK(http->mode == ProxySettings::Mode::Custom);
    CHECK(http->type == ProxySettings::Type::Http);
    CHECK(http->host == QStringLiteral("proxy.example"));
    CHECK(http->port == 3128);
    CHECK(http->user == QStringLiteral("alice"));
    CHECK(http->password == QStringLiteral("p@ss:word"));

    auto socks = ProxySettings::parse(QStringLiteral("SOCKS5://10.0.0.1:1080"), &error);
    REQUIRE(socks.has_value());
    CHECK(socks->type == ProxySettings::Type::Socks5);
    CHECK(socks->user.isEmpty());
    CHECK(ProxySettings::parse(QStringLiteral("socks5h://h:1"), &error).value().type ==
          ProxySettings::Type::Socks5);

    CHECK(ProxySettings::parse(QStringLiteral("none"), &error).value().mode ==
          ProxySettings::Mode::None);
    CHECK(ProxySettings::parse(QStringLiteral("System"), &error).value().mode ==
          ProxySettings::Mode::System);
}

TEST_CASE("the proxy's display masks its password", "[proxy]")
{
    QString error;
    const auto settings =
        ProxySettings::parse(QStringLiteral("http://alice:s3cret@127.0.0.1:8888"), &error);
    REQUIRE(settings.has_value());
    CHECK(settings->display() == QStringLiteral("http://alice:***@127.0.0.1:8888"));
    CHECK(ProxySettings::parse(QStringLiteral("socks5://[::1]:1080"), &error).value().display() ==
          QStringLiteral("socks5://[::1]:1080"));
    CHECK(ProxySettings{}.display() == QStringLiteral("system"));
}

TEST_CASE("a bad proxy URL names the problem and never the password", "[proxy]")
{
    const char *bad[][2] = {
        {"ftp://alice:s3cret@proxy:21", "proxy type 'ftp' is not supported"},
        {"http://alice:s3cret@proxy", "give the proxy's port"},
        {"http://alice:s3cret@proxy:3128/path", "a proxy URL has no path"},
        {"http://alice:s3cret@:3128", "not a proxy URL"},
        {"https://alice:s3cret@proxy:443", "proxy type 'https' is not supported"},
    };
    for (const auto &[text, phrase] : bad) {
        QString error;
        INFO(text);
        CHECK_FALSE(ProxySettings::parse(QString::fromLatin1(text), &error).has_value());
        INFO(error.toStdString());
        CHECK(error.startsWith(QStringLiteral("--proxy: ")));
        CHECK(error.contains(QString::fromLatin1(phrase)));
        CHECK_FALSE(error.contains(QStringLiteral("s3cret")));
    }
}

TEST_CASE("system mode reads https_proxy and HTTPS_PROXY for https, http_proxy for http", "[proxy]")
{
    CHECK(systemChoice("https://a.blob.core.windows.net/c",
                       environment({{"HTTPS_PROXY", "http://p1:3128"}})) ==
          QStringLiteral("http p1:3128"));
    CHECK(systemChoice("https://a.blob.core.windows.net/c",
                       environment({{"https_proxy", "socks5://p2:1080"},
                                    {"HTTPS_PROXY", "http://p1:3128"}})) ==
          QStringLiteral("socks5 p2:1080"));
    CHECK(systemChoice("http://a.blob.core.windows.net/c",
                       environment({{"HTTPS_PROXY", "http://p1:3128"},
                                    {"http_proxy", "p3:8080"}})) == QStringLiteral("http p3:8080"));
    CHECK(systemChoice("https://a.blob.core.windows.net/c",
                       environment({{"ALL_PROXY", "http://p4"}})) ==
          QStringLiteral("http p4:1080"));
}

TEST_CASE("system mode leaves out NO_PROXY hosts and loopback hosts", "[proxy]")
{
    const auto env = environment({{"HTTPS_PROXY", "http://p1:3128"},
                                  {"http_proxy", "http://p1:3128"},
                                  {"NO_PROXY", "internal.example, *.corp.example,10.1.0.0/16,"
                                               "192.168.1.7,.svc:443"}});
    CHECK(systemChoice("https://internal.example/", env) == QStringLiteral("direct"));
    CHECK(systemChoice("https://a.internal.example/", env) == QStringLiteral("direct"));
    CHECK(systemChoice("https://notinternal.example/", env) == QStringLiteral("http p1:3128"));
    CHECK(systemChoice("https://x.corp.example/", env) == QStringLiteral("direct"));
    CHECK(systemChoice("https://10.1.200.3/", env) == QStringLiteral("direct"));
    CHECK(systemChoice("https://10.2.0.1/", env) == QStringLiteral("http p1:3128"));
    CHECK(systemChoice("https://192.168.1.7/", env) == QStringLiteral("direct"));
    CHECK(systemChoice("https://a.svc/", env) == QStringLiteral("direct"));
    // An emulator on this machine never goes through the environment's proxy.
    CHECK(systemChoice("http://127.0.0.1:10000/devstoreaccount1", env) == QStringLiteral("direct"));
    CHECK(systemChoice("http://localhost:10000/devstoreaccount1", env) == QStringLiteral("direct"));
    CHECK(systemChoice("http://[::1]:10000/devstoreaccount1", env) == QStringLiteral("direct"));
    CHECK(systemChoice("https://a.blob.core.windows.net/",
                       environment({{"https_proxy", "http://p1:3128"}, {"no_proxy", "*"}})) ==
          QStringLiteral("direct"));
}

TEST_CASE("a malformed proxy variable is reported by name without its password", "[proxy]")
{
    QString error;
    CHECK_FALSE(ProxySettings::checkEnvironment(
        environment({{"HTTPS_PROXY", "ftp://u:s3cret@proxy:21"}}), &error));
    INFO(error.toStdString());
    CHECK(error.startsWith(QStringLiteral("HTTPS_PROXY: proxy type 'ftp' is not supported")));
    CHECK_FALSE(error.contains(QStringLiteral("s3cret")));
    CHECK(
        ProxySettings::checkEnvironment(environment({{"https_proxy", "proxy.corp:3128"}}), &error));
}

TEST_CASE("a custom proxy applies to a manager, loopback hosts included", "[proxy]")
{
    QString error;
    const auto settings =
        ProxySettings::parse(QStringLiteral("http://alice:s3cret@127.0.0.1:8888"), &error);
    REQUIRE(settings.has_value());
    QNetworkAccessManager manager;
    settings->applyTo(&manager);
    CHECK(blobferry::net::describeProxyFor(&manager, QUrl(QStringLiteral("http://127.0.0.1:1/"))) ==
          QStringLiteral("http://alice:***@127.0.0.1:8888"));
    CHECK(manager.proxy().password() == QStringLiteral("s3cret"));

    ProxySettings{}.applyTo(&manager, environment({{"https_proxy", "http://bob:pw@p1:3128"}}));
    CHECK(blobferry::net::describeProxyFor(
              &manager, QUrl(QStringLiteral("https://a.blob.core.windows.net/"))) ==
          QStringLiteral("http://bob:***@p1:3128"));
    CHECK(blobferry::net::describeProxyFor(&manager, QUrl(QStringLiteral("http://127.0.0.1:1/")))
              .isEmpty());
}
