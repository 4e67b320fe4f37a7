// SPDX-License-Identifier: MIT
// Cancel and Retry in the window's queue, as a user sees them: a cancelled download leaves no
// part file in the user's folder and no journal in the state directory, and is counted as
// cancelled; a failed download's Retry continues from its part file; journals no queued job
// refers to are removed at the next start.
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
#include <QFile>
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

constexpr qint64 kSize = 24 * 1024 * 1024;

// A download slow enough to act on mid-file (5 MB/s), its journals in `journals`.
void slowSettings(const QString &journals, int retries = ui::Settings{}.retries)
{
    ui::Settings settings = ui::Settings::load();
    settings.capMbps = 40;
    settings.concurrency = 2;
    settings.blockSizeMiB = 1;
    settings.retries = retries;
    settings.journalDirectory = journals;
    settings.save();
}

QStringList entries(const QString &directory)
{
    return QDir(directory).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
}

QStringList journalsIn(const QString &directory)
{
    return QDir(directory).entryList({QStringLiteral("*.journal")}, QDir::Files);
}

void startDownload(MainWindow &window, const QString &container, const QString &target)
{
    openAndWait(window, container);
    window.blobView()->selectAll();
    window.downloadSelectionTo(target);
    REQUIRE(QTest::qWaitFor(
        [&] { return window.queue()->rowCount() == 1 && window.queue()->row(0).done > kSize / 5; },
        kWaitMs));
}

// Selects the only row of a tab, as a click would, and triggers the named action.
void onOnlyRow(MainWindow &window, int tab, const char *action)
{
    REQUIRE(
        QTest::qWaitFor([&] { return window.queueView(tab)->model()->rowCount() == 1; }, kWaitMs));
    window.queueTabs()->setCurrentIndex(tab);
    window.queueView(tab)->selectAll();
    triggerWhenOffered(window, action);
}

// One 24 MiB blob in a new container, a folder to download it to and one for the journals,
// the settings slow enough to act mid-file.
struct BigBlob
{
    explicit BigBlob(const char *prefix, int retries = ui::Settings{}.retries)
    {
        container = newContainer(service, prefix);
        service.putBlob(container, QStringLiteral("big.bin"), content);
        slowSettings(journals.path(), retries);
    }
    TestService service;
    QString container;
    const QByteArray content = TestTree::contentFor(QStringLiteral("big.bin"), kSize);
    QTemporaryDir target;
    QTemporaryDir journals;
};

} // namespace

TEST_CASE("cancel: a download cancelled mid-file leaves no part file and no journal, and is "
          "counted as cancelled, not failed")
{
    BigBlob blob("cancel");

    auto window = openWindow();
    startDownload(*window, blob.container, blob.target.path());
    REQUIRE(entries(blob.target.path()).size() == 1); // the part file, while it runs
    onOnlyRow(*window, kActiveTab, "cancelAction");

    REQUIRE(QTest::qWaitFor([&] { return window->transfers()->isIdle(); }, kWaitMs));
    REQUIRE(QTest::qWaitFor([&] { return window->queue()->rowCount() == 0; }, kWaitMs));
    CHECK(entries(blob.target.path()).isEmpty());
    CHECK(journalsIn(blob.journals.path()).isEmpty());
    const QString log = logText(*window);
    INFO(log.toStdString());
    CHECK(log.contains(QStringLiteral("0 failed, 1 cancelled")));
}

TEST_CASE("cancel: a paused download cancelled leaves no part file and no journal")
{
    BigBlob blob("cancelpaused");

    auto window = openWindow();
    startDownload(*window, blob.container, blob.target.path());
    triggerWhenOffered(*window, "pauseAllAction");
    REQUIRE(QTest::qWaitFor([&] { return window->queue()->row(0).state == TransferState::Paused; },
                            kWaitMs));
    REQUIRE(QTest::qWaitFor([&] { return window->transfers()->isIdle(); }, kWaitMs));
    REQUIRE(journalsIn(blob.journals.path()).size() == 1);
    REQUIRE(entries(blob.target.path()).size() == 1);

    onOnlyRow(*window, kQueuedTab, "cancelAction");
    REQUIRE(QTest::qWaitFor([&] { return window->queue()->rowCount() == 0; }, kWaitMs));
    CHECK(entries(blob.target.path()).isEmpty());
    CHECK(journalsIn(blob.journals.path()).isEmpty());
    CHECK(logText(*window).contains(QStringLiteral("Cancelled: ")));
}

