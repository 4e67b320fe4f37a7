// SPDX-License-Identifier: MIT
#include "FaultProxyProcess.h"

#include <QFile>
#include <QJsonDocument>
#include <QUrl>
#include <catch2/catch.hpp>

namespace blobferry::test {

FaultProxyProcess::FaultProxyProcess(const QString &endpoint, const QStringList &faultArgs)
{
    REQUIRE(m_dir.isValid());
    const QUrl target(endpoint);
    m_accountPath = target.path();
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start(QStringLiteral(BLOBFERRY_FAULTPROXY_PATH),
                    QStringList{QStringLiteral("--target"),
                                QStringLiteral("%1:%2").arg(target.host()).arg(target.port()),
                                QStringLiteral("--stats"),
                                m_dir.filePath(QStringLiteral("stats.json"))} +
                        faultArgs);
    INFO("starting " BLOBFERRY_FAULTPROXY_PATH);
    REQUIRE(m_process.waitForStarted(10'000));
    while (!m_process.canReadLine() && m_process.state() == QProcess::Running)
        m_process.waitForReadyRead(10'000);
    const QByteArray line = m_process.readLine().trimmed();
    INFO("the proxy said: " << line.toStdString());
    REQUIRE(line.startsWith("listening on "));
    m_port = quint16(line.mid(int(qstrlen("listening on "))).toUInt());
    REQUIRE(m_port != 0);
}

FaultProxyProcess::~FaultProxyProcess()
{
    stop();
}

QString FaultProxyProcess::endpoint() const
{
    return QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(m_accountPath);
}

QString FaultProxyProcess::containerUrl(const QString &container) const
{
    return endpoint() + QLatin1Char('/') + container;
}

QJsonObject FaultProxyProcess::stats() const
{
    QFile file(m_dir.filePath(QStringLiteral("stats.json")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

qint64 FaultProxyProcess::count(const QString &path) const
{
    QJsonValue value = stats();
    for (const QString &part : path.split(QLatin1Char('.')))
        value = value.toObject().value(part);
    return value.toInteger();
}

void FaultProxyProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate(); // SIGTERM: the proxy writes its final counts, then exits
    if (!m_process.waitForFinished(10'000)) {
        m_process.kill();
        m_process.waitForFinished();
    }
}

} // namespace blobferry::test
