// SPDX-License-Identifier: MIT
#pragma once

#include "transfer/TransferEvents.h"

#include <QHash>

namespace blobferry::ui {

// The running jobs' overall speed for the status bar: bytes moved between two samples,
// smoothed, and the bytes done and known of the jobs it follows.
class ThroughputMeter final
{
public:
    struct Reading
    {
        double bytesPerSecond = 0; // smoothed
        qint64 done = 0;
        qint64 total = 0;
    };

    // A job's latest progress.
    void update(int job, const transfer::ProgressSnapshot &snapshot);
    // A job that ended: its bytes leave done and total (what it moved stays in the speed).
    void remove(int job);
    // Once per tick, at nowMs of a steady clock.
    Reading sample(qint64 nowMs);

private:
    QHash<int, transfer::ProgressSnapshot> m_snapshots;
    qint64 m_bytesMoved = 0;
    qint64 m_lastBytes = 0;
    qint64 m_lastMs = 0;
    double m_speed = 0;
};

} // namespace blobferry::ui
