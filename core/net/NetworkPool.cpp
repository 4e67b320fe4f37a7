// SPDX-License-Identifier: MIT
#include "NetworkPool.h"

#include "TlsAccessManager.h"

#include <algorithm>

namespace blobferry::net {

NetworkPool::NetworkPool(int concurrency, QObject *parent)
    : NetworkPool(concurrency, TlsSettings{}, parent)
{}

NetworkPool::NetworkPool(int concurrency, const TlsSettings &tls, QObject *parent)
    : NetworkPool(concurrency, tls, ProxySettings{}, parent)
{}

NetworkPool::NetworkPool(int concurrency, const TlsSettings &tls, const ProxySettings &proxy,
                         QObject *parent)
    : NetworkPool(concurrency, tls, proxy, AccessManagerFactory{}, parent)
{}

NetworkPool::NetworkPool(int concurrency, const TlsSettings &tls, const ProxySettings &proxy,
                         const AccessManagerFactory &factory, QObject *parent)
    : QObject(parent)
    , m_faked(bool(factory))
    , m_tls(tls)
    , m_proxy(proxy)
    , m_factory(factory)
{
    grow(concurrency);
}

void NetworkPool::grow(int concurrency)
{
    const int count =
        std::max(1, (concurrency + kConnectionsPerManager - 1) / kConnectionsPerManager);
    while (m_managers.size() < count) {
        QNetworkAccessManager *manager = nullptr;
        if (m_factory) {
            manager = m_factory(this);
        } else {
            manager = new TlsAccessManager(m_tls, this);
            m_proxy.applyTo(manager);
        }
        manager->setAutoDeleteReplies(false);
        m_managers.append(manager);
        m_inFlight.append(0);
    }
}

QNetworkAccessManager *NetworkPool::acquire()
{
    // The first manager with a connection to spare, so that fewer requests use fewer of the
    // managers' threads: every 16 KiB of a body and every read of an answer crosses between
    // the engine's thread and a manager's, and on two cores each more thread in play cost
    // more CPU than it gained (docs/PERFORMANCE.md, session 6). Beyond that, the least busy.
    auto chosen = std::find_if(m_inFlight.begin(), m_inFlight.end(),
                               [](int inFlight) { return inFlight < kConnectionsPerManager; });
    if (chosen == m_inFlight.end())
        chosen = std::min_element(m_inFlight.begin(), m_inFlight.end());
    const auto index = std::distance(m_inFlight.begin(), chosen);
    ++m_inFlight[index];
    return m_managers[index];
}

void NetworkPool::setProxy(const ProxySettings &proxy)
{
    m_proxy = proxy;
    if (m_faked)
        return;
    for (QNetworkAccessManager *manager : std::as_const(m_managers))
        proxy.applyTo(manager);
}

void NetworkPool::release(QNetworkAccessManager *manager)
{
    const auto index = m_managers.indexOf(manager);
    if (index >= 0 && m_inFlight[index] > 0)
        --m_inFlight[index];
}

} // namespace blobferry::net
