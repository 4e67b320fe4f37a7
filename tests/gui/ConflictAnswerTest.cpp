// SPDX-License-Identifier: MIT
// The answer to "already exists" as a user lives with it: given once, it holds through Pause
// all / Resume all (even one still open when they come) and through a quit and a restart (the blob
// ends with the new bytes, and no dialog asks again); Skip shows as Skipped with why; Enter alone
// picks no answer.
#include "ConflictDialog.h"
#include "ConflictPrompter.h"
#include "MainWindow.h"
#include "Settings.h"
#include "TransferManager.h"
#include "TransferQueueModel.h"
#include "WindowDriver.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QApplication>
#include <QCryptographicHash>
#include <QPointer>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <catch2/catch.hpp>
#include <functional>

using namespace blobferry;
using namespace blobferry::test;
using blobferry::transfer::TransferState;
using ui::MainWindow;
using ui::TransferQueueModel;

namespace {

const QString kName = QStringLiteral("big.bin");
constexpr qint64 kSize = 12 * 1024 * 1024;

// Every modal dialog that opens from now on, by name; each is closed (a conflict dialog so
// answers Skip), so the test goes on to fail on what it saw instead of hanging.
class ModalWatch
{
public:
    ModalWatch()
    {
        m_poll.setInterval(20);
        QObject::connect(&m_poll, &QTimer::timeout, [this] {
            if (auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget())) {
                seen.append(dialog->objectName());
                dialog->reject();
            }
        });
        m_poll.start();
    }
    QStringList seen;

private:
    QTimer m_poll;
};

// A digest for the comparison, so that a failure prints 32 characters, not 12 MiB.
std::string md5Of(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Md5).toHex().toStdString();
}

// The blob kName on the run's Azurite and a changed local file of that name (kSize), with
// the bandwidth slow enough to pause mid-file: 16 Mbit/s (2 MB/s), in 1 MiB blocks.
struct ChangedBlob
{
    explicit ChangedBlob(const char *prefix)
    {
        container = newContainer(service, prefix);
        service.putBlob(container, kName, "the old blob");
        local.write(kName, kSize);
        ui::Settings settings = ui::Settings::load();
        settings.capMbps = 16;
        settings.blockSizeMiB = 1;
        settings.concurrency = 2;
        settings.save();
    }
    // The blob holds the local file's bytes, the new ones.
    void checkUploaded() const
    {
        CHECK(md5Of(service.getBlob(container, kName)) == md5Of(readFile(local.filePath(kName))));
    }
    TestService service;
    QString container;
    TestTree local;
};

// Runs `act` (a resume, an answer) and waits for the upload to complete with no dialog opened
// on the way: the row Completed, the blob with the new bytes.
void completesUnasked(MainWindow &window, const ChangedBlob &blob, const std::function<void()> &act)
{
    ModalWatch modals;
    act();
    waitForCompleted(window, 1);
    CHECK(modals.seen.isEmpty());
    CHECK(window.queue()->row(0).state == TransferState::Completed);
    blob.checkUploaded();
}

// Drops the changed file on the blob that exists and waits until its upload is on its way
// (some bytes sent: the question was answered).
void dropAndWaitForBytes(MainWindow &window, const TestTree &local)
{
    window.uploadUrls({QUrl::fromLocalFile(local.filePath(kName))});
    REQUIRE(QTest::qWaitFor(
        [&] {
            return window.queue()->rowCount() == 1 &&
                   window.queue()->row(0).state == TransferState::Active &&
                   window.queue()->row(0).done > 0;
        },
        kWaitMs));
}

void requirePausedMidFile(const MainWindow &window)
{
    const ui::QueueRow &row = window.queue()->row(0);
    INFO("state " << int(row.state) << ", " << row.done << " of " << kSize << " bytes");
    REQUIRE(row.state == TransferState::Paused);
    REQUIRE(row.done < kSize);
}

} // namespace

TEST_CASE("conflicts: Overwrite answered, then Pause all and Resume all, asks nothing again and "
          "the blob ends with the new bytes")
{
    const ChangedBlob blob("answerpause");

    auto window = openWindow();
    openAndWait(*window, blob.container);
    ConflictAnswerer answerer(*window, "overwriteButton");
    dropAndWaitForBytes(*window, blob.local);

    window->transfers()->pauseAll();
    REQUIRE(QTest::qWaitFor([&] { return window->transfers()->isIdle(); }, kWaitMs));
    requirePausedMidFile(*window);

    completesUnasked(*window, blob, [&] { window->transfers()->resumeAll(); });
    CHECK(answerer.opened == 1);
}

