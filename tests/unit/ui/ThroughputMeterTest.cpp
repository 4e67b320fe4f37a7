// SPDX-License-Identifier: MIT
// The status bar's overall speed: a window of bytes moved, restarted when something runs
// again, and nothing at all when nothing runs or nothing moved for a window.
#include "ThroughputMeter.h"

#include <catch2/catch.hpp>

using namespace blobferry;
using ui::QueueFigures;
using ui::SpeedWindow;
using ui::ThroughputMeter;

TEST_CASE("a speed is the bytes moved over the last window, and nothing until it watched two "
          "seconds",
          "[throughput]")
{
    SpeedWindow window;
    CHECK(window.bytesPerSecond(0) == 0); // never started
    window.restart(1000);
    window.add(1250, 1'000'000); // a quarter second's burst: no figure yet
    CHECK(window.bytesPerSecond(1250) == 0);
    for (qint64 now = 1500; now <= 2750; now += 250)
        window.add(now, 1'000'000);
    CHECK(window.bytesPerSecond(2750) == 0);
    window.add(3000, 1'000'000);
    CHECK(window.bytesPerSecond(3000) == Approx(4'000'000)); // 8 MB over the 2 s watched
    // Past the window only its last five seconds count.
    for (qint64 now = 3250; now <= 10'000; now += 250)
        window.add(now, 250'000);
    CHECK(window.bytesPerSecond(10'000) == Approx(1'000'000));
    // Bytes at the moment of a restart moved before it.
    window.restart(20'000);
    window.add(20'000, 50'000'000);
    window.add(22'000, 2'000'000);
    CHECK(window.bytesPerSecond(22'000) == Approx(1'000'000));
}

TEST_CASE("the meter shows no speed while nothing runs, and clears after a window with nothing "
          "moved",
          "[throughput]")
{
    ThroughputMeter meter;
    QueueFigures figures;
    figures.bytesTotal = 20'000'000;
    CHECK(meter.sample(0, 0, false, {}, false).bytesPerSecond == 0);
    meter.sample(500, 0, true, figures, false); // starts measuring
    qint64 moved = 0;
    qint64 now = 500;
    for (int tick = 0; tick < 4; ++tick)
        meter.sample(now += 500, moved += 1'000'000, true, figures, false);
    CHECK(meter.sample(now += 500, moved += 1'000'000, true, figures, false).bytesPerSecond ==
          Approx(2'000'000));
    // Stalled for a whole window: nothing, not a decaying "1 bytes/s".
    double speed = 1;
    for (qint64 until = now + SpeedWindow::kWindowMs; now < until;)
        speed = meter.sample(now += 500, moved, true, figures, false).bytesPerSecond;
    CHECK(speed == 0);
    // Moving again shows again; the jobs' end (or pause) clears it at once.
    meter.sample(now += 500, moved += 1'000'000, true, figures, false);
    CHECK(meter.sample(now += 500, moved += 1'000'000, true, figures, false).bytesPerSecond > 0);
    CHECK(meter.sample(now += 500, moved, false, {}, false).bytesPerSecond == 0);
    // A resume starts the window again: the paused time does not dilute the speed, and what
    // moved before the pause is not in it.
    meter.sample(now += 60'000, moved, true, figures, false);
    for (int tick = 0; tick < 4; ++tick)
        meter.sample(now += 500, moved += 500'000, true, figures, false);
    CHECK(meter.sample(now, moved, true, figures, false).bytesPerSecond == Approx(1'000'000));
}
