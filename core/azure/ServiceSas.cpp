// SPDX-License-Identifier: MIT
#include "ServiceSas.h"

#include "ApiVersion.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QHostAddress>
#include <QMessageAuthenticationCode>
#include <QStringList>
#include <QUrl>

namespace blobferry::azure {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ServiceSas", text);
}

QString isoTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss'Z'"))
                          : QString();
}

QString version(const ServiceSasGrant &grant)
{
    return grant.version.isEmpty() ? QString::fromLatin1(kApiVersion) : grant.version;
}

QString protocol(const ServiceSasGrant &grant)
{
    return grant.httpsOnly ? QStringLiteral("https") : QStringLiteral("https,http");
}

bool isIpv4(const QString &text)
{
    QHostAddress address;
    return address.setAddress(text) && address.protocol() == QAbstractSocket::IPv4Protocol;
}

} // namespace

QString ServiceSas::canonicalPermissions(const ServiceSasGrant &grant)
{
    const QString order = grant.blob.isEmpty() ? QStringLiteral("racwdl") : QStringLiteral("racwd");
    QString result;
    for (const QChar letter : order)
        if (grant.permissions.contains(letter))
            result += letter;
    return result;
}

QString ServiceSas::stringToSign(const ServiceSasGrant &grant)
{
    QString resource =
        QStringLiteral("/blob/") + grant.account + QLatin1Char('/') + grant.container;
    if (!grant.blob.isEmpty())
        resource += QLatin1Char('/') + grant.blob;
    const QStringList lines{
        canonicalPermissions(grant),
        isoTime(grant.start),
        isoTime(grant.expiry),
        resource,
        QString(), // signedIdentifier: no stored access policy
        grant.ipRange,
        protocol(grant),
        version(grant),
        grant.blob.isEmpty() ? QStringLiteral("c") : QStringLiteral("b"),
        QString(), // signedSnapshotTime
        QString(), // signedEncryptionScope
        QString(), // rscc, rscd, rsce, rscl, rsct: no response-header overrides
        QString(),
        QString(),
        QString(),
        QString(),
    };
    return lines.join(QLatin1Char('\n'));
}

QString ServiceSas::token(const ServiceSasGrant &grant, const QByteArray &key)
{
    const QByteArray signature = QMessageAuthenticationCode::hash(stringToSign(grant).toUtf8(), key,
                                                                  QCryptographicHash::Sha256)
                                     .toBase64();
    auto encoded = [](const QString &text) {
        return QString::fromLatin1(QUrl::toPercentEncoding(text));
    };
    QStringList query{QStringLiteral("sv=") + encoded(version(grant)),
                      QStringLiteral("sr=") +
                          (grant.blob.isEmpty() ? QStringLiteral("c") : QStringLiteral("b")),
                      QStringLiteral("sp=") + canonicalPermissions(grant)};
    if (grant.start.isValid())
        query << QStringLiteral("st=") + encoded(isoTime(grant.start));
    query << QStringLiteral("se=") + encoded(isoTime(grant.expiry));
    if (!grant.ipRange.isEmpty())
        query << QStringLiteral("sip=") + encoded(grant.ipRange);
    query << QStringLiteral("spr=") + encoded(protocol(grant));
    query << QStringLiteral("sig=") + encoded(QString::fromLatin1(signature));
    return query.join(QLatin1Char('&'));
}

QString ServiceSas::problem(const ServiceSasGrant &grant)
{
    if (canonicalPermissions(grant).isEmpty())
        return tr("Choose at least one permission.");
    if (!grant.expiry.isValid())
        return tr("Choose when the link expires.");
    if (grant.start.isValid() && grant.expiry <= grant.start)
        return tr("The expiry must be after the start.");
    if (!grant.ipRange.isEmpty()) {
        const QStringList ends = grant.ipRange.split(QLatin1Char('-'));
        if (ends.size() > 2 || !std::all_of(ends.cbegin(), ends.cend(), isIpv4))
            return tr("The allowed IP range \"%1\" is not an IPv4 address or a range "
                      "like 203.0.113.1-203.0.113.9.")
                .arg(grant.ipRange);
    }
    return {};
}

} // namespace blobferry::azure
