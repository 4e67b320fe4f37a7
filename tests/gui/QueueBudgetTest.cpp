// SPDX-License-Identifier: MIT
// One queue, one budget: batches beyond Settings' "batches at once" wait in Queued and start in
// the queue's order (Move to top changes it, and a restart keeps it); batches running at once
// share one bandwidth cap; a cap lowered in Settings slows the transfer already running.
#include "MainWindow.h"
#include "Settings.h"
#include "TransferManager.h"
#include "TransferQueueModel.h"
#include "WindowDriver.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <catch2/catch.hpp>

using namespace blobferry;
using namespace blobferry::test;
using blobferry::transfer::TransferState;
using ui::MainWindow;
using ui::QueueRow;
using ui::TransferQueueModel;

namespace {

constexpr qint64 kMegabit = 125'000; // bytes per second of one Mbit/s
// How far a measured rate may exceed the cap: progress reports lag, a bucket starts full.
constexpr double kSlack = 1.5;

enum class Side
{
    Local, // files to drop (uploads: a file's bytes count once each block is sent)
    Blobs, // blobs to download (their bytes count as they arrive)
};

// A container on the run's Azurite, the files, and the window's settings.
struct Budget
{
    Budget(const char *prefix, int jobsAtOnce, double capMbps,
           const QList<QPair<QString, qint64>> &files, Side side = Side::Local)
        : files(files)
    {
        container = newContainer(service, prefix);
        for (const auto &[name, size] : files) {
            if (side == Side::Local)
                local.write(name, size);
            else
                service.putBlob(container, name, TestTree::contentFor(name, size));
        }
        ui::Settings settings = ui::Settings::load();
        settings.capMbps = capMbps;
        settings.concurrency = 2;
        settings.blockSizeMiB = 1;
        settings.save();
        // Settings' "Batches at once", by its key (the test also ran before the setting was).
        ui::Settings::open()->setValue(QStringLiteral("transfers/jobsAtOnce"), jobsAtOnce);
    }
    // Each file dropped on its own: one batch each, in this order.
    void dropEach(MainWindow &window) const
    {
        openAndWait(window, container);
        for (const auto &file : files)
            window.uploadUrls({QUrl::fromLocalFile(local.filePath(file.first))});
    }
    // Each blob downloaded on its own (selected, Download…): one batch each, in this order.
    void downloadEach(MainWindow &window) const
    {
        openAndWait(window, container);
        QTableView *view = window.blobView();
        for (const auto &file : files) {
            view->clearSelection();
            for (int i = 0; i < view->model()->rowCount(); ++i)
                if (view->model()->index(i, 0).data().toString() == file.first)
                    view->selectRow(i);
            REQUIRE(view->selectionModel()->selectedRows().size() == 1);
            window.downloadSelectionTo(target.path());
        }
    }
    void checkDownloaded() const
    {
        for (const auto &[name, size] : files) {
            INFO(name.toStdString());
            CHECK(readFile(QDir(target.path()).filePath(name)) == TestTree::contentFor(name, size));
        }
    }
    void checkUploaded() const
    {
        for (const auto &[name, size] : files) {
            INFO(name.toStdString());
            CHECK(service.getBlob(container, name) == TestTree::contentFor(name, size));
        }
    }
    TestService service;
    QString container;
    TestTree local;
    QTemporaryDir target;
    QList<QPair<QString, qint64>> files;
};

bool isActive(const MainWindow &window, const QString &name)
{
    const QueueRow *row = rowNamed(window, name);
    return row && row->state == TransferState::Active;
}

bool isMoving(const MainWindow &window, const QString &name)
{
    const QueueRow *row = rowNamed(window, name);
    return row && row->state == TransferState::Active && row->done > 0;
}

// The names of the files as they reach a final state.
QStringList *recordEnds(const MainWindow &window)
{
    auto *ended = new QStringList;
    QObject::connect(window.queue(), &TransferQueueModel::fileEnded, window.queue(),
                     [ended](const QueueRow &row) { ended->append(row.name); });
    return ended;
}

// Bytes per second the queue moved over about `ms` (the rows' figures).
double measureRate(const MainWindow &window, int ms)
{
    QElapsedTimer clock;
    clock.start();
    const qint64 before = window.queue()->bytesMoved();
    QTest::qWait(ms);
    const qint64 moved = window.queue()->bytesMoved() - before;
    return double(moved) * 1000.0 / double(clock.elapsed());
}

} // namespace

