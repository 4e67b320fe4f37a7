// SPDX-License-Identifier: MIT
// The status bar's overall speed and progress over the running jobs.
#include "ThroughputMeter.h"

#include <catch2/catch.hpp>

using namespace blobferry;
using ui::ThroughputMeter;

namespace {

transfer::ProgressSnapshot snapshot(qint64 done, qint64 known)
{
    transfer::ProgressSnapshot snapshot;
    snapshot.bytesDone = done;
    snapshot.bytesKnown = known;
    return snapshot;
}

} // namespace

TEST_CASE("the meter adds up the jobs' bytes and smooths their speed", "[throughput]")
{
    ThroughputMeter meter;
    ThroughputMeter::Reading idle = meter.sample(0);
    CHECK(idle.bytesPerSecond == 0);
    CHECK(idle.done == 0);
    CHECK(idle.total == 0);

    // Two jobs move 1,000,000 bytes in the first half second: 2 MB/s at once, weighed 0.4.
    meter.update(1, snapshot(600'000, 4'000'000));
    meter.update(2, snapshot(400'000, 1'000'000));
    ThroughputMeter::Reading first = meter.sample(500);
    CHECK(first.bytesPerSecond == Approx(0.4 * 2'000'000));
    CHECK(first.done == 1'000'000);
    CHECK(first.total == 5'000'000);

    // Nothing moves for the next half second: the speed decays, it does not drop to zero.
    ThroughputMeter::Reading still = meter.sample(1000);
    CHECK(still.bytesPerSecond == Approx(0.6 * 0.4 * 2'000'000));
    CHECK(still.done == 1'000'000);

    // A file that starts again takes nothing back from the speed; what it sends again counts.
    // A job that ended leaves done and total.
    meter.update(1, snapshot(500'000, 4'000'000)); // a restarted file goes back
    meter.update(1, snapshot(700'000, 4'000'000)); // 200,000 more than 500,000
    meter.remove(2);
    ThroughputMeter::Reading later = meter.sample(1500);
    CHECK(later.done == 700'000);
    CHECK(later.total == 4'000'000);
    CHECK(later.bytesPerSecond == Approx(0.6 * 0.6 * 0.4 * 2'000'000 + 0.4 * 400'000));

    // Two samples at the same moment do not divide by zero.
    ThroughputMeter::Reading same = meter.sample(1500);
    CHECK(same.bytesPerSecond == Approx(later.bytesPerSecond));
}

TEST_CASE("the speed clears when every job has ended, and when what is left is a tail",
          "[throughput]")
{
    ThroughputMeter meter;
    meter.sample(0);
    meter.update(1, snapshot(10'000'000, 20'000'000));
    CHECK(meter.sample(500).bytesPerSecond > 1'000'000);
    // Stalled: the speed decays while the job runs, then clears once under 1 KiB/s.
    qint64 now = 500;
    double speed = 1;
    for (int tick = 0; tick < 60 && speed > 0; ++tick)
        speed = meter.sample(now += 500).bytesPerSecond;
    CHECK(speed == 0);
    // Moving again shows again; the job's end clears it at once.
    meter.update(1, snapshot(11'000'000, 20'000'000));
    CHECK(meter.sample(now += 500).bytesPerSecond > 0);
    meter.remove(1);
    CHECK(meter.sample(now += 500).bytesPerSecond == 0);
}
