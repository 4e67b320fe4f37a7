// SPDX-License-Identifier: MIT
#pragma once

#include <QMutex>
#include <functional>

namespace blobferry::net {

// --cap-mbps: one token bucket shared by every request of a job. Tokens are bytes; they
// refill at the cap and the bucket holds at most a quarter second of them, so an idle job
// cannot save up a burst. Downloads take tokens as they read (a reply waits, its socket
// back-pressured, while none are left); an upload's body takes them as Qt reads it
// (ThrottledBody). The bytes in flight follow the cap, so even a one-request job keeps to it.
// charge() drives the bucket into debt (bytes that moved regardless); no request starts
// until it is paid off. setRate() changes the cap of requests already running (the window's
// Settings); a rate of 0 lets everything through.
class BandwidthLimiter final
{
public:
    using Clock = std::function<qint64()>; // milliseconds, monotonic

    // clock: empty for the real one (tests pass a fake).
    explicit BandwidthLimiter(qint64 bytesPerSecond, Clock clock = {});

    // 0: no cap.
    qint64 bytesPerSecond() const;
    // From now on, for every request using the bucket; 0 lifts the cap.
    void setRate(qint64 bytesPerSecond);
    // Up to `wanted` bytes that may move now (0 when the bucket is empty or in debt).
    qint64 take(qint64 wanted);
    // Bytes that moved (or will) regardless: the bucket may go into debt.
    void charge(qint64 bytes);
    // Whether the bucket is out of debt: a new request may start.
    bool available();
    // How long until `bytes` may move (0: until the bucket is out of debt); 0 when now.
    int msUntilAvailable(qint64 bytes = 0);

    static qint64 fromMbps(double megabitsPerSecond);

private:
    void refill();

    qint64 m_rate;
    qint64 m_capacity;
    Clock m_clock;
    mutable QMutex m_mutex;
    double m_tokens;
    qint64 m_lastMs;
};

} // namespace blobferry::net
