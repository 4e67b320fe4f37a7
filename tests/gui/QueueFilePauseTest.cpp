// SPDX-License-Identifier: MIT
// Pausing one file of a batch in the window's queue, as a user does it: the file stops and
// shows Paused (its part file, or the blocks it sent, kept), the batch's other two files
// complete, and Resume continues the paused one byte-exact from where it stopped. What went
// over the wire is counted by the fault proxy: the file's bytes once, plus at most the block
// (or range) each connection had in flight when it was paused.
#include "MainWindow.h"
#include "Settings.h"
#include "TransferManager.h"
#include "TransferQueueModel.h"
#include "WindowDriver.h"
#include "support/FaultProxyProcess.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QAction>
#include <QDir>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <catch2/catch.hpp>

using namespace blobferry;
using namespace blobferry::test;
using blobferry::transfer::TransferState;
using ui::MainWindow;
using ui::TransferQueueModel;

namespace {

constexpr qint64 kFileSize = 6 * 1024 * 1024;
constexpr qint64 kBlock = 1024 * 1024;
constexpr int kConcurrency = 2;
// Listings and block lists travel as bodies too: a few KiB each, far below one block.
constexpr qint64 kSmallBodies = 256 * 1024;
const QStringList kNames{QStringLiteral("a.bin"), QStringLiteral("b.bin"), QStringLiteral("c.bin")};
const QString kPaused = QStringLiteral("b.bin");

// Slow enough to act mid-file (5 MB/s), two connections, 1 MiB blocks and ranges.
void slowSettings(const QString &journals)
{
    ui::Settings settings = ui::Settings::load();
    settings.capMbps = 40;
    settings.concurrency = kConcurrency;
    settings.blockSizeMiB = int(kBlock / (1024 * 1024));
    settings.journalDirectory = journals;
    settings.save();
}

TransferState stateOf(const MainWindow &window, const QString &name)
{
    const ui::QueueRow *row = rowNamed(window, name);
    return row ? row->state : TransferState::Queued;
}

// Until the file has moved half its bytes; returns how many it showed then.
qint64 waitForHalf(const MainWindow &window, const QString &name)
{
    REQUIRE(QTest::qWaitFor(
        [&] {
            const ui::QueueRow *row = rowNamed(window, name);
            return row && row->done >= kFileSize / 2;
        },
        kWaitMs));
    return rowNamed(window, name)->done;
}

// The paused file shows Paused in the Queued tab, the other two completed, nothing runs.
void waitPausedAndOthersDone(const MainWindow &window)
{
    const bool settled = QTest::qWaitFor(
        [&] {
            return stateOf(window, kPaused) == TransferState::Paused && completed(window) == 2 &&
                   window.transfers()->isIdle();
        },
        kWaitMs);
    INFO(logText(window).toStdString());
    REQUIRE(settled);
    CHECK(stateOf(window, QStringLiteral("a.bin")) == TransferState::Completed);
    CHECK(stateOf(window, QStringLiteral("c.bin")) == TransferState::Completed);
    CHECK(window.queueTabs()->tabText(kQueuedTab) == QStringLiteral("Queued (1)"));
    const QString log = logText(window);
    CHECK(log.contains(QStringLiteral("Paused: b.bin")));
    // Paused is neither cancelled nor failed, and the batch is not "Done" while it waits.
    CHECK_FALSE(log.contains(QStringLiteral("Cancelled: b.bin")));
    CHECK_FALSE(log.contains(QStringLiteral("Failed Transfer: b.bin")));
    CHECK_FALSE(log.contains(QStringLiteral("Done: ")));
}

// The number the engine's "Resuming b.bin: …" line gives first (bytes, or blocks then bytes).
qint64 resumedFrom(const MainWindow &window, const QString &pattern)
{
    const QRegularExpressionMatch said = QRegularExpression(pattern).match(logText(window));
    INFO(logText(window).toStdString());
    REQUIRE(said.hasMatch());
    return said.captured(1).toLongLong();
}

QStringList journalsIn(const QString &directory)
{
    return QDir(directory).entryList({QStringLiteral("*.journal")}, QDir::Files);
}

} // namespace

