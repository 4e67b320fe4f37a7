// SPDX-License-Identifier: MIT
// The figures a user reads beside the queue: a row's speed, the status bar's totals and its
// text, through a pause, a resume and a listing still going, on a fake clock.
#include "StatusWidgets.h"
#include "ThroughputMeter.h"
#include "TransferQueueModel.h"

#include <catch2/catch.hpp>

using namespace blobferry;
using transfer::TransferState;
using ui::QueueFigures;
using ui::SpeedWindow;
using ui::ThroughputMeter;
using ui::TransferQueueModel;

namespace {

constexpr int kJob = 1;
constexpr qint64 kCap = 5'000'000; // bytes per second
constexpr qint64 kSize = 300'000'000;
const QString kName = QStringLiteral("big.bin");

// A queue with one 300 MB download on a fake clock, and its meter.
struct Queue
{
    TransferQueueModel model;
    ThroughputMeter meter;
    qint64 now = 0;
    qint64 bytes = 0; // what the engine says the file has
    double highestRow = 0;
    double highestTotal = 0;

    Queue()
    {
        model.setClock([this] { return now; });
        model.addFiles(kJob, ui::Direction::Download, {{kName, kSize}});
    }
    const ui::QueueRow &row() const { return model.row(0); }
    ThroughputMeter::Reading sample(bool running = true)
    {
        return meter.sample(now, model.bytesMoved(), running, model.figures({kJob}), false);
    }
    // The engine's reports every 250 ms for `ms`, the file moving at `rate`; the status bar
    // samples every 500 ms. Keeps the highest speeds shown.
    void run(qint64 ms, qint64 rate)
    {
        for (qint64 until = now + ms; now < until;) {
            now += 250;
            bytes += rate / 4;
            model.setProgress(kJob, {{kName, bytes}});
            highestRow = std::max(highestRow, row().speed);
            if (now % 500 == 0)
                highestTotal = std::max(highestTotal, sample().bytesPerSecond);
        }
    }
};

} // namespace

TEST_CASE("a resumed download's part already on disk is neither speed nor missing from the "
          "totals",
          "[figures]")
{
    Queue queue;
    queue.sample();
    queue.model.setStarted(kJob, kName);
    queue.run(35'000, kCap); // 175 MB, 58%
    REQUIRE(queue.row().done == 175'000'000);
    queue.model.pauseJob(kJob);
    CHECK(queue.row().speed == 0);
    CHECK(queue.sample(false).bytesPerSecond == 0); // paused: no speed

    // Resumed: the new engine says 0 first, then credits the 175 MB found on disk at once.
    queue.now += 30'000;
    queue.highestRow = queue.highestTotal = 0;
    queue.model.unpauseJob(kJob);
    ThroughputMeter::Reading resumed = queue.sample();
    // Not "0 bytes / 300 MB" beside a row at 58%.
    CHECK(resumed.figures.bytesDone == 175'000'000);
    CHECK(resumed.figures.bytesTotal == kSize);
    queue.model.setStarted(kJob, kName);
    queue.bytes = 0;
    queue.model.setProgress(kJob, {{kName, 0}});
    CHECK(queue.row().done == 175'000'000); // the row does not drop to 0% meanwhile
    CHECK(queue.sample().figures.bytesDone == 175'000'000);
    queue.bytes = 175'000'000 - kCap / 4; // the credit, in the next report
    queue.run(20'000, kCap);
    CHECK(queue.row().done == 175'000'000 + 19 * kCap + 3 * kCap / 4);
    // The window sees only what moved at the cap: never the credit.
    CHECK(queue.highestRow <= kCap * 1.001);
    CHECK(queue.highestTotal <= kCap * 1.001);
    CHECK(queue.row().speed == Approx(kCap));
    CHECK(queue.sample().bytesPerSecond == Approx(kCap));
    CHECK(queue.sample().figures.bytesDone == queue.row().done);
}

TEST_CASE("a file that completes adds its last bytes to the speed, a finished job's rows stay "
          "in its totals",
          "[figures]")
{
    Queue queue;
    queue.model.addFiles(kJob, ui::Direction::Download, {{QStringLiteral("small.bin"), 1000}});
    queue.sample();
    queue.model.setStarted(kJob, kName);
    queue.run(2000, kCap);
    transfer::FileOutcome small;
    small.name = QStringLiteral("small.bin");
    small.state = TransferState::Completed;
    queue.model.setStarted(kJob, small.name);
    queue.model.setOutcome(kJob, small);
    CHECK(queue.model.bytesMoved() == 2 * kCap + 1000);
    const QueueFigures figures = queue.model.figures({kJob});
    CHECK(figures.files == 2);
    CHECK(figures.filesDone == 1);
    CHECK(figures.bytesDone == 2 * kCap + 1000);
    CHECK(figures.bytesTotal == kSize + 1000);
    CHECK(queue.model.figures({}).files == 0);
}

TEST_CASE("while a job still lists its files the status bar says it is counting, not a final "
          "figure",
          "[figures]")
{
    ThroughputMeter::Reading reading;
    reading.counting = true;
    reading.figures.files = 6225;
    reading.figures.filesDone = 1362;
    reading.figures.bytesDone = 890'000;
    reading.figures.bytesTotal = 1'000'000;
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    ui::OverallStatus status = ui::overallStatus(reading);
    CHECK(status.visible);
    CHECK(status.text == QStringLiteral("counting… 1,362 of 6,225+ files"));
    CHECK(status.toolTip.contains(QStringLiteral("still being listed")));
    CHECK(status.speed.isEmpty());

    reading.figures = {};
    CHECK(ui::overallStatus(reading).text == QStringLiteral("counting…"));
    CHECK(ui::overallStatus(reading).visible);

    reading.counting = false;
    reading.figures.files = 2;
    reading.figures.bytesDone = 1024;
    reading.figures.bytesTotal = 2048;
    reading.bytesPerSecond = 0.5;
    status = ui::overallStatus(reading);
    CHECK(status.text == ui::formatBytes(1024) + QStringLiteral(" / ") + ui::formatBytes(2048));
    CHECK(status.permille == 500);
    CHECK(status.speed.isEmpty()); // no "0 bytes/s"
    reading.bytesPerSecond = 2048;
    CHECK(ui::overallStatus(reading).speed == ui::formatBytes(2048) + QStringLiteral("/s"));
    // Idle: nothing shown.
    CHECK_FALSE(ui::overallStatus({}).visible);
    CHECK(ui::overallStatus({}).text.isEmpty());
}
