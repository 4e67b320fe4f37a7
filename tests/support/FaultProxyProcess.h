// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

namespace blobferry::test {

// The fault-injecting proxy (tests/tools, blobferry-faultproxy) as a child process between
// blobferry-cli and the run's Azurite. Started in the constructor; stopped by stop() or the
// destructor. Fails the test when it cannot start.
class FaultProxyProcess final
{
public:
    // endpoint: the Azurite to relay to, http://127.0.0.1:PORT/devstoreaccount1.
    // faultArgs: the proxy's fault options, e.g. {"--fail-503", "0.1", "--seed", "3"}.
    FaultProxyProcess(const QString &endpoint, const QStringList &faultArgs);
    ~FaultProxyProcess();
    FaultProxyProcess(const FaultProxyProcess &) = delete;
    FaultProxyProcess &operator=(const FaultProxyProcess &) = delete;

    quint16 port() const { return m_port; }
    // The same endpoint, through the proxy.
    QString endpoint() const;
    QString containerUrl(const QString &container) const;

    // The counts the proxy wrote last (they are at most ~100 ms old while it runs; exact after
    // stop()).
    QJsonObject stats() const;
    // One count by its dotted path, e.g. "faults.serverBusy" or "requestsByMethod.PUT"; 0 when
    // absent.
    qint64 count(const QString &path) const;
    void stop();

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QString m_accountPath; // "/devstoreaccount1"
    quint16 m_port = 0;
};

} // namespace blobferry::test