TEST_CASE("queue: pausing one file of a three-file download lets the other two complete, and "
          "Resume continues it byte-exact from its part file")
{
    TestService service;
    FaultProxyProcess proxy(service.endpoint(), {});
    qputenv("BLOBFERRY_EMULATOR_ENDPOINT", proxy.endpoint().toUtf8());
    const QString container = service.uniqueContainer(QStringLiteral("filepause"));
    service.createContainer(container);
    for (const QString &name : kNames)
        service.putBlob(container, name, TestTree::contentFor(name, kFileSize));
    QTemporaryDir target;
    QTemporaryDir journals;
    slowSettings(journals.path());

    auto window = openWindow();
    openAndWait(*window, container);
    window->blobView()->selectAll();
    window->downloadSelectionTo(target.path());
    const qint64 doneAtPause = waitForHalf(*window, kPaused);
    onQueueRow(*window, kActiveTab, kPaused, "pauseAction");

    waitPausedAndOthersDone(*window);
    const QDir folder(target.path());
    CHECK(folder.entryList(QDir::Files | QDir::Hidden) ==
          QStringList(
              {QStringLiteral("a.bin"), QStringLiteral("b.bin.bfpart"), QStringLiteral("c.bin")}));
    CHECK(rowNamed(*window, kPaused)->done >= doneAtPause);
    CHECK(journalsIn(journals.path()).size() == 1); // what the resume continues from

    onQueueRow(*window, kQueuedTab, kPaused, "resumeAction");
    REQUIRE(QTest::qWaitFor([&] { return completed(*window) == 3; }, kWaitMs));
    for (const QString &name : kNames)
        CHECK(readFile(folder.filePath(name)) == TestTree::contentFor(name, kFileSize));
    CHECK(folder.entryList(QDir::Files | QDir::Hidden) == kNames);
    // It continued from every byte it had when paused, not from the last checkpoint or zero.
    CHECK(resumedFrom(*window, QStringLiteral("Resuming b\\.bin: (\\d+) of")) >= doneAtPause);
    REQUIRE(QTest::qWaitFor([&] { return window->transfers()->isIdle(); }, kWaitMs));
    CHECK(journalsIn(journals.path()).isEmpty());

    proxy.stop(); // its counts are exact once it has stopped
    const qint64 received = proxy.count(QStringLiteral("responseBodyBytesByMethod.GET"));
    INFO("bytes received " << received << ", paused at " << doneAtPause);
    // Starting b.bin again from zero would take doneAtPause (half a file) more than this.
    CHECK(received <= 3 * kFileSize + kConcurrency * kBlock + kSmallBodies);
}

TEST_CASE("queue: pausing one file of a dropped folder lets the other two complete, and Resume "
          "sends only the blocks it had not sent")
{
    TestService service;
    FaultProxyProcess proxy(service.endpoint(), {});
    qputenv("BLOBFERRY_EMULATOR_ENDPOINT", proxy.endpoint().toUtf8());
    const QString container = service.uniqueContainer(QStringLiteral("filepauseup"));
    service.createContainer(container);
    TestTree local;
    for (const QString &name : kNames)
        local.write(QStringLiteral("photos/") + name, kFileSize);
    QTemporaryDir journals;
    slowSettings(journals.path());

    auto window = openWindow();
    openAndWait(*window, container);
    window->uploadUrls({QUrl::fromLocalFile(local.filePath(QStringLiteral("photos")))});
    const qint64 doneAtPause = waitForHalf(*window, kPaused);
    onQueueRow(*window, kActiveTab, kPaused, "pauseAction");

    waitPausedAndOthersDone(*window);
    CHECK(service.blobNames(container) ==
          QStringList({QStringLiteral("photos/a.bin"), QStringLiteral("photos/c.bin")}));
    CHECK(journalsIn(journals.path()).size() == 1);

    onQueueRow(*window, kQueuedTab, kPaused, "resumeAction");
    REQUIRE(QTest::qWaitFor([&] { return completed(*window) == 3; }, kWaitMs));
    for (const QString &name : kNames)
        CHECK(service.getBlob(container, QStringLiteral("photos/") + name) ==
              readFile(local.filePath(QStringLiteral("photos/") + name)));
    // The blocks it had sent when paused were still at the service, uncommitted. The row
    // counts a block's bytes as they go: those of the blocks in flight at the pause (at most
    // one per connection) are sent again.
    CHECK(resumedFrom(*window, QStringLiteral("Resuming b\\.bin: \\d+ of \\d+ blocks \\((\\d+) "
                                              "bytes\\)")) >= doneAtPause - kConcurrency * kBlock);
    REQUIRE(QTest::qWaitFor([&] { return window->transfers()->isIdle(); }, kWaitMs));
    CHECK(journalsIn(journals.path()).isEmpty());

    proxy.stop();
    const qint64 sent = proxy.count(QStringLiteral("requestBodyBytesByMethod.PUT"));
    INFO("bytes sent " << sent << ", paused at " << doneAtPause);
    // Sending b.bin again from zero would take doneAtPause (half a file) more than this.
    CHECK(sent <= 3 * kFileSize + kConcurrency * kBlock + kSmallBodies);
}

