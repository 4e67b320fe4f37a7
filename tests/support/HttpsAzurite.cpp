// SPDX-License-Identifier: MIT
#include "HttpsAzurite.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QRegularExpression>
#include <catch2/catch.hpp>

namespace blobferry::test {

HttpsAzurite::HttpsAzurite()
{
    REQUIRE(m_dir.isValid());
    const auto file = [this](const char *name) {
        return m_dir.filePath(QString::fromLatin1(name));
    };
    // EC keys: generated in milliseconds, unlike RSA.
    const QStringList ecKey{
        QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
        QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes")};
    openssl(QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ecKey +
            QStringList{QStringLiteral("-keyout"), file("ca.key"), QStringLiteral("-out"),
                        file("ca.pem"), QStringLiteral("-days"), QStringLiteral("2"),
                        QStringLiteral("-subj"), QStringLiteral("/CN=blobferry test CA")});
    openssl(QStringList{QStringLiteral("req")} + ecKey +
            QStringList{QStringLiteral("-keyout"), file("server.key"), QStringLiteral("-out"),
                        file("server.csr"), QStringLiteral("-subj"),
                        QStringLiteral("/CN=127.0.0.1")});
    QFile extensions(file("server.ext"));
    REQUIRE(extensions.open(QIODevice::WriteOnly));
    extensions.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                     "basicConstraints=CA:FALSE\n"
                     "extendedKeyUsage=serverAuth\n");
    extensions.close();
    openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
             file("server.csr"), QStringLiteral("-CA"), file("ca.pem"), QStringLiteral("-CAkey"),
             file("ca.key"), QStringLiteral("-CAcreateserial"), QStringLiteral("-out"),
             file("server.pem"), QStringLiteral("-days"), QStringLiteral("2"),
             QStringLiteral("-extfile"), file("server.ext")});

    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setWorkingDirectory(m_dir.path());
    m_process.start(QStringLiteral(BLOBFERRY_AZURITE_BLOB_PATH),
                    {QStringLiteral("--blobHost"), QStringLiteral("127.0.0.1"),
                     QStringLiteral("--blobPort"), QStringLiteral("0"),
                     QStringLiteral("--inMemoryPersistence"), QStringLiteral("--silent"),
                     QStringLiteral("--disableTelemetry"), QStringLiteral("--cert"),
                     file("server.pem"), QStringLiteral("--key"), file("server.key")});
    INFO("starting " BLOBFERRY_AZURITE_BLOB_PATH " (npm ci in scripts/emulator installs it)");
    REQUIRE(m_process.waitForStarted(10'000));
    static const QRegularExpression listening(
        QStringLiteral("successfully listens on https://127\\.0\\.0\\.1:(\\d+)"));
    QByteArray said;
    const QDeadlineTimer deadline(30'000);
    while (m_port == 0 && m_process.state() == QProcess::Running && !deadline.hasExpired()) {
        m_process.waitForReadyRead(500);
        said += m_process.readAll();
        const auto match = listening.match(QString::fromUtf8(said));
        if (match.hasMatch())
            m_port = quint16(match.captured(1).toUInt());
    }
    INFO("Azurite said: " << said.toStdString());
    REQUIRE(m_port != 0);
}

HttpsAzurite::~HttpsAzurite()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5'000)) {
        m_process.kill();
        m_process.waitForFinished();
    }
}

void HttpsAzurite::openssl(const QStringList &args)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("openssl"), args);
    INFO("openssl " << args.join(QLatin1Char(' ')).toStdString());
    REQUIRE(process.waitForStarted(10'000));
    REQUIRE(process.waitForFinished(30'000));
    INFO(process.readAll().toStdString());
    REQUIRE(process.exitStatus() == QProcess::NormalExit);
    REQUIRE(process.exitCode() == 0);
}

QString HttpsAzurite::endpoint() const
{
    return QStringLiteral("https://127.0.0.1:%1/devstoreaccount1").arg(m_port);
}

QString HttpsAzurite::containerUrl(const QString &container) const
{
    return endpoint() + QLatin1Char('/') + container;
}

QString HttpsAzurite::caFile() const
{
    return m_dir.filePath(QStringLiteral("ca.pem"));
}

} // namespace blobferry::test