TEST_CASE("conflicts: Pause all and Resume all while the question is open, then Overwrite, "
          "asks nothing again and the blob ends with the new bytes")
{
    const ChangedBlob blob("answeropen");

    auto window = openWindow();
    openAndWait(*window, blob.container);
    QPointer<QWidget> first;
    int opened = 0;
    QObject::connect(window->conflicts(), &ui::ConflictPrompter::dialogOpened,
                     [&](QWidget *dialog) {
                         if (++opened == 1)
                             first = dialog;
                     });
    window->uploadUrls({QUrl::fromLocalFile(blob.local.filePath(kName))});
    REQUIRE(QTest::qWaitFor([&] { return first != nullptr; }, kWaitMs));

    // The question stays open through a pause and a resume; the resumed job asks again.
    window->transfers()->pauseAll();
    REQUIRE(QTest::qWaitFor([&] { return window->transfers()->isIdle(); }, kWaitMs));
    window->transfers()->resumeAll();
    REQUIRE(QTest::qWaitFor([&] { return window->conflicts()->waiting() == 1; }, kWaitMs));
    REQUIRE(first);
    auto *overwrite = first->findChild<QPushButton *>(QStringLiteral("overwriteButton"));
    REQUIRE(overwrite);
    completesUnasked(*window, blob, [&] { overwrite->click(); });
    CHECK(opened == 1);
}

TEST_CASE("conflicts: Overwrite answered, then a quit mid-file and a new window, asks nothing "
          "again on Resume all and the blob ends with the new bytes")
{
    const ChangedBlob blob("answerquit");

    {
        auto window = openWindow();
        openAndWait(*window, blob.container);
        ConflictAnswerer answerer(*window, "overwriteButton");
        dropAndWaitForBytes(*window, blob.local);
        quitContinuingLater(*window);
    }

    auto window = openWindow();
    int asked = 0;
    QObject::connect(window->conflicts(), &ui::ConflictPrompter::dialogOpened,
                     [&](QWidget *) { ++asked; });
    REQUIRE(window->queue()->rowCount() == 1);
    requirePausedMidFile(*window);
    completesUnasked(*window, blob, [&] { window->transfers()->resumeAll(); });
    CHECK(asked == 0);
}

TEST_CASE("conflicts: Skip answered shows the row as Skipped with why, not Completed, and the "
          "blob stays as it was")
{
    TestService service;
    const QString container = newContainer(service, "answerskip");
    service.putBlob(container, QStringLiteral("notes.txt"), "the old blob");
    TestTree local;
    local.writeText(QStringLiteral("notes.txt"), "changed locally");

    auto window = openWindow();
    openAndWait(*window, container);
    ConflictAnswerer answerer(*window, "skipButton");
    window->uploadUrls({QUrl::fromLocalFile(local.filePath(QStringLiteral("notes.txt")))});
    waitForCompleted(*window, 1);

    CHECK(answerer.opened == 1);
    CHECK(window->queue()->row(0).state == TransferState::Skipped);
    window->queueTabs()->setCurrentIndex(kCompletedTab);
    REQUIRE(QTest::qWaitFor(
        [&] { return window->queueView(kCompletedTab)->model()->rowCount() == 1; }, kWaitMs));
    CHECK(cell(*window, kCompletedTab, 0, TransferQueueModel::StatusColumn) ==
          "Skipped: the destination exists and was not overwritten");
    CHECK(cell(*window, kCompletedTab, 0, TransferQueueModel::ProgressColumn) == "Skipped");
    CHECK(service.getBlob(container, QStringLiteral("notes.txt")) == "the old blob");
}

TEST_CASE("conflicts: Enter alone in the dialog picks no answer, neither Skip nor Overwrite")
{
    TestService service;
    const QString container = newContainer(service, "answerenter");
    service.putBlob(container, QStringLiteral("notes.txt"), "the old blob");
    TestTree local;
    local.writeText(QStringLiteral("notes.txt"), "changed locally");

    auto window = openWindow();
    openAndWait(*window, container);
    QPointer<QWidget> dialog;
    QObject::connect(window->conflicts(), &ui::ConflictPrompter::dialogOpened,
                     [&](QWidget *opened) { dialog = opened; });
    window->uploadUrls({QUrl::fromLocalFile(local.filePath(QStringLiteral("notes.txt")))});
    REQUIRE(QTest::qWaitFor([&] { return dialog && dialog->isVisible(); }, kWaitMs));

    QTest::keyClick(dialog, Qt::Key_Return);
    QTest::keyClick(dialog, Qt::Key_Enter);
    REQUIRE(dialog);
    REQUIRE(dialog->isVisible());
    // Still waiting for a choice: the user's own click decides.
    dialog->findChild<QPushButton *>(QStringLiteral("overwriteButton"))->click();
    waitForCompleted(*window, 1);
    CHECK(window->queue()->row(0).state == TransferState::Completed);
    CHECK(service.getBlob(container, QStringLiteral("notes.txt")) == "changed locally");
}
