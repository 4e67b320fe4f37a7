// SPDX-License-Identifier: MIT
// Benchmark equipment (not a test): one transfer through the real main window's queue, as a
// user starts it, on the "Local emulator" account (BLOBFERRY_EMULATOR_ENDPOINT):
//   blobferry-gui-transfer upload LOCAL_PATH CONTAINER     (a drop onto the container's root)
//   blobferry-gui-transfer download CONTAINER DIRECTORY    (everything selected, "Download to…")
// Prints "elapsed_s S": from the user's action to the last row in Completed, so the window's
// own start-up (and, for a download, browsing to the container) is not counted, as a user
// does those once. Exits 1, with the queue and the log, if a row fails or it takes over 10
// minutes. Run by scripts/bench (tool "window") through tests/fixtures/gui-session.sh.
#include "Accounts.h"
#include "BlobListModel.h"
#include "MainWindow.h"
#include "TransferManager.h"
#include "TransferQueueModel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QPlainTextEdit>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QUrl>
#include <cstdio>

using namespace blobferry;
using Tab = ui::TransferQueueModel::Tab;

namespace {

constexpr int kLimitMs = 10 * 60 * 1000;

int fail(const ui::MainWindow &window, const char *why)
{
    std::fprintf(stderr, "gui-transfer: %s\n", why);
    const ui::TransferQueueModel *queue = window.queue();
    for (int i = 0; i < queue->rowCount(); ++i) {
        const ui::QueueRow &row = queue->row(i);
        std::fprintf(stderr, "  %s: state %d, %lld of %lld bytes, %s\n", qPrintable(row.name),
                     int(row.state), row.done, row.size, qPrintable(row.status));
    }
    if (const auto *log = window.findChild<QPlainTextEdit *>(QStringLiteral("logView")))
        std::fprintf(stderr, "the log:\n%s\n", qPrintable(log->toPlainText()));
    return 1;
}

// Runs the event loop, as a user's session does (QTest::qWait sleeps between its passes, which
// would slow the window's thread), until `done` holds; false after kLimitMs.
template<typename Done> bool runUntil(Done done)
{
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, [&] {
        if (done())
            loop.quit();
    });
    poll.start(20);
    QTimer::singleShot(kLimitMs, &loop, [&] { loop.exit(1); });
    return !done() ? loop.exec() == 0 : true;
}

// Until the job has ended with every row in Completed (rows arrive as the engine finds the
// files, so an empty Active tab alone is not the end); false on a failed row or a stall.
bool waitUntilDone(const ui::MainWindow &window)
{
    const ui::TransferQueueModel *queue = window.queue();
    bool ended = false;
    QObject::connect(window.transfers(), &ui::TransferManager::jobEnded, [&] { ended = true; });
    const bool finished = runUntil([&] {
        return queue->count(Tab::Failed) > 0 ||
               (ended && queue->count(Tab::Queued) == 0 && queue->count(Tab::Active) == 0);
    });
    return finished && queue->count(Tab::Failed) == 0;
}

// Opens the container and loads every page of its root, as a user scrolling to the end would.
bool browse(ui::MainWindow &window, const QString &container)
{
    window.openContainer(QString::fromLatin1(ui::Account::kEmulatorId), container);
    ui::BlobListModel *blobs = window.blobs();
    return runUntil([&] {
        if (blobs->isLoading())
            return false;
        if (!blobs->canFetchMore({}))
            return blobs->rowCount() > 0;
        blobs->fetchMore({});
        return false;
    });
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool upload = args.value(1) == QLatin1String("upload");
    if (args.size() != 4 || (!upload && args.value(1) != QLatin1String("download"))) {
        std::fprintf(stderr, "usage: blobferry-gui-transfer upload LOCAL_PATH CONTAINER | "
                             "download CONTAINER DIRECTORY\n");
        return 2;
    }
    ui::MainWindow window;
    window.resize(1280, 800);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return fail(window, "the window was never shown");

    QElapsedTimer timer;
    if (upload) {
        const QString source = QFileInfo(args.at(2)).absoluteFilePath();
        timer.start();
        window.uploadUrls({QUrl::fromLocalFile(source)},
                          QString::fromLatin1(ui::Account::kEmulatorId), args.at(3));
    } else {
        if (!browse(window, args.at(2)))
            return fail(window, "the container's listing did not load");
        window.blobView()->setFocus();
        window.blobView()->selectAll();
        timer.start();
        window.downloadSelectionTo(QFileInfo(args.at(3)).absoluteFilePath());
    }
    if (!waitUntilDone(window))
        return fail(window, "the transfer did not complete");
    const double elapsed = double(timer.nsecsElapsed()) / 1e9;
    std::printf("files %d\nelapsed_s %.3f\n", window.queue()->count(Tab::Completed), elapsed);
    return 0;
}
