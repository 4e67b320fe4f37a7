// SPDX-License-Identifier: MIT
// The window's transfer queue as a user reads it: what each row and tab says, what its menu
// offers, the history a restart brings back, and the question on quitting mid-transfer.
#include "Accounts.h"
#include "BlobListModel.h"
#include "MainWindow.h"
#include "Settings.h"
#include "TransferManager.h"
#include "TransferQueueModel.h"
#include "WindowDriver.h"
#include "support/FaultProxyProcess.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <catch2/catch.hpp>

using namespace blobferry;
using namespace blobferry::test;
using blobferry::transfer::TransferState;
using ui::MainWindow;
using ui::TransferQueueModel;

namespace {

// Selects every row of a tab, the tab shown, as a user's click would.
void selectAll(MainWindow &window, int tab, int rows)
{
    waitForRows(window, tab, rows);
    window.queueTabs()->setCurrentIndex(tab);
    window.queueView(tab)->selectAll();
}

// What a right click on the selected rows offers, one line.
std::string offered(const MainWindow &window, int tab)
{
    QStringList texts;
    for (QAction *action : window.queueView(tab)->actions())
        if (action->isVisible() && action->isEnabled())
            texts.append(action->text());
    return texts.join(QStringLiteral(" | ")).toStdString();
}

void downloadDamaged(MainWindow &window, const QString &container, const QString &target)
{
    openAndWait(window, container);
    QTableView *view = window.blobView();
    view->selectAll();
    window.downloadSelectionTo(target);
    REQUIRE(QTest::qWaitFor(
        [&] { return window.queue()->count(TransferQueueModel::Tab::Failed) == 1; }, kWaitMs));
}

void clickButton(QWidget *modal, const char *name)
{
    auto *button = modal->findChild<QPushButton *>(QString::fromLatin1(name));
    REQUIRE(button);
    button->click();
}

} // namespace

TEST_CASE("queue: a file dropped again unchanged is Skipped with why, its bar full, not "
          "Completed at 0%")
{
    TestService service;
    const QString container = newContainer(service, "skip");
    TestTree local;
    local.write(QStringLiteral("same.bin"), 300 * 1024);

    auto window = openWindow();
    openAndWait(*window, container);
    const QUrl file = QUrl::fromLocalFile(local.filePath(QStringLiteral("same.bin")));
    window->uploadUrls({file});
    waitForCompleted(*window, 1);
    window->uploadUrls({file});
    waitForCompleted(*window, 2);

    REQUIRE(window->queue()->row(1).state == TransferState::Skipped);
    window->queueTabs()->setCurrentIndex(kCompletedTab);
    waitForRows(*window, kCompletedTab, 2);
    CHECK(cell(*window, kCompletedTab, 0, TransferQueueModel::StatusColumn) == "Completed");
    CHECK(cell(*window, kCompletedTab, 0, TransferQueueModel::ProgressColumn) == "100%");
    CHECK(cell(*window, kCompletedTab, 1, TransferQueueModel::StatusColumn) ==
          "Skipped: identical: same size and MD5");
    // No empty 0% bar: a full one, greyed, that says Skipped.
    CHECK(cell(*window, kCompletedTab, 1, TransferQueueModel::ProgressColumn) == "Skipped");
    CHECK(window->queueView(kCompletedTab)
              ->model()
              ->index(1, TransferQueueModel::ProgressColumn)
              .data(TransferQueueModel::ProgressRole)
              .toInt() == 1000);
}

TEST_CASE("queue: a file that starts while another leaves the queue moves from Queued to Active")
{
    auto window = openWindow();
    TransferQueueModel *queue = window->queue();
    // What the engine reports: two files queued; one starts, and in the same moment the other
    // is cancelled (its row removed) before the views heard of the start.
    constexpr int kJob = 9001;
    queue->addFiles(kJob, ui::Direction::Upload,
                    {{QStringLiteral("first.bin"), 10}, {QStringLiteral("second.bin"), 10}});
    REQUIRE(QTest::qWaitFor([&] { return window->queueView(kQueuedTab)->model()->rowCount() == 2; },
                            kWaitMs));
    queue->setStarted(kJob, QStringLiteral("second.bin"));
    queue->removeRows({queue->find(kJob, QStringLiteral("first.bin"))});

    REQUIRE(QTest::qWaitFor([&] { return window->queueView(kActiveTab)->model()->rowCount() == 1; },
                            kWaitMs));
    CHECK(window->queueView(kQueuedTab)->model()->rowCount() == 0);
    CHECK(cell(*window, kActiveTab, 0, TransferQueueModel::StatusColumn) == "Active");
    CHECK(window->queueTabs()->tabText(kQueuedTab) == QStringLiteral("Queued (0)"));
    CHECK(window->queueTabs()->tabText(kActiveTab) == QStringLiteral("Active (1)"));
}

