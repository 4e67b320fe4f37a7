// SPDX-License-Identifier: MIT
#include "ThroughputMeter.h"

#include <algorithm>

namespace blobferry::ui {

void SpeedWindow::restart(qint64 nowMs)
{
    m_moves.clear();
    m_since = nowMs;
}

void SpeedWindow::stop()
{
    m_moves.clear();
    m_moves.squeeze(); // a queue of 100,000 rows keeps no buffer per finished row
    m_since = -1;
}

void SpeedWindow::add(qint64 nowMs, qint64 bytes)
{
    if (m_since < 0 || bytes <= 0 || nowMs <= m_since)
        return; // bytes at the start itself moved before it
    m_moves.append({nowMs, bytes});
}

double SpeedWindow::bytesPerSecond(qint64 nowMs)
{
    if (m_since < 0)
        return 0;
    const qint64 from = std::max(m_since, nowMs - kWindowMs);
    while (!m_moves.isEmpty() && m_moves.constFirst().first <= from)
        m_moves.removeFirst();
    const qint64 span = nowMs - from;
    if (nowMs - m_since < kMinSpanMs || span <= 0)
        return 0;
    qint64 bytes = 0;
    for (const auto &move : std::as_const(m_moves))
        bytes += move.second;
    return double(bytes) * 1000.0 / double(span);
}

ThroughputMeter::Reading ThroughputMeter::sample(qint64 nowMs, qint64 bytesMoved, bool running,
                                                 const QueueFigures &figures, bool counting)
{
    Reading reading;
    reading.figures = figures;
    reading.counting = running && counting;
    if (!running) {
        m_window.stop(); // idle or paused: no speed, and no tail of one
    } else if (!m_window.isRunning()) {
        m_window.restart(nowMs);
    } else {
        m_window.add(nowMs, bytesMoved - m_lastMoved);
    }
    m_lastMoved = bytesMoved;
    reading.bytesPerSecond = m_window.bytesPerSecond(nowMs);
    return reading;
}

} // namespace blobferry::ui
