// SPDX-License-Identifier: MIT
#include "Requester.h"

#include "BandwidthLimiter.h"

#include <QThread>
#include <algorithm>

namespace blobferry::net {

Requester::Requester(RequesterSettings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
{
    m_settings.concurrency = std::max(1, m_settings.concurrency);
    m_pool = new NetworkPool(m_settings.concurrency, m_settings.tls, m_settings.proxy,
                             m_settings.accessManagers, this);
    if (m_settings.capBytesPerSecond > 0 || m_settings.adjustableCap)
        m_limiter = std::make_unique<BandwidthLimiter>(m_settings.capBytesPerSecond);
}

Requester::~Requester()
{
    // Jobs belong to their owners; they must not call back into a requester that is gone.
    for (HttpJob *job : std::as_const(m_waiting))
        job->disconnect(this);
    for (auto it = m_running.cbegin(); it != m_running.cend(); ++it)
        it.key()->disconnect(this);
}

HttpJob *Requester::send(Request request, QObject *owner, Done done)
{
    Q_ASSERT(QThread::currentThread() == thread());
    auto *job = new HttpJob(nullptr, std::move(request.factory), std::move(request.policy), owner);
    if (request.sink)
        job->setSink(std::move(request.sink));
    if (request.check)
        job->setCheck(std::move(request.check));
    if (request.capped)
        job->setLimiter(m_limiter.get());
    // In the job's context: an owner deleted first takes the job and this connection with it.
    connect(job, &HttpJob::finished, job, [this, job, done = std::move(done)] {
        forget(job);
        job->deleteLater();
        if (done)
            done(job->result());
    });
    connect(job, &QObject::destroyed, this, [this, job] { forget(job); });
    m_waiting.enqueue(job);
    dispatch();
    return job;
}

void Requester::setProxy(const ProxySettings &proxy)
{
    m_settings.proxy = proxy;
    m_pool->setProxy(proxy);
}

void Requester::setConcurrency(int concurrency)
{
    m_settings.concurrency = std::max(1, concurrency);
    m_pool->grow(m_settings.concurrency);
    dispatch();
    if (hasFreeSlot())
        Q_EMIT slotFreed();
}

void Requester::setCap(qint64 bytesPerSecond)
{
    m_settings.capBytesPerSecond = std::max<qint64>(0, bytesPerSecond);
    if (m_limiter)
        m_limiter->setRate(m_settings.capBytesPerSecond);
}

bool Requester::hasFreeSlot() const
{
    return m_waiting.isEmpty() && m_running.size() < m_settings.concurrency;
}

void Requester::dispatch()
{
    while (!m_waiting.isEmpty() && m_running.size() < m_settings.concurrency) {
        HttpJob *job = m_waiting.dequeue();
        QNetworkAccessManager *nam = m_pool->acquire();
        m_running.insert(job, nam);
        job->setAccessManager(nam);
        job->start();
    }
}

void Requester::forget(HttpJob *job)
{
    if (m_waiting.removeOne(job))
        return;
    const auto it = m_running.find(job);
    if (it == m_running.end())
        return;
    m_pool->release(it.value());
    m_running.erase(it);
    dispatch();
    if (hasFreeSlot())
        Q_EMIT slotFreed();
}

} // namespace blobferry::net
