// SPDX-License-Identifier: MIT
#include "BlobLocation.h"

#include "Credential.h"

#include <QHostAddress>
#include <QRegularExpression>

namespace blobferry::azure {

namespace {

// ACCOUNT.blob.<anything>: the account is the first label.
QString accountFromHost(const QString &host)
{
    const int dot = host.indexOf(QLatin1String(".blob."));
    if (dot <= 0)
        return {};
    return host.left(dot);
}

} // namespace

bool BlobLocation::looksLikeUrl(const QString &text)
{
    return text.startsWith(QLatin1String("http://"), Qt::CaseInsensitive) ||
           text.startsWith(QLatin1String("https://"), Qt::CaseInsensitive);
}

QString BlobLocation::asDirectory(const QString &path)
{
    if (path.isEmpty() || path.endsWith(QLatin1Char('/')))
        return path;
    return path + QLatin1Char('/');
}

QString BlobLocation::containerNameProblem(const QString &name)
{
    if (name == QLatin1String("$root") || name == QLatin1String("$logs") ||
        name == QLatin1String("$web"))
        return {};
    static const QRegularExpression valid(QStringLiteral("^[a-z0-9](?:[a-z0-9]|-(?!-))*[a-z0-9]$"));
    if (name.size() < 3 || name.size() > 63 || !valid.match(name).hasMatch())
        return QStringLiteral("invalid container name '%1': use 3 to 63 lower-case letters, digits "
                              "and single hyphens, starting and ending with a letter or digit")
            .arg(name);
    return {};
}

std::optional<BlobLocation> BlobLocation::parse(const QString &text, QString *error,
                                                bool requireContainer)
{
    auto fail = [&](const QString &why) -> std::optional<BlobLocation> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const QUrl url(text, QUrl::StrictMode);
    if (!looksLikeUrl(text) || !url.isValid() || url.host().isEmpty())
        return fail(QStringLiteral("malformed URL '%1': expected "
                                   "https://ACCOUNT.blob.core.windows.net/CONTAINER[/PATH] or "
                                   "http://HOST:PORT/ACCOUNT/CONTAINER[/PATH]")
                        .arg(redactSas(text)));
    if (!url.userInfo().isEmpty())
        return fail(QStringLiteral("malformed URL: a user name or password in a blob URL is not "
                                   "supported; use --source-key/--dest-key or a SAS"));

    BlobLocation loc;
    loc.m_sas = url.query(QUrl::FullyEncoded);
    const QString host = url.host();
    QString root =
        url.scheme().toLower() + QLatin1String("://") + url.authority(QUrl::FullyEncoded);
    // Decoded segments; empty ones (from "//" or a trailing '/') carry no meaning here.
    QStringList segments = url.path(QUrl::FullyDecoded).split(QLatin1Char('/'), Qt::SkipEmptyParts);

    loc.m_account = accountFromHost(host);
    if (loc.m_account.isEmpty()) {
        // Path style: IP addresses, localhost and custom hosts carry the account in the path.
        loc.m_pathStyle = true;
        if (segments.isEmpty() || segments.first().isEmpty())
            return fail(QStringLiteral(
                            "malformed URL '%1': the account name is missing; the "
                            "emulator's form is http://127.0.0.1:10000/devstoreaccount1/CONTAINER")
                            .arg(url.toDisplayString(QUrl::RemoveQuery)));
        loc.m_account = segments.takeFirst();
        root += QLatin1Char('/') + loc.m_account;
    }
    loc.m_serviceRoot = root;
    if (!segments.isEmpty())
        loc.m_container = segments.takeFirst();
    if (loc.m_container.isEmpty() && requireContainer)
        return fail(QStringLiteral("the URL '%1' names no container: add /CONTAINER to it")
                        .arg(url.toDisplayString(QUrl::RemoveQuery)));
    if (!loc.m_container.isEmpty()) {
        const QString problem = containerNameProblem(loc.m_container);
        if (!problem.isEmpty())
            return fail(problem);
    }
    loc.m_path = segments.join(QLatin1Char('/'));
    return loc;
}

QByteArray encodeBlobPath(const QString &name)
{
    // A "." or ".." segment would be resolved away on the way (by Qt or by the server), and
    // "%2E" does not help: URL parsers decode it first. The service takes "%2F" for '/', so
    // such names travel as one segment: "a/../x" is sent as "a%2F..%2Fx".
    const auto segments = name.split(QLatin1Char('/'));
    for (const QString &segment : segments)
        if (segment == QLatin1String(".") || segment == QLatin1String(".."))
            return QUrl::toPercentEncoding(name);
    return QUrl::toPercentEncoding(name, "/");
}

QUrl BlobLocation::makeUrl(const QString &encodedPath, const QString &query) const
{
    QString q = query;
    if (!m_sas.isEmpty())
        q = q.isEmpty() ? m_sas : q + QLatin1Char('&') + m_sas;
    QString text = m_serviceRoot + encodedPath;
    if (!q.isEmpty())
        text += QLatin1Char('?') + q;
    return QUrl::fromEncoded(text.toUtf8(), QUrl::StrictMode);
}

QUrl BlobLocation::serviceUrl(const QString &query) const
{
    // Path style keeps the account segment as the whole path: "/devstoreaccount1?comp=list".
    return makeUrl(m_pathStyle ? QString() : QStringLiteral("/"), query);
}

QUrl BlobLocation::containerUrl(const QString &query) const
{
    return makeUrl(QLatin1Char('/') + QString::fromLatin1(encodeBlobPath(m_container)), query);
}

QUrl BlobLocation::blobUrl(const QString &blobName, const QString &query) const
{
    // A blob named exactly "." or ".." would still be a segment of its own, and QUrl decodes
    // "%2E" before the HTTP client resolves dot segments. Joined to the container by "%2F" it is
    // part of one segment; the service decodes the path before it splits it at '/' (as Azurite
    // does, and the signature covers the path as sent).
    const QByteArray blob = encodeBlobPath(blobName);
    const bool dots = blob == "." || blob == "..";
    return makeUrl(QLatin1Char('/') + QString::fromLatin1(encodeBlobPath(m_container)) +
                       (dots ? QStringLiteral("%2F") : QStringLiteral("/")) +
                       QString::fromLatin1(blob),
                   query);
}

QString BlobLocation::display() const
{
    QString text = m_serviceRoot + QLatin1Char('/') + m_container;
    if (!m_path.isEmpty())
        text += QLatin1Char('/') + m_path;
    if (!m_sas.isEmpty())
        text += QLatin1Char('?') + redactSas(m_sas);
    return text;
}

BlobLocation BlobLocation::withPath(const QString &path) const
{
    BlobLocation copy = *this;
    copy.m_path = path;
    return copy;
}

BlobLocation BlobLocation::withSas(const QString &token) const
{
    BlobLocation copy = *this;
    copy.m_sas = token.startsWith(QLatin1Char('?')) ? token.mid(1) : token;
    return copy;
}

} // namespace blobferry::azure
