// SPDX-License-Identifier: MIT
#include "TlsSettings.h"

#include <QFile>
#include <QSslSocket>

namespace blobferry::net {

namespace {

// The system's authorities, read once per process: Qt parses every file of the system's
// certificate directory on each call (about 0.1 s of CPU with OpenSSL 3), and every manager of
// every job asked (a 2,000-file https download spent a sixth of its CPU here).
const QList<QSslCertificate> &systemAuthorities()
{
    static const QList<QSslCertificate> authorities = QSslConfiguration::systemCaCertificates();
    return authorities;
}

} // namespace

std::optional<TlsSettings> TlsSettings::load(const QString &caFile, QString *error)
{
    if (caFile.isEmpty())
        return TlsSettings{};
    const QString &path = caFile;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the CA file %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    if (!QSslSocket::supportsSsl()) {
        *error = QStringLiteral("a CA file needs TLS support, and this Qt has none: install "
                                "Qt's OpenSSL backend");
        return std::nullopt;
    }
    TlsSettings settings;
    settings.m_extraAuthorities = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (settings.m_extraAuthorities.isEmpty()) {
        *error = QStringLiteral("the CA file %1 holds no PEM certificate (-----BEGIN "
                                "CERTIFICATE-----)")
                     .arg(path);
        return std::nullopt;
    }
    return settings;
}

QSslConfiguration TlsSettings::configuration() const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    // In addition to the system's authorities, not instead of them, so real Azure keeps
    // working. On Linux the default configuration lists no CA at all (Qt loads the system's
    // on demand) and adding one turns that off, so the system's are listed explicitly.
    if (!m_extraAuthorities.isEmpty())
        configuration.setCaCertificates(systemAuthorities() + m_extraAuthorities);
    return configuration;
}

} // namespace blobferry::net
