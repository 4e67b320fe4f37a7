// SPDX-License-Identifier: MIT
#include "SasIssuer.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QUrl>

namespace blobferry::azure {

QString SasIssuer::readBlobs(const QString &account, const QByteArray &key, const QDateTime &expiry,
                             bool httpsOnly)
{
    // String to sign: one field per line, each ending in '\n': account, permissions, services,
    // resource types, start, expiry, IP, protocol, version.
    const QString version = QStringLiteral("2019-12-12");
    const QString permissions = QStringLiteral("r");
    const QString protocol = httpsOnly ? QStringLiteral("https") : QStringLiteral("https,http");
    const QString until = expiry.toUTC().toString(Qt::ISODate);
    const QString toSign = account + QLatin1Char('\n') + permissions +
                           QStringLiteral("\nb\no\n\n") + until + QStringLiteral("\n\n") +
                           protocol + QLatin1Char('\n') + version + QLatin1Char('\n');
    const QByteArray signature =
        QMessageAuthenticationCode::hash(toSign.toUtf8(), key, QCryptographicHash::Sha256)
            .toBase64();
    auto encoded = [](const QString &text) {
        return QString::fromLatin1(QUrl::toPercentEncoding(text));
    };
    return QStringLiteral("sv=%1&ss=b&srt=o&sp=%2&se=%3&spr=%4&sig=%5")
        .arg(version, permissions, encoded(until), encoded(protocol),
             encoded(QString::fromLatin1(signature)));
}

} // namespace blobferry::azure
