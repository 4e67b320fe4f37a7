// SPDX-License-Identifier: MIT
#include "ThroughputMeter.h"

#include <algorithm>

namespace blobferry::ui {

namespace {
// Weight of the newest interval in the smoothed speed.
constexpr double kNewWeight = 0.4;
constexpr double kQuietBytesPerSecond = 1024;
} // namespace

void ThroughputMeter::update(int job, const transfer::ProgressSnapshot &snapshot)
{
    const transfer::ProgressSnapshot previous = m_snapshots.value(job);
    m_bytesMoved += std::max<qint64>(0, snapshot.bytesDone - previous.bytesDone);
    m_snapshots.insert(job, snapshot);
}

void ThroughputMeter::remove(int job)
{
    m_snapshots.remove(job);
}

ThroughputMeter::Reading ThroughputMeter::sample(qint64 nowMs)
{
    if (nowMs > m_lastMs) {
        const double instant =
            double(m_bytesMoved - m_lastBytes) * 1000.0 / double(nowMs - m_lastMs);
        m_speed = (1 - kNewWeight) * m_speed + kNewWeight * instant;
        // A decaying tail is not a speed: with nothing running, or nothing moved and under
        // 1 KiB/s left, the status bar shows nothing ("1 bytes/s" when idle said otherwise).
        if (m_snapshots.isEmpty() || (instant == 0 && m_speed < kQuietBytesPerSecond))
            m_speed = 0;
    }
    m_lastBytes = m_bytesMoved;
    m_lastMs = nowMs;
    Reading reading;
    reading.bytesPerSecond = m_speed;
    for (const transfer::ProgressSnapshot &snapshot : std::as_const(m_snapshots)) {
        reading.done += snapshot.bytesDone;
        reading.total += snapshot.bytesKnown;
    }
    return reading;
}

} // namespace blobferry::ui
