// SPDX-License-Identifier: MIT
#include "net/TlsSettings.h"

#include <QFile>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using blobferry::net::TlsSettings;

TEST_CASE("a CA file adds its authority to the system's instead of replacing them", "[tls]")
{
    QString error;
    const auto settings = TlsSettings::load(QStringLiteral(BLOBFERRY_TEST_CA_PEM), &error);
    INFO(error.toStdString());
    REQUIRE(settings.has_value());
    const auto extra = QSslCertificate::fromPath(QStringLiteral(BLOBFERRY_TEST_CA_PEM));
    REQUIRE(extra.size() == 1);

    const QList<QSslCertificate> trusted = settings->configuration().caCertificates();
    CHECK(trusted.contains(extra.first()));
    const QList<QSslCertificate> system = QSslConfiguration::systemCaCertificates();
    qsizetype missing = 0;
    for (const QSslCertificate &certificate : system)
        missing += trusted.contains(certificate) ? 0 : 1;
    INFO(system.size() << " system authorities");
    CHECK(missing == 0);
}

TEST_CASE("without a CA file the system's authorities are used as Qt has them", "[tls]")
{
    QString error;
    const auto settings = TlsSettings::load({}, &error);
    REQUIRE(settings.has_value());
    CHECK(settings->trustsSystemOnly());
    CHECK(settings->configuration().caCertificates() ==
          QSslConfiguration::defaultConfiguration().caCertificates());
}

TEST_CASE("a DER CA file is refused and every certificate of a PEM bundle is trusted", "[tls]")
{
    QTemporaryDir dir;
    QString error;
    QFile der(dir.filePath(QStringLiteral("ca.der")));
    REQUIRE(der.open(QIODevice::WriteOnly));
    der.write(QSslCertificate::fromPath(QStringLiteral(BLOBFERRY_TEST_CA_PEM)).first().toDer());
    der.close();
    CHECK_FALSE(TlsSettings::load(der.fileName(), &error).has_value());
    CHECK(error.contains(QStringLiteral("holds no PEM certificate")));

    // A bundle: every certificate in it is trusted.
    QFile bundle(dir.filePath(QStringLiteral("bundle.pem")));
    QFile one(QStringLiteral(BLOBFERRY_TEST_CA_PEM));
    REQUIRE(one.open(QIODevice::ReadOnly));
    const QByteArray pem = one.readAll();
    REQUIRE(bundle.open(QIODevice::WriteOnly));
    bundle.write(pem + QSslConfiguration::systemCaCertificates().value(0).toPem());
    bundle.close();
    const auto settings = TlsSettings::load(bundle.fileName(), &error);
    REQUIRE(settings.has_value());
    CHECK(settings->configuration().caCertificates().contains(
        QSslCertificate::fromData(pem).first()));
}