TEST_CASE("budget: with one batch at once, later drops wait in Queued while the first runs, "
          "then all complete byte-exact in the order dropped")
{
    const Budget budget("budgetwait", 1, 2,
                        {{QStringLiteral("a.bin"), 512 * 1024},
                         {QStringLiteral("b.bin"), 64 * 1024},
                         {QStringLiteral("c.bin"), 64 * 1024}});
    auto window = openWindow();
    std::unique_ptr<QStringList> ended(recordEnds(*window));
    budget.dropEach(*window);

    REQUIRE(QTest::qWaitFor([&] { return isActive(*window, QStringLiteral("a.bin")); }, kWaitMs));
    for (const char *waiting : {"b.bin", "c.bin"}) {
        const QueueRow *row = rowNamed(*window, QString::fromLatin1(waiting));
        INFO(waiting);
        REQUIRE(row);
        CHECK(row->state == TransferState::Queued);
    }
    CHECK(window->queue()->count(TransferState::Active) == 1);
    REQUIRE(QTest::qWaitFor([&] { return window->queueView(kQueuedTab)->model()->rowCount() == 2; },
                            kWaitMs));

    int mostActive = 0;
    REQUIRE(QTest::qWaitFor(
        [&] {
            mostActive = std::max(mostActive, window->queue()->count(TransferState::Active));
            return completed(*window) == 3;
        },
        kWaitMs));
    CHECK(mostActive == 1);
    CHECK(ended->join(QLatin1Char(' ')).toStdString() == "a.bin b.bin c.bin");
    budget.checkUploaded();
}

TEST_CASE("budget: two batches running at once share one bandwidth cap")
{
    const Budget budget(
        "budgetcap", 2, 2,
        {{QStringLiteral("a.bin"), 1024 * 1024}, {QStringLiteral("b.bin"), 1024 * 1024}},
        Side::Blobs);
    auto window = openWindow();
    budget.downloadEach(*window);
    REQUIRE(QTest::qWaitFor(
        [&] {
            return isMoving(*window, QStringLiteral("a.bin")) &&
                   isMoving(*window, QStringLiteral("b.bin"));
        },
        kWaitMs));
    // Each under a cap of its own would move twice the cap together.
    const double rate = measureRate(*window, 3000);
    INFO("bytes per second: " << rate);
    CHECK(rate <= kSlack * 2 * kMegabit);
    REQUIRE(QTest::qWaitFor([&] { return completed(*window) == 2; }, kWaitMs));
    budget.checkDownloaded();
}

TEST_CASE("budget: a cap lowered in Settings slows the transfer already running, in the same "
          "row, without restarting it")
{
    const Budget budget("budgetlower", 3, 8, {{QStringLiteral("big.bin"), 6 * 1024 * 1024}},
                        Side::Blobs);
    auto window = openWindow();
    budget.downloadEach(*window);
    REQUIRE(QTest::qWaitFor(
        [&] {
            const QueueRow *row = rowNamed(*window, QStringLiteral("big.bin"));
            return row && row->done >= 1024 * 1024;
        },
        kWaitMs));
    const int job = rowNamed(*window, QStringLiteral("big.bin"))->job;

    setCapInSettings(*window, 1);
    // What the old cap granted before the change (up to a quarter second of it) still
    // arrives: a user judges the new speed a moment later, and so does this.
    QTest::qWait(1000);
    const double rate = measureRate(*window, 3000);
    INFO("bytes per second: " << rate);
    CHECK(rate <= kSlack * kMegabit);
    const QueueRow *row = rowNamed(*window, QStringLiteral("big.bin"));
    REQUIRE(row);
    CHECK(row->state == TransferState::Active);

    setCapInSettings(*window, 0); // no limit: the rest goes at once
    REQUIRE(QTest::qWaitFor([&] { return completed(*window) == 1; }, kWaitMs));
    CHECK(window->queue()->rowCount() == 1);
    CHECK(window->queue()->row(0).job == job);
    const QString log = logText(*window);
    INFO(log.toStdString());
    CHECK(log.count(QStringLiteral("Queued: ")) == 1);
    CHECK_FALSE(log.contains(QStringLiteral("Paused")));
    CHECK_FALSE(log.contains(QStringLiteral("Resum")));
    budget.checkDownloaded();
}

