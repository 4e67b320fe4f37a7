// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QNetworkProxy>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>
#include <optional>

class QNetworkAccessManager;

namespace blobferry::net {

// Which proxy a job's requests go through.
//
// System (the default): the environment's proxy variables, read by blobferry itself so that
//   every Qt build behaves alike (Qt's generic Unix code reads only the lower-case names;
//   Debian's Qt asks libproxy, which reads both): https_proxy / HTTPS_PROXY for https URLs,
//   http_proxy / HTTP_PROXY for http URLs, all_proxy / ALL_PROXY for either, minus the hosts
//   of no_proxy / NO_PROXY. Without any of them, the desktop's settings through Qt
//   (QNetworkProxyFactory::systemProxyForQuery). Loopback hosts (localhost, 127.0.0.0/8,
//   ::1: a local emulator) always go direct, as Qt's own application proxy does.
// None: every request goes direct.
// Custom: every request goes through the given proxy, loopback hosts included.
//
// The password is a secret: display() and describeProxy() never show it.
struct ProxySettings
{
    enum class Mode
    {
        System,
        None,
        Custom,
    };
    enum class Type
    {
        Http,   // HTTP CONNECT for https, a forwarding proxy for http
        Socks5, // RFC 1928, with RFC 1929 user/password when given
    };

    Mode mode = Mode::System;
    Type type = Type::Http;
    QString host;
    quint16 port = 0;
    QString user;
    QString password;

    // "system", "none", or a proxy URL: http://[USER[:PASSWORD]@]HOST:PORT or
    // socks5://[USER[:PASSWORD]@]HOST:PORT (socks5h:// too; the proxy resolves names either
    // way). USER and PASSWORD are percent-decoded. On failure: nothing, and *error says what
    // is wrong in one line that never contains the password.
    static std::optional<ProxySettings> parse(const QString &text, QString *error);

    // "system", "none" or "http://alice:***@proxy.example:3128".
    QString display() const;
    // Custom's proxy; NoProxy for None; DefaultProxy for System (see applyTo()).
    QNetworkProxy proxy() const;
    // Makes manager's requests follow these settings. System installs a factory that reads
    // the environment captured now.
    void applyTo(
        QNetworkAccessManager *manager,
        const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment()) const;

    // System mode's proxies for url in this environment, best first.
    static QList<QNetworkProxy> systemProxiesFor(const QUrl &url,
                                                 const QProcessEnvironment &environment);
    // Checks the environment's proxy variables; on a malformed one, *error names it.
    static bool checkEnvironment(const QProcessEnvironment &environment, QString *error);
};

// One line naming a proxy without its password: "http://alice:***@127.0.0.1:8888";
// empty for a direct connection.
QString describeProxy(const QNetworkProxy &proxy);
// The proxy manager sends a request for url through, described as above.
QString describeProxyFor(QNetworkAccessManager *manager, const QUrl &url);

} // namespace blobferry::net
