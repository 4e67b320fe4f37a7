// SPDX-License-Identifier: MIT
#pragma once

#include "ProxySettings.h"
#include "TlsSettings.h"

#include <QList>
#include <QObject>
#include <functional>

class QNetworkAccessManager;

namespace blobferry::net {

// Makes one of a pool's managers, owned by `parent`. Empty: the network (TlsAccessManager).
// Tests give one that answers from an in-process fake service.
using AccessManagerFactory = std::function<QNetworkAccessManager *(QObject *parent)>;

// Several QNetworkAccessManagers for one engine. Qt 6.4 opens at most six HTTP/1.1
// connections per host per manager (QHttp1Configuration arrives in 6.5), so reaching a
// concurrency of 16 needs three. Each manager runs its sockets on a thread of its own;
// requests fill one manager's connections before the next (fewer threads in play), so
// none of them queues internally.
// Every https request through the pool carries the job's TlsSettings, and every request
// goes through the job's proxy (ProxySettings: the system's by default).
class NetworkPool final : public QObject
{
    Q_OBJECT
public:
    static constexpr int kConnectionsPerManager = 6;

    explicit NetworkPool(int concurrency, QObject *parent = nullptr);
    NetworkPool(int concurrency, const TlsSettings &tls, QObject *parent = nullptr);
    NetworkPool(int concurrency, const TlsSettings &tls, const ProxySettings &proxy,
                QObject *parent = nullptr);
    // With a factory, its managers stand in for the network (tls and proxy do not apply).
    NetworkPool(int concurrency, const TlsSettings &tls, const ProxySettings &proxy,
                const AccessManagerFactory &factory, QObject *parent = nullptr);

    QNetworkAccessManager *acquire();
    void release(QNetworkAccessManager *manager);
    // Requests sent from now on go through `proxy` (a pool of a factory's managers: nothing).
    void setProxy(const ProxySettings &proxy);
    // Enough managers for `concurrency` requests at once (a pool never shrinks).
    void grow(int concurrency);

private:
    QList<QNetworkAccessManager *> m_managers;
    bool m_faked = false; // the managers came from a factory
    QList<int> m_inFlight;
    TlsSettings m_tls;
    ProxySettings m_proxy;
    AccessManagerFactory m_factory;
};

} // namespace blobferry::net