TEST_CASE("retry: a download that failed mid-file when the service went away continues from "
          "its part file, byte-exact")
{
    BigBlob blob("retry", 0);
    // The service is reached through a proxy that goes away mid-file, with no retries.
    auto proxy = std::make_unique<FaultProxyProcess>(blob.service.endpoint(), QStringList{});
    qputenv("BLOBFERRY_EMULATOR_ENDPOINT", proxy->endpoint().toUtf8());

    auto window = openWindow();
    startDownload(*window, blob.container, blob.target.path());
    proxy->stop();
    REQUIRE(QTest::qWaitFor([&] { return window->queue()->row(0).state == TransferState::Failed; },
                            kWaitMs));
    const qint64 failedAt = window->queue()->row(0).done;
    INFO("failed at " << failedAt);
    REQUIRE(failedAt > 0);
    REQUIRE(entries(blob.target.path()).size() == 1); // the part file stays for the retry

    // The service is back, where it was.
    const QString port = QString::number(proxy->port());
    proxy = std::make_unique<FaultProxyProcess>(blob.service.endpoint(),
                                                QStringList{QStringLiteral("--port"), port});
    onOnlyRow(*window, kFailedTab, "retryAction");
    const bool finished = QTest::qWaitFor([&] { return completed(*window) == 1; }, kWaitMs);
    INFO("the row: " << window->queue()->row(0).status.toStdString()
                     << "; the log: " << logText(*window).toStdString());
    REQUIRE(finished);
    CHECK(window->queue()->rowCount() == 1); // the same row, not a new one
    CHECK(readFile(QDir(blob.target.path()).filePath(QStringLiteral("big.bin"))) == blob.content);
    CHECK(entries(blob.target.path()) == QStringList{QStringLiteral("big.bin")});
    static const QRegularExpression resuming(QStringLiteral("Resuming big.bin: (\\d+) of"));
    const QRegularExpressionMatch said = resuming.match(logText(*window));
    INFO(logText(*window).toStdString());
    REQUIRE(said.hasMatch());
    CHECK(said.captured(1).toLongLong() > 0);
    REQUIRE(QTest::qWaitFor([&] { return window->transfers()->isIdle(); }, kWaitMs));
    CHECK(journalsIn(blob.journals.path()).isEmpty());
}

TEST_CASE("cancel: a journal no queued job refers to is removed at start, with its part file")
{
    BigBlob blob("orphan");
    {
        auto window = openWindow();
        startDownload(*window, blob.container, blob.target.path());
        window->transfers()->pauseAll();
        REQUIRE(QTest::qWaitFor([&] { return window->transfers()->isIdle(); }, kWaitMs));
        window->transfers()->saveQueue();
        window->close();
    }
    REQUIRE(journalsIn(blob.journals.path()).size() == 1);
    REQUIRE(entries(blob.target.path()).size() == 1);
    // The queue file lost (a crash before its save, an older version): nothing refers to them.
    REQUIRE(QFile::remove(QDir(blob.journals.path()).filePath(QStringLiteral("queue.json"))));

    auto window = openWindow();
    CHECK(window->queue()->rowCount() == 0);
    CHECK(journalsIn(blob.journals.path()).isEmpty());
    CHECK(entries(blob.target.path()).isEmpty());
    CHECK(logText(*window).contains(QStringLiteral("Removed 1 journal of a transfer no longer "
                                                   "queued.")));
}
