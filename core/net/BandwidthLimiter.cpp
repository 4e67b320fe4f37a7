// SPDX-License-Identifier: MIT
#include "BandwidthLimiter.h"

#include <QElapsedTimer>
#include <algorithm>
#include <cmath>
#include <memory>

namespace blobferry::net {

qint64 BandwidthLimiter::fromMbps(double megabitsPerSecond)
{
    return qint64(std::llround(megabitsPerSecond * 125'000)); // a megabit is 125,000 bytes
}

namespace {

constexpr qint64 kMinCapacity = 16 * 1024;

BandwidthLimiter::Clock realClock()
{
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    return [timer] { return timer->elapsed(); };
}

} // namespace

BandwidthLimiter::BandwidthLimiter(qint64 bytesPerSecond, Clock clock)
    : m_rate(std::max<qint64>(0, bytesPerSecond))
    , m_capacity(std::max(kMinCapacity, m_rate / 4))
    , m_clock(clock ? std::move(clock) : realClock())
    , m_tokens(double(m_capacity))
    , m_lastMs(m_clock())
{}

qint64 BandwidthLimiter::bytesPerSecond() const
{
    QMutexLocker lock(&m_mutex);
    return m_rate;
}

void BandwidthLimiter::setRate(qint64 bytesPerSecond)
{
    QMutexLocker lock(&m_mutex);
    refill();
    m_rate = std::max<qint64>(0, bytesPerSecond);
    m_capacity = std::max(kMinCapacity, m_rate / 4);
    // A lower cap takes effect at once: no burst saved up under the old one.
    m_tokens = std::min(m_tokens, double(m_capacity));
}

void BandwidthLimiter::refill()
{
    const qint64 now = m_clock();
    if (m_rate == 0) { // no cap: always full, never in debt
        m_tokens = double(m_capacity);
        m_lastMs = now;
        return;
    }
    if (now > m_lastMs) {
        m_tokens =
            std::min(double(m_capacity), m_tokens + double(now - m_lastMs) * m_rate / 1000.0);
        m_lastMs = now;
    }
}

qint64 BandwidthLimiter::take(qint64 wanted)
{
    QMutexLocker lock(&m_mutex);
    if (m_rate == 0)
        return std::max<qint64>(0, wanted);
    refill();
    const qint64 granted = std::clamp<qint64>(qint64(m_tokens), 0, std::max<qint64>(0, wanted));
    m_tokens -= double(granted);
    return granted;
}

void BandwidthLimiter::charge(qint64 bytes)
{
    QMutexLocker lock(&m_mutex);
    refill();
    m_tokens -= double(bytes);
}

bool BandwidthLimiter::available()
{
    QMutexLocker lock(&m_mutex);
    refill();
    return m_tokens >= 0.0;
}

int BandwidthLimiter::msUntilAvailable(qint64 bytes)
{
    QMutexLocker lock(&m_mutex);
    refill();
    const double needed = double(std::clamp<qint64>(bytes, 0, m_capacity));
    if (m_tokens >= needed || m_rate == 0)
        return 0;
    // At least a few milliseconds: waking for a handful of bytes would only burn CPU.
    const double ms = std::ceil((needed - m_tokens) * 1000.0 / double(m_rate));
    return int(std::clamp(ms, 5.0, 60'000.0));
}

} // namespace blobferry::net
