// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QPair>
#include <QtGlobal>

namespace blobferry::ui {

// Bytes per second over the last few seconds, measured from the moment it last (re)started:
// a resume starts it again, so time spent paused and bytes that were already there never
// make a speed. Until two seconds have been watched it shows nothing rather than a guess (a
// quarter second of a bandwidth cap's bucket, or a report that reached the window late, would
// read as a burst far above the cap).
class SpeedWindow final
{
public:
    static constexpr qint64 kWindowMs = 5000;
    static constexpr qint64 kMinSpanMs = 2000;

    // Measures from nowMs, forgetting what came before.
    void restart(qint64 nowMs);
    // Nothing is measured: 0 until the next restart.
    void stop();
    bool isRunning() const { return m_since >= 0; }
    // `bytes` moved by nowMs (since the previous add).
    void add(qint64 nowMs, qint64 bytes);
    // Over (max(start, now - window), now]; 0 when stopped or watched under kMinSpanMs.
    double bytesPerSecond(qint64 nowMs);

private:
    QList<QPair<qint64, qint64>> m_moves; // (ms, bytes moved then), oldest first
    qint64 m_since = -1;
};

// What the status bar shows of the running jobs: their files and bytes (those already done
// before a pause or a restart included), and whether any of them is still listing its files.
struct QueueFigures
{
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0; // of the files found so far
    int filesDone = 0;     // completed or skipped
    int files = 0;         // found so far
};

// The running jobs' overall speed for the status bar, from the queue's count of bytes moved
// (which leaves out what a resume found already there), over a SpeedWindow that restarts when
// something runs again after nothing did.
class ThroughputMeter final
{
public:
    struct Reading
    {
        double bytesPerSecond = 0;
        QueueFigures figures;
        bool counting = false; // a running job is still listing: the totals will grow
    };

    // Once per tick, at nowMs of a steady clock. bytesMoved: the queue's count so far;
    // running: whether any job runs (nothing running is no speed, at once).
    Reading sample(qint64 nowMs, qint64 bytesMoved, bool running, const QueueFigures &figures,
                   bool counting);

private:
    SpeedWindow m_window;
    qint64 m_lastMoved = 0;
};

} // namespace blobferry::ui
