// SPDX-License-Identifier: MIT
#include "ProxySettings.h"

#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QRegularExpression>

namespace blobferry::net {

namespace {

// curl's default proxy port, for environment variables that name none.
constexpr quint16 kEnvironmentDefaultPort = 1080;

struct ParsedProxy
{
    QNetworkProxy proxy;
    QString error;
};

// Parses a proxy URL; `what` names its origin in errors ("--proxy", "HTTPS_PROXY").
// A missing scheme means http (as curl reads proxy variables). Messages never quote the
// text: it may hold a password.
ParsedProxy parseProxyUrl(const QString &text, const QString &what, bool requirePort)
{
    ParsedProxy result;
    QString withScheme = text.trimmed();
    if (!withScheme.contains(QStringLiteral("://")))
        withScheme.prepend(QStringLiteral("http://"));
    const QUrl url(withScheme, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    auto fail = [&](const QString &why) {
        result.error = what + QStringLiteral(": ") + why;
        return result;
    };
    if (!url.isValid() || url.host().isEmpty())
        return fail(QStringLiteral("not a proxy URL; give http://[USER:PASSWORD@]HOST:PORT, "
                                   "socks5://[USER:PASSWORD@]HOST:PORT, none or system"));
    QNetworkProxy::ProxyType type;
    if (scheme == QLatin1String("http")) {
        type = QNetworkProxy::HttpProxy;
    } else if (scheme == QLatin1String("socks5") || scheme == QLatin1String("socks5h")) {
        type = QNetworkProxy::Socks5Proxy;
    } else {
        return fail(QStringLiteral("proxy type '%1' is not supported; use http:// or socks5://")
                        .arg(scheme));
    }
    if ((!url.path().isEmpty() && url.path() != QLatin1String("/")) || url.hasQuery() ||
        url.hasFragment())
        return fail(QStringLiteral("a proxy URL has no path; give SCHEME://HOST:PORT"));
    int port = url.port();
    if (port <= 0) {
        if (requirePort)
            return fail(QStringLiteral("give the proxy's port, e.g. %1://proxy.example:%2")
                            .arg(scheme == QLatin1String("http") ? QStringLiteral("http")
                                                                 : QStringLiteral("socks5"))
                            .arg(scheme == QLatin1String("http") ? 3128 : 1080));
        port = kEnvironmentDefaultPort;
    }
    result.proxy = QNetworkProxy(type, url.host(), quint16(port), url.userName(QUrl::FullyDecoded),
                                 url.password(QUrl::FullyDecoded));
    return result;
}

bool isLoopbackHost(const QString &host)
{
    const QString lower = host.toLower();
    if (lower == QLatin1String("localhost") || lower.endsWith(QLatin1String(".localhost")))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

// no_proxy as curl reads it: comma- or space-separated host names matched with their
// subdomains ("example.com", ".example.com" and "*.example.com" alike), IP addresses, CIDR
// subnets, "*" for everything. A ":PORT" on an entry is ignored.
bool bypassesProxy(const QString &host, const QString &noProxy)
{
    const QString lowerHost = host.toLower();
    const QHostAddress address(host);
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    const QStringList entries = noProxy.split(separators, Qt::SkipEmptyParts);
    for (QString entry : entries) {
        entry = entry.toLower();
        if (entry == QLatin1String("*"))
            return true;
        if (entry.contains(QLatin1Char('/'))) {
            const auto subnet = QHostAddress::parseSubnet(entry);
            if (!address.isNull() && subnet.second >= 0 && address.isInSubnet(subnet))
                return true;
            continue;
        }
        if (entry.startsWith(QLatin1Char('['))) { // [::1]:8080
            entry = entry.mid(1, entry.indexOf(QLatin1Char(']')) - 1);
        } else if (entry.count(QLatin1Char(':')) == 1) { // host:port
            entry.truncate(entry.indexOf(QLatin1Char(':')));
        }
        if (entry.startsWith(QLatin1String("*.")))
            entry.remove(0, 1);
        if (entry.startsWith(QLatin1Char('.')))
            entry.remove(0, 1);
        if (entry.isEmpty())
            continue;
        const QHostAddress entryAddress(entry);
        if (!entryAddress.isNull()) {
            if (entryAddress.isEqual(address))
                return true;
            continue;
        }
        if (lowerHost == entry || lowerHost.endsWith(QLatin1Char('.') + entry))
            return true;
    }
    return false;
}

// The first variable of names that is set, with its name.
std::pair<QString, QString> firstSet(const QProcessEnvironment &environment,
                                     std::initializer_list<const char *> names)
{
    for (const char *name : names) {
        const QString key = QString::fromLatin1(name);
        const QString value = environment.value(key).trimmed();
        if (!value.isEmpty())
            return {key, value};
    }
    return {};
}

// The proxy variable for a URL scheme: lower case first, as curl reads them.
std::pair<QString, QString> proxyVariableFor(const QString &scheme,
                                             const QProcessEnvironment &environment)
{
    auto variable = scheme == QLatin1String("https")
                        ? firstSet(environment, {"https_proxy", "HTTPS_PROXY"})
                        : firstSet(environment, {"http_proxy", "HTTP_PROXY"});
    if (variable.second.isEmpty())
        variable = firstSet(environment, {"all_proxy", "ALL_PROXY"});
    return variable;
}

class SystemProxyFactory final : public QNetworkProxyFactory
{
public:
    explicit SystemProxyFactory(QProcessEnvironment environment)
        : m_environment(std::move(environment))
    {}

    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override
    {
        return ProxySettings::systemProxiesFor(query.url(), m_environment);
    }

private:
    const QProcessEnvironment m_environment;
};

} // namespace

std::optional<ProxySettings> ProxySettings::parse(const QString &text, QString *error)
{
    ProxySettings settings;
    const QString trimmed = text.trimmed();
    if (trimmed.compare(QLatin1String("system"), Qt::CaseInsensitive) == 0)
        return settings;
    if (trimmed.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) {
        settings.mode = Mode::None;
        return settings;
    }
    const ParsedProxy parsed = parseProxyUrl(trimmed, QStringLiteral("--proxy"), true);
    if (!parsed.error.isEmpty()) {
        *error = parsed.error;
        return std::nullopt;
    }
    settings.mode = Mode::Custom;
    settings.type = parsed.proxy.type() == QNetworkProxy::Socks5Proxy ? Type::Socks5 : Type::Http;
    settings.host = parsed.proxy.hostName();
    settings.port = parsed.proxy.port();
    settings.user = parsed.proxy.user();
    settings.password = parsed.proxy.password();
    return settings;
}

QString ProxySettings::display() const
{
    switch (mode) {
    case Mode::System:
        return QStringLiteral("system");
    case Mode::None:
        return QStringLiteral("none");
    case Mode::Custom:
        break;
    }
    return describeProxy(proxy());
}

QNetworkProxy ProxySettings::proxy() const
{
    switch (mode) {
    case Mode::System:
        return QNetworkProxy(QNetworkProxy::DefaultProxy);
    case Mode::None:
        return QNetworkProxy(QNetworkProxy::NoProxy);
    case Mode::Custom:
        break;
    }
    return QNetworkProxy(type == Type::Socks5 ? QNetworkProxy::Socks5Proxy
                                              : QNetworkProxy::HttpProxy,
                         host, port, user, password);
}

void ProxySettings::applyTo(QNetworkAccessManager *manager,
                            const QProcessEnvironment &environment) const
{
    if (mode == Mode::System)
        manager->setProxyFactory(new SystemProxyFactory(environment)); // the manager owns it
    else
        manager->setProxy(proxy());
}

QList<QNetworkProxy> ProxySettings::systemProxiesFor(const QUrl &url,
                                                     const QProcessEnvironment &environment)
{
    const QList<QNetworkProxy> direct{QNetworkProxy(QNetworkProxy::NoProxy)};
    if (isLoopbackHost(url.host()))
        return direct;
    const auto noProxy = firstSet(environment, {"no_proxy", "NO_PROXY"});
    if (bypassesProxy(url.host(), noProxy.second))
        return direct;
    const auto [name, value] = proxyVariableFor(url.scheme().toLower(), environment);
    if (!value.isEmpty()) {
        const ParsedProxy parsed = parseProxyUrl(value, name, false);
        // checkEnvironment() reports a malformed variable before any request is made.
        return parsed.error.isEmpty() ? QList<QNetworkProxy>{parsed.proxy} : direct;
    }
    QList<QNetworkProxy> proxies =
        QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(url));
    return proxies.isEmpty() ? direct : proxies;
}

bool ProxySettings::checkEnvironment(const QProcessEnvironment &environment, QString *error)
{
    for (const char *scheme : {"https", "http"}) {
        const auto [name, value] = proxyVariableFor(QString::fromLatin1(scheme), environment);
        if (value.isEmpty())
            continue;
        const ParsedProxy parsed = parseProxyUrl(value, name, false);
        if (!parsed.error.isEmpty()) {
            *error = parsed.error + QStringLiteral(" (or choose one with --proxy)");
            return false;
        }
    }
    return true;
}

QString describeProxy(const QNetworkProxy &proxy)
{
    QString scheme;
    switch (proxy.type()) {
    case QNetworkProxy::HttpProxy:
    case QNetworkProxy::HttpCachingProxy:
        scheme = QStringLiteral("http");
        break;
    case QNetworkProxy::Socks5Proxy:
        scheme = QStringLiteral("socks5");
        break;
    default:
        return {};
    }
    QUrl url;
    url.setScheme(scheme);
    url.setHost(proxy.hostName());
    url.setPort(proxy.port());
    QString text = url.toString();
    if (!proxy.user().isEmpty()) {
        // Built by hand: QUrl would percent-encode the mask.
        const QString user = QString::fromUtf8(QUrl::toPercentEncoding(proxy.user()));
        const QString userInfo =
            proxy.password().isEmpty() ? user + QLatin1Char('@') : user + QStringLiteral(":***@");
        text.insert(scheme.size() + 3, userInfo);
    }
    return text;
}

QString describeProxyFor(QNetworkAccessManager *manager, const QUrl &url)
{
    if (QNetworkProxyFactory *factory = manager->proxyFactory()) {
        const QList<QNetworkProxy> proxies = factory->queryProxy(QNetworkProxyQuery(url));
        return proxies.isEmpty() ? QString() : describeProxy(proxies.first());
    }
    return describeProxy(manager->proxy());
}

} // namespace blobferry::net