TEST_CASE("queue: the menu offers only what applies to the rows selected, an upload opens its "
          "source folder, and a folder that cannot be opened says so")
{
    TestService service;
    const QString container = newContainer(service, "menu");
    putDamagedBlob(service, container, QStringLiteral("broken.bin"),
                   TestTree::contentFor(QStringLiteral("broken.bin"), 64 * 1024));
    TestTree local;
    local.write(QStringLiteral("sub/up.bin"), 10 * 1024);
    QTemporaryDir target;

    auto window = openWindow();
    QList<QUrl> opened;
    window->setFolderOpener([&](const QUrl &url) {
        opened.append(url);
        return false; // no file manager here
    });
    downloadDamaged(*window, container, target.path());
    openAndWait(*window, container);
    window->uploadUrls({QUrl::fromLocalFile(local.filePath(QStringLiteral("sub/up.bin")))});
    waitForCompleted(*window, 1);
    // A paused file (as one the user paused, or one restored from the last session).
    window->queue()->addFiles(9002, ui::Direction::Download, {{QStringLiteral("later.bin"), 5}});
    window->queue()->pauseJob(9002);

    // Clear finished and Remove failed are there for every tab; the rest as the rows' states say.
    selectAll(*window, kCompletedTab, 1);
    CHECK(offered(*window, kCompletedTab) == "Open source folder | Clear finished | Remove failed");

    selectAll(*window, kFailedTab, 1);
    CHECK(offered(*window, kFailedTab) == "Retry | Open destination folder | Copy error text | "
                                          "Clear finished | Remove failed");

    selectAll(*window, kQueuedTab, 1);
    // A paused batch has a place in the queue's order.
    CHECK(offered(*window, kQueuedTab) ==
          "Resume | Move to top | Move to bottom | Cancel | Clear finished | Remove failed");

    // The upload's source folder, and a message when nothing opens it.
    selectAll(*window, kCompletedTab, 1);
    QString message;
    answerNextModal([&](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        REQUIRE(box);
        message = box->text();
        box->button(QMessageBox::Ok)->click();
    });
    window->findChild<QAction *>(QStringLiteral("openDestinationAction"))->trigger();
    const QString folder = QDir::toNativeSeparators(local.filePath(QStringLiteral("sub")));
    CHECK(opened == QList<QUrl>{QUrl::fromLocalFile(local.filePath(QStringLiteral("sub")))});
    INFO(message.toStdString());
    CHECK(message.contains(folder));
    CHECK(message.contains(QStringLiteral("No program could open the folder")));
}

