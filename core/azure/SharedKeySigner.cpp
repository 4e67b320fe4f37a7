// SPDX-License-Identifier: MIT
#include "SharedKeySigner.h"

#include <QMessageAuthenticationCode>
#include <QNetworkRequest>
#include <algorithm>
#include <map>

namespace blobferry::azure {

namespace {

QByteArray headerValue(const HeaderList &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

// "/account/encoded/path" then "\nname:value" per query parameter, names lower-cased and
// sorted, values percent-decoded, repeated names joined by ','.
QByteArray canonicalResource(const QString &account, const QUrl &url)
{
    QByteArray out = '/' + account.toUtf8();
    QByteArray path = url.path(QUrl::FullyEncoded).toUtf8();
    out += path.isEmpty() ? QByteArray("/") : path;

    std::map<QByteArray, QList<QByteArray>> params;
    const QByteArray query = url.query(QUrl::FullyEncoded).toUtf8();
    for (const QByteArray &pair : query.split('&')) {
        if (pair.isEmpty())
            continue;
        const int eq = pair.indexOf('=');
        const QByteArray name = QByteArray::fromPercentEncoding(eq < 0 ? pair : pair.left(eq));
        const QByteArray value =
            eq < 0 ? QByteArray() : QByteArray::fromPercentEncoding(pair.mid(eq + 1));
        params[name.toLower()].append(value);
    }
    for (auto &[name, values] : params) {
        std::sort(values.begin(), values.end());
        out += '\n' + name + ':' + values.join(',');
    }
    return out;
}

} // namespace

SharedKeySigner::SharedKeySigner(QString account, QByteArray key)
    : m_account(std::move(account))
    , m_key(std::move(key))
{}

QByteArray SharedKeySigner::stringToSign(const QByteArray &verb, const HeaderList &headers,
                                         const QUrl &url, qint64 contentLength) const
{
    QByteArray out = verb + '\n';
    for (const char *name : {"Content-Encoding", "Content-Language"})
        out += headerValue(headers, name) + '\n';
    out += (contentLength > 0 ? QByteArray::number(contentLength) : QByteArray()) + '\n';
    for (const char *name : {"Content-MD5", "Content-Type"})
        out += headerValue(headers, name) + '\n';
    out += '\n'; // Date: empty, x-ms-date is always sent
    for (const char *name :
         {"If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range"})
        out += headerValue(headers, name) + '\n';

    std::map<QByteArray, QByteArray> msHeaders;
    for (const auto &[key, value] : headers) {
        const QByteArray lower = key.toLower();
        if (lower.startsWith("x-ms-"))
            msHeaders[lower] = value.trimmed();
    }
    for (const auto &[name, value] : msHeaders)
        out += name + ':' + value + '\n';
    out += canonicalResource(m_account, url);
    return out;
}

QByteArray SharedKeySigner::signature(const QByteArray &stringToSign) const
{
    return QMessageAuthenticationCode::hash(stringToSign, m_key, QCryptographicHash::Sha256)
        .toBase64();
}

void SharedKeySigner::sign(QNetworkRequest &request, const QByteArray &verb,
                           qint64 contentLength) const
{
    HeaderList headers;
    const auto names = request.rawHeaderList();
    for (const QByteArray &name : names)
        headers.append({name, request.rawHeader(name)});
    const QByteArray toSign = stringToSign(verb, headers, request.url(), contentLength);
    request.setRawHeader("Authorization",
                         "SharedKey " + m_account.toUtf8() + ':' + signature(toSign));
}

} // namespace blobferry::azure
