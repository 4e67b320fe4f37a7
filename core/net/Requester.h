// SPDX-License-Identifier: MIT
#pragma once

#include "HttpJob.h"
#include "NetworkPool.h"
#include "ProxySettings.h"
#include "TlsSettings.h"

#include <QHash>
#include <QObject>
#include <QQueue>
#include <functional>
#include <memory>

namespace blobferry::net {

class BandwidthLimiter;

struct RequesterSettings
{
    int concurrency = 16; // requests in flight at once, for everyone sharing the requester
    TlsSettings tls;
    ProxySettings proxy;
    AccessManagerFactory accessManagers; // empty: the network; tests: a fake service
    qint64 capBytesPerSecond = 0;        // 0: no bandwidth cap
    // The cap may be set or changed while requests run (the window's Settings): a limiter is
    // made even without a cap, letting everything through until setCap().
    bool adjustableCap = false;
};

// One request to send: how to build each attempt, how patiently to retry, where the body goes.
struct Request
{
    HttpJob::Factory factory;
    RetryPolicy policy;
    HttpJob::Sink sink;   // optional: takes the body as it arrives
    HttpJob::Check check; // optional: see HttpJob::Check
    bool capped = false;  // moves file data: paced by the bandwidth cap
};

// The one way a request goes out. Owns the network pool (TLS, proxy), the concurrency budget
// and the bandwidth limiter, and is shared by everything that talks to the service from its
// thread: a job's transfers, listings, index pages, removals and mirror deletions, and several
// jobs at once (the desktop queue). A request starts when one of `concurrency` slots is free;
// otherwise it waits its turn, first come first served.
//
// A scheduler that picks what goes next itself (the engine's pump) asks hasFreeSlot() and
// listens to slotFreed(); a request sent while none is free simply waits.
class Requester final : public QObject
{
    Q_OBJECT
public:
    explicit Requester(RequesterSettings settings, QObject *parent = nullptr);
    ~Requester() override;

    using Done = std::function<void(const HttpResult &result)>;
    // Sends `request` as soon as a slot is free. The job is a child of `owner`: deleting the
    // owner first aborts it and `done` is not called. Otherwise `done` gets the result in this
    // thread and the job is deleted after it. The job may be aborted (its result is then
    // cancelled) and its signals (uploadProgress, retrying) connected to until then.
    HttpJob *send(Request request, QObject *owner, Done done);

    // Requests sent from now on go through `proxy` (the window's settings changed).
    void setProxy(const ProxySettings &proxy);
    // The window's settings changed: more slots start waiting requests at once (and a pump
    // hears slotFreed); fewer let the running ones end first.
    void setConcurrency(int concurrency);
    // The cap of every capped request, running ones included (adjustableCap; else nothing).
    void setCap(qint64 bytesPerSecond);

    bool hasFreeSlot() const;
    int concurrency() const { return m_settings.concurrency; }
    int inFlight() const { return int(m_running.size()); }
    int waiting() const { return int(m_waiting.size()); }
    // Null without a cap (unless adjustableCap).
    BandwidthLimiter *limiter() const { return m_limiter.get(); }

Q_SIGNALS:
    // A slot became free and no sent request was waiting for it.
    void slotFreed();

private:
    void dispatch();
    void forget(HttpJob *job);

    RequesterSettings m_settings;
    NetworkPool *m_pool;
    std::unique_ptr<BandwidthLimiter> m_limiter;
    QQueue<HttpJob *> m_waiting;
    QHash<HttpJob *, QNetworkAccessManager *> m_running;
};

} // namespace blobferry::net