TEST_CASE("queue: a file paused one by one stays paused over a quit, Resume all after the restart "
          "completes the others, and its own Resume finishes it byte-exact")
{
    TestService service;
    const QString container = newContainer(service, "filepausequit");
    // The held one is first in line; the others are large enough to be running at the quit.
    const QString held = QStringLiteral("a.bin");
    const QList<QPair<QString, qint64>> files{{held, kFileSize},
                                              {QStringLiteral("b.bin"), 4 * kFileSize},
                                              {QStringLiteral("c.bin"), 4 * kFileSize}};
    for (const auto &[name, size] : files)
        service.putBlob(container, name, TestTree::contentFor(name, size));
    QTemporaryDir target;
    QTemporaryDir journals;
    slowSettings(journals.path());
    const QDir folder(target.path());

    qint64 doneAtPause = 0;
    {
        auto window = openWindow();
        openAndWait(*window, container);
        window->blobView()->selectAll();
        window->downloadSelectionTo(target.path());
        doneAtPause = waitForHalf(*window, held);
        onQueueRow(*window, kActiveTab, held, "pauseAction");
        REQUIRE(QTest::qWaitFor([&] { return stateOf(*window, held) == TransferState::Paused; },
                                kWaitMs));
        INFO(queueSummary(*window));
        REQUIRE(completed(*window) == 0);
        quitContinuingLater(*window);
    }
    ui::Settings settings = ui::Settings::load();
    settings.capMbps = 0; // the rest at full speed
    settings.save();

    auto window = openWindow();
    REQUIRE(window->queue()->count(TransferState::Paused) == 3);
    triggerWhenOffered(*window, "resumeAllAction");
    const bool settled = QTest::qWaitFor(
        [&] { return completed(*window) >= 2 && window->transfers()->isIdle(); }, kWaitMs);
    INFO(queueSummary(*window) << logText(*window).toStdString());
    REQUIRE(settled);
    // The held file is still paused, shown so in the Queued tab; the others are complete.
    CHECK(stateOf(*window, held) == TransferState::Paused);
    CHECK(completed(*window) == 2);
    waitForRows(*window, kQueuedTab, 1);
    CHECK(tabNames(*window, kQueuedTab) == "a.bin");
    CHECK(cell(*window, kQueuedTab, 0, TransferQueueModel::StatusColumn) == "Paused");
    CHECK_FALSE(folder.exists(held));
    CHECK(folder.exists(held + QStringLiteral(".bfpart")));
    for (const auto &[name, size] : files.mid(1))
        CHECK(readFile(folder.filePath(name)) == TestTree::contentFor(name, size));
    // Resume all has nothing more to resume: the held file has a Resume of its own.
    CHECK_FALSE(window->findChild<QAction *>(QStringLiteral("resumeAllAction"))->isEnabled());

    onQueueRow(*window, kQueuedTab, held, "resumeAction");
    waitForCompleted(*window, 3);
    CHECK(readFile(folder.filePath(held)) == TestTree::contentFor(held, kFileSize));
    CHECK(folder.entryList(QDir::Files | QDir::Hidden) == kNames);
    CHECK(resumedFrom(*window, QStringLiteral("Resuming a\\.bin: (\\d+) of")) >= doneAtPause);
    REQUIRE(QTest::qWaitFor([&] { return window->transfers()->isIdle(); }, kWaitMs));
    CHECK(journalsIn(journals.path()).isEmpty());
}