TEST_CASE("history: completed and failed rows come back after a restart with when they ended "
          "and where from and to, and Clear finished and Remove failed remove them for good")
{
    TestService service;
    const QString container = newContainer(service, "history");
    putDamagedBlob(service, container, QStringLiteral("broken.bin"),
                   TestTree::contentFor(QStringLiteral("broken.bin"), 64 * 1024));
    TestTree local;
    local.writeText(QStringLiteral("notes.txt"), "kept in the history");
    QTemporaryDir target;
    const QString sas = service.accountSas();
    const QString signature = QUrlQuery(sas).queryItemValue(QStringLiteral("sig"));
    REQUIRE(!signature.isEmpty());

    {
        auto window = openWindow();
        downloadDamaged(*window, container, target.path());
        // The upload goes through an account added by SAS URL: its token must show nowhere.
        QString error;
        const auto added =
            ui::AccountStore::fromSasUrl(service.endpoint() + QLatin1Char('?') + sas, &error);
        INFO(error.toStdString());
        REQUIRE(added);
        QString addError = QStringLiteral("pending");
        window->accounts()->add(*added, [&](const QString &why) { addError = why; });
        REQUIRE(QTest::qWaitFor([&] { return addError != QStringLiteral("pending"); }, kWaitMs));
        REQUIRE(addError.isEmpty());
        window->transfers()->upload(added->account.id, container, QString(), local.path(),
                                    {QStringLiteral("notes.txt")}, false);
        waitForCompleted(*window, 1);
        REQUIRE(QTest::qWaitFor([&] { return window->transfers()->isIdle(); }, kWaitMs));
        window->close();
        REQUIRE(QTest::qWaitFor([&] { return !window->isVisible(); }, kWaitMs));
    }
    const QString queueFile =
        ui::Settings::load().effectiveJournalDirectory() + QStringLiteral("/queue.json");
    CHECK_FALSE(QString::fromUtf8(readFile(queueFile)).contains(signature));

    {
        auto window = openWindow();
        REQUIRE(window->queue()->rowCount() == 2);
        window->queueTabs()->setCurrentIndex(kCompletedTab);
        waitForRows(*window, kCompletedTab, 1);
        CHECK(cell(*window, kCompletedTab, 0, TransferQueueModel::NameColumn) == "notes.txt");
        CHECK(cell(*window, kCompletedTab, 0, TransferQueueModel::StatusColumn) == "Completed");
        CHECK_FALSE(cell(*window, kCompletedTab, 0, TransferQueueModel::EndedColumn).empty());
        CHECK(cell(*window, kCompletedTab, 0, TransferQueueModel::SourceColumn) ==
              local.filePath(QStringLiteral("notes.txt")).toStdString());
        // The blob's URL, without the SAS the upload went with.
        CHECK(cell(*window, kCompletedTab, 0, TransferQueueModel::DestinationColumn) ==
              (service.endpoint() + QLatin1Char('/') + container + QStringLiteral("/notes.txt"))
                  .toStdString());

        window->queueTabs()->setCurrentIndex(kFailedTab);
        waitForRows(*window, kFailedTab, 1);
        CHECK_THAT(cell(*window, kFailedTab, 0, TransferQueueModel::StatusColumn),
                   Catch::Contains("MD5"));
        CHECK_FALSE(cell(*window, kFailedTab, 0, TransferQueueModel::EndedColumn).empty());
        CHECK(cell(*window, kFailedTab, 0, TransferQueueModel::SourceColumn) ==
              (service.endpoint() + QLatin1Char('/') + container + QStringLiteral("/broken.bin"))
                  .toStdString());
        CHECK(cell(*window, kFailedTab, 0, TransferQueueModel::DestinationColumn) ==
              QDir(target.path()).filePath(QStringLiteral("broken.bin")).toStdString());

        window->findChild<QAction *>(QStringLiteral("removeFailedAction"))->trigger();
        CHECK(window->queue()->count(TransferQueueModel::Tab::Failed) == 0);
        CHECK(completed(*window) == 1);
        window->findChild<QAction *>(QStringLiteral("clearFinishedAction"))->trigger();
        CHECK(window->queue()->rowCount() == 0);
    }
    auto window = openWindow(); // cleared for good
    CHECK(window->queue()->rowCount() == 0);
}

TEST_CASE(
    "quit: with a transfer running the window asks, and Don't quit keeps it going, Cancel them "
    "and quit drops it for good")
{
    const DelayedService delayed("quitask");
    const TestService &service = delayed.service;
    const QString &container = delayed.container;
    TestTree local;
    local.write(QStringLiteral("big.bin"), 60 * 1024 * 1024);

    {
        auto window = openWindow();
        openAndWait(*window, container);
        window->uploadUrls({QUrl::fromLocalFile(local.filePath(QStringLiteral("big.bin")))});
        REQUIRE(QTest::qWaitFor(
            [&] { return window->queue()->rowCount() == 1 && window->queue()->row(0).done > 0; },
            kWaitMs));

        QString asked;
        answerNextModal([&](QWidget *modal) {
            asked = qobject_cast<QMessageBox *>(modal)->text();
            clickButton(modal, "dontQuitButton");
        });
        window->close();
        REQUIRE(QTest::qWaitFor([&] { return !asked.isEmpty(); }, kWaitMs));
        CHECK(asked == QStringLiteral("1 transfer is running."));
        REQUIRE(
            QTest::qWaitFor([&] { return QApplication::activeModalWidget() == nullptr; }, kWaitMs));
        CHECK(window->isVisible());
        CHECK(window->queue()->row(0).state == TransferState::Active);

        answerNextModal([&](QWidget *modal) { clickButton(modal, "quitCancelTransfersButton"); });
        window->close();
        REQUIRE(QTest::qWaitFor([&] { return !window->isVisible(); }, kWaitMs));
        CHECK(window->queue()->rowCount() == 0);
    }
    auto window = openWindow();
    CHECK(window->queue()->rowCount() == 0);
    CHECK(window->queueTabs()->tabText(kQueuedTab) == QStringLiteral("Queued (0)"));
    CHECK(service.blobNames(container).isEmpty());
}