TEST_CASE("budget: Move to top makes a waiting batch start before the others, and the order "
          "survives a restart")
{
    const Budget budget("budgetorder", 1, 2,
                        {{QStringLiteral("a.bin"), 1024 * 1024},
                         {QStringLiteral("b.bin"), 64 * 1024},
                         {QStringLiteral("c.bin"), 64 * 1024}});
    {
        auto window = openWindow();
        budget.dropEach(*window);
        REQUIRE(
            QTest::qWaitFor([&] { return isActive(*window, QStringLiteral("a.bin")); }, kWaitMs));
        // c's row in the Queued tab, selected as a click would, moved to the top.
        waitForRows(*window, kQueuedTab, 2);
        onQueueRow(*window, kQueuedTab, QStringLiteral("c.bin"), "moveTopAction");
        CHECK(tabNames(*window, kQueuedTab) == "c.bin b.bin");

        for (QAction *action : window->findChildren<QAction *>())
            if (action->text() == QStringLiteral("Pause all"))
                action->trigger();
        REQUIRE(QTest::qWaitFor([&] { return window->transfers()->isIdle(); }, kWaitMs));
        REQUIRE(completed(*window) == 0);
        window->close();
        REQUIRE(QTest::qWaitFor([&] { return !window->isVisible(); }, kWaitMs));
    }
    auto window = openWindow();
    std::unique_ptr<QStringList> ended(recordEnds(*window));
    REQUIRE(window->queue()->count(TransferState::Paused) == 3);
    // The Queued tab lists them in the order they will start.
    CHECK(tabNames(*window, kQueuedTab) == "c.bin a.bin b.bin");
    triggerWhenOffered(*window, "resumeAllAction");
    REQUIRE(QTest::qWaitFor([&] { return completed(*window) == 3; }, kWaitMs));
    INFO(logText(*window).toStdString());
    // c is first in the queue now, before the batch that ran when it was moved (as in
    // qBittorrent: the top of the queue starts first), then a, then b.
    CHECK(ended->join(QLatin1Char(' ')).toStdString() == "c.bin a.bin b.bin");
    budget.checkUploaded();
}

TEST_CASE("budget: Move to top and Move to bottom move the batch's row in the Queued tab, and the "
          "batch on top starts next")
{
    const Budget budget("budgetmove", 1, 2,
                        {{QStringLiteral("a.bin"), 1024 * 1024},
                         {QStringLiteral("b.bin"), 64 * 1024},
                         {QStringLiteral("c.bin"), 64 * 1024},
                         {QStringLiteral("d.bin"), 64 * 1024}});
    auto window = openWindow();
    std::unique_ptr<QStringList> ended(recordEnds(*window));
    budget.dropEach(*window);
    REQUIRE(QTest::qWaitFor([&] { return isActive(*window, QStringLiteral("a.bin")); }, kWaitMs));
    waitForRows(*window, kQueuedTab, 3);
    CHECK(tabNames(*window, kQueuedTab) == "b.bin c.bin d.bin");

    onQueueRow(*window, kQueuedTab, QStringLiteral("d.bin"), "moveTopAction");
    CHECK(tabNames(*window, kQueuedTab) == "d.bin b.bin c.bin");
    onQueueRow(*window, kQueuedTab, QStringLiteral("b.bin"), "moveBottomAction");
    CHECK(tabNames(*window, kQueuedTab) == "d.bin c.bin b.bin");
    CHECK(isActive(*window, QStringLiteral("a.bin"))); // the running batch goes on

    REQUIRE(QTest::qWaitFor([&] { return completed(*window) == 4; }, kWaitMs));
    INFO(logText(*window).toStdString());
    CHECK(ended->join(QLatin1Char(' ')).toStdString() == "a.bin d.bin c.bin b.bin");
    budget.checkUploaded();
}
