// SPDX-License-Identifier: MIT
// Benchmark (not a test): 100,000 files queued into the real main window's queue, as engines
// report them (batches of 5,000). Prints, one "key value" per line: the insertion time until
// every tab's view has caught up, the process's memory, the time of a full repaint of the
// visible rows, the cost of one coalesced progress update with 64 files active, of one save
// of the queue file (about once a second while transfers run, on a thread of its own), and
// what such a save costs the GUI thread (the copy of the rows).
// Run by scripts/bench-gui, offscreen, with a throwaway HOME.
#include "MainWindow.h"
#include "QueueStore.h"
#include "TransferQueueModel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cstdio>

using namespace blobferry;

namespace {

// "VmRSS:  123 kB" lines of /proc/self/status, in MiB.
double statusMiB(const char *key)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(int(qstrlen(key))).trimmed().split(' ').first().toDouble() / 1024.0;
    return -1;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    constexpr int kBatch = 5000;

    ui::MainWindow window;
    window.resize(1280, 800);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        std::fprintf(stderr, "gui-bench: the window was never exposed\n");
    QCoreApplication::processEvents();
    const double rssBefore = statusMiB("VmRSS:");

    ui::TransferQueueModel *queue = window.queue();
    QElapsedTimer timer;
    timer.start();
    for (int first = 0; first < count; first += kBatch) {
        QList<transfer::QueuedFile> batch;
        batch.reserve(kBatch);
        for (int i = first; i < std::min(count, first + kBatch); ++i)
            batch.append({QStringLiteral("photos/2026/shoot-%1/IMG_%2.CR2").arg(i / 500).arg(i),
                          qint64(20) * 1024 * 1024 + i});
        queue->addFiles(1, ui::Direction::Upload, batch);
        QCoreApplication::processEvents(); // the proxies and views take the rows in
    }
    QCoreApplication::processEvents();
    const double insertMs = double(timer.nsecsElapsed()) / 1e6;
    const double rssAfter = statusMiB("VmRSS:");

    // A full repaint of what the Queued tab shows.
    window.queueTabs()->setCurrentIndex(0);
    QTableView *view = window.queueView(0);
    QCoreApplication::processEvents();
    QList<double> repaints;
    for (int i = 0; i < 20; ++i) {
        timer.restart();
        view->viewport()->repaint();
        repaints.append(double(timer.nsecsElapsed()) / 1e6);
    }

    // Progress: 64 files active, each reporting, then one coalesced flush to the views.
    for (int i = 0; i < 64; ++i)
        queue->setStarted(1, queue->row(i * 1500).name);
    QTest::qWait(150);
    QList<double> updates;
    for (int round = 1; round <= 20; ++round) {
        QList<transfer::FileProgress> progress;
        for (int i = 0; i < 64; ++i)
            progress.append({queue->row(i * 1500).name, qint64(round) * 1024 * 1024});
        timer.restart();
        queue->setProgress(1, progress);
        QTest::qWait(120); // the 100 ms coalescing timer fires inside
        updates.append(double(timer.nsecsElapsed()) / 1e6 - 120.0);
    }

    // The queue file, on the GUI thread, as TransferManager::saveQueue writes it.
    QTemporaryDir stateDir;
    const ui::QueueStore store(stateDir.filePath(QStringLiteral("queue.json")));
    QList<double> saves;
    for (int i = 0; i < 5; ++i) {
        QString error;
        timer.restart();
        if (!store.save({}, queue->rows(), &error))
            std::fprintf(stderr, "gui-bench: cannot save the queue: %s\n", qPrintable(error));
        saves.append(double(timer.nsecsElapsed()) / 1e6);
    }

    // What the GUI thread pays for a save now that it runs elsewhere: the shared copy of the
    // rows, and the model's own copy at its next change (copy-on-write).
    QList<double> snapshots;
    for (int i = 0; i < 5; ++i) {
        timer.restart();
        const QVector<ui::QueueRow> copy = queue->rows();
        queue->setStarted(1, queue->row(i).name);
        snapshots.append(double(timer.nsecsElapsed()) / 1e6);
    }

    std::printf("files %d\n", count);
    std::printf("insert_ms %.1f\n", insertMs);
    std::printf("rss_before_mib %.1f\n", rssBefore);
    std::printf("rss_after_mib %.1f\n", rssAfter);
    std::printf("peak_rss_mib %.1f\n", statusMiB("VmHWM:"));
    std::printf("repaint_ms %.2f\n", median(repaints));
    std::printf("visible_rows %d\n", view->rowAt(view->viewport()->height() - 1) + 1);
    std::printf("progress_update_ms %.2f\n", std::max(0.0, median(updates)));
    std::printf("queue_save_ms %.1f\n", median(saves));
    std::printf("queue_snapshot_ms %.1f\n", median(snapshots));
    return 0;
}
