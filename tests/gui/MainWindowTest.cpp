// SPDX-License-Identifier: MIT
// The desktop window against the run's Azurite, driven as a user would: the account dialog,
// the container browser, a drop from the file manager, downloads, the overwrite dialog, a
// failure and its retry, quitting mid-transfer. Secrets go to a real gnome-keyring that
// tests/fixtures/gui-session.sh starts in a private D-Bus session.
#include "MainWindow.h"

#include "AccountTreeModel.h"
#include "Accounts.h"
#include "BlobListModel.h"
#include "ConflictDialog.h"
#include "ConflictPrompter.h"
#include "Dialogs.h"
#include "Settings.h"
#include "TransferManager.h"
#include "TransferQueueModel.h"
#include "WindowDriver.h"
#include "support/FaultProxyProcess.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <catch2/catch.hpp>
#include <functional>
#include <memory>
#include <qt6keychain/keychain.h>
#include <sys/stat.h>

using namespace blobferry;
using namespace blobferry::test;
using blobferry::transfer::TransferState;
using ui::MainWindow;
using ui::TransferQueueModel;

namespace {

QString settingsFileText()
{
    auto settings = ui::Settings::open();
    settings->sync();
    QFile file(settings->fileName());
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// The keychain entry as QtKeychain reads it; nullopt when there is none.
std::optional<QString> keychainEntry(const QString &key)
{
    QKeychain::ReadPasswordJob job(ui::AccountStore::keychainService());
    job.setAutoDelete(false);
    job.setKey(key);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    if (job.error() != QKeychain::NoError)
        return std::nullopt;
    return job.textData();
}

// A drag from a file manager: enter, then drop, on the view's viewport.
bool dropUrls(QAbstractItemView *view, const QList<QUrl> &urls, bool *highlighted)
{
    QMimeData mime;
    mime.setUrls(urls);
    const QPoint at = view->viewport()->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view->viewport(), &enter);
    *highlighted = view->property("dropHighlight").toBool();
    if (!enter.isAccepted())
        return false;
    QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view->viewport(), &drop);
    return drop.isAccepted();
}

void clickButton(QWidget *box, QMessageBox::StandardButton which)
{
    auto *message = qobject_cast<QMessageBox *>(box);
    REQUIRE(message);
    message->button(which)->click();
}

} // namespace

TEST_CASE("accounts: the emulator lists its containers, and an added account keeps its secret "
          "in the keychain only")
{
    TestService service;
    const QString container = newContainer(service, "acct");
    auto window = openWindow();
    waitForContainer(*window, QString::fromLatin1(ui::Account::kEmulatorId), container);

    SECTION("a wrong key is refused before anything is saved")
    {
        window->findChild<QAction *>(QStringLiteral("addAccountAction"))->trigger();
        auto *dialog = window->findChild<ui::AddAccountDialog *>();
        REQUIRE(dialog);
        dialog->findChild<QComboBox *>(QStringLiteral("method"))->setCurrentIndex(0);
        dialog->findChild<QLineEdit *>(QStringLiteral("accountName"))->setText(service.account());
        // A well-formed key, but not this account's.
        dialog->findChild<QLineEdit *>(QStringLiteral("accountKey"))
            ->setText(QString::fromLatin1(QByteArray(64, 'k').toBase64()));
        dialog->findChild<QLineEdit *>(QStringLiteral("endpoint"))->setText(service.endpoint());
        const int before = int(window->accounts()->accounts().size());
        auto *ok = dialog->findChildren<QPushButton *>().first();
        for (QPushButton *button : dialog->findChildren<QPushButton *>())
            if (button->text().contains(QStringLiteral("save")))
                ok = button;
        ok->click();
        auto *status = dialog->findChild<QLabel *>(QStringLiteral("status"));
        REQUIRE(
            QTest::qWaitFor([&] { return status->text().startsWith("Cannot connect"); }, kWaitMs));
        INFO(status->text().toStdString());
        CHECK(status->text().contains(QStringLiteral("403")));
        CHECK(window->accounts()->accounts().size() == before);

        // Another way in: the key's error goes; a connection string is checked, not saved.
        dialog->findChild<QComboBox *>(QStringLiteral("method"))->setCurrentIndex(1);
        CHECK(status->text().isEmpty());
        dialog->findChild<QLineEdit *>(QStringLiteral("connectionString"))
            ->setText(service.connectionString());
        dialog->findChild<QPushButton *>(QStringLiteral("checkButton"))->click();
        REQUIRE(QTest::qWaitFor([&] { return status->text().startsWith("Connected"); }, kWaitMs));
        CHECK(dialog->isVisible());
        CHECK(window->accounts()->accounts().size() == before);
        dialog->reject();
    }

    SECTION("by connection string: kept across a restart, removed with its secret")
    {
        window->findChild<QAction *>(QStringLiteral("addAccountAction"))->trigger();
        QPointer<ui::AddAccountDialog> dialog = window->findChild<ui::AddAccountDialog *>();
        REQUIRE(dialog);
        dialog->findChild<QComboBox *>(QStringLiteral("method"))->setCurrentIndex(1);
        dialog->findChild<QLineEdit *>(QStringLiteral("connectionString"))
            ->setText(service.connectionString());
        for (QPushButton *button : dialog->findChildren<QPushButton *>())
            if (button->text().contains(QStringLiteral("save")))
                button->click();
        REQUIRE(QTest::qWaitFor([&] { return dialog.isNull(); }, kWaitMs));

        QString id;
        for (const ui::Account &account : window->accounts()->accounts())
            if (account.kind == ui::Account::Kind::ConnectionString)
                id = account.id;
        REQUIRE(!id.isEmpty());
        // The secret is in the keychain, and nowhere in the settings file.
        CHECK(keychainEntry(ui::AccountStore::keychainKey(id)) == service.connectionString());
        const QString settings = settingsFileText();
        CHECK(settings.contains(id));
        CHECK_FALSE(settings.contains(service.key()));
        CHECK_FALSE(settings.contains(QStringLiteral("AccountKey")));

        // A new window (the next start) reads the secret back and lists the containers.
        window.reset();
        window = openWindow();
        waitForContainer(*window, id, container);

        window->accounts()->remove(id);
        REQUIRE(QTest::qWaitFor([&] { return !keychainEntry(ui::AccountStore::keychainKey(id)); },
                                kWaitMs));
        CHECK_FALSE(settingsFileText().contains(id));
    }
}

TEST_CASE("browse: a container of 5,200 blobs opens at once and pages in as the view scrolls")
{
    TestService service;
    const QString container = newContainer(service, "many");
    // 5,200 small blobs through the command line: quicker than one request at a time here.
    TestTree tree;
    for (int i = 0; i < 5200; ++i)
        tree.writeText(QStringLiteral("f-%1.txt").arg(i, 5, 10, QLatin1Char('0')), "x");
    tree.writeText(QStringLiteral("sub/inner.txt"), "inner");
    QProcess cli;
    cli.start(QStringLiteral(BLOBFERRY_CLI_PATH),
              {tree.path(), service.containerUrl(container), QStringLiteral("/S"),
               QStringLiteral("/NC:64"), QStringLiteral("--dest-key"), service.key()});
    REQUIRE(cli.waitForFinished(180000));
    REQUIRE(cli.exitCode() == 0);

    auto window = openWindow();
    openAndWait(*window, container);
    ui::BlobListModel *model = window->blobs();
    // One page: the folder and 4,999 blobs, and more to come.
    CHECK(model->rowCount() == 5000);
    CHECK(model->canFetchMore({}));
    // Scrolling to the end makes the view ask for the rest.
    REQUIRE(QTest::qWaitFor(
        [&] {
            window->blobView()->scrollToBottom();
            return !model->canFetchMore({}) && !model->isLoading();
        },
        kWaitMs));
    CHECK(model->rowCount() == 5201);
    CHECK(model->index(0, 0).data().toString() == QStringLiteral("f-00000.txt"));

    // The filter asks the service for a prefix.
    window->findChild<QLineEdit *>(QStringLiteral("filter"))->setText(QStringLiteral("f-0510"));
    REQUIRE(
        QTest::qWaitFor([&] { return !model->isLoading() && model->rowCount() == 10; }, kWaitMs));
    // A folder opens with a double click.
    window->findChild<QLineEdit *>(QStringLiteral("filter"))->setText(QStringLiteral("su"));
    REQUIRE(
        QTest::qWaitFor([&] { return !model->isLoading() && model->rowCount() == 1; }, kWaitMs));
    const QModelIndex folder = window->blobView()->model()->index(0, 0);
    CHECK(folder.data().toString() == QStringLiteral("sub"));
    // As the mouse sends it: a click, then a press that is a double click.
    const QPoint at = window->blobView()->visualRect(folder).center();
    QTest::mouseClick(window->blobView()->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(window->blobView()->viewport(), Qt::LeftButton, {}, at);
    REQUIRE(
        QTest::qWaitFor([&] { return !model->isLoading() && model->rowCount() == 1; }, kWaitMs));
    CHECK(model->prefix() == QStringLiteral("sub/"));
    CHECK(model->index(0, 0).data().toString() == QStringLiteral("inner.txt"));
}

TEST_CASE("drop: three files and a folder dropped on the blob pane upload, through Active to "
          "Completed")
{
    TestService service;
    const QString container = newContainer(service, "drop");
    service.putBlob(container, QStringLiteral("inbox/readme.txt"), "present before the drop");
    TestTree local;
    const qint64 sizes[] = {3 * 1024 * 1024 + 17, 12 * 1024 * 1024, 0};
    const QStringList files{QStringLiteral("a.raw"), QStringLiteral("b.raw"),
                            QStringLiteral("empty.txt")};
    for (int i = 0; i < 3; ++i)
        local.write(files.at(i), sizes[i]);
    local.write(QStringLiteral("album/one.jpg"), 2 * 1024 * 1024);
    local.write(QStringLiteral("album/deep/two.jpg"), 5 * 1024 * 1024 + 3);

    auto window = openWindow();
    openAndWait(*window, container, QStringLiteral("inbox/"));
    QHash<QString, QList<TransferState>> seen;
    QObject::connect(
        window->queue(), &TransferQueueModel::fileStateChanged,
        [&](int, const QString &name, TransferState state) { seen[name].append(state); });
    QList<QUrl> urls;
    for (const QString &file : files)
        urls.append(QUrl::fromLocalFile(local.filePath(file)));
    urls.append(QUrl::fromLocalFile(local.filePath(QStringLiteral("album"))));
    bool highlighted = false;
    REQUIRE(dropUrls(window->blobView(), urls, &highlighted));
    CHECK(highlighted);
    CHECK_FALSE(window->blobView()->property("dropHighlight").toBool());
    // The queue shows the running files, not the empty tab it showed before.
    CHECK(window->queueTabs()->currentIndex() == int(TransferQueueModel::Tab::Active));

    waitForCompleted(*window, 5);
    CHECK(window->queue()->count(TransferQueueModel::Tab::Failed) == 0);
    for (const QString &name : {QStringLiteral("a.raw"), QStringLiteral("b.raw"),
                                QStringLiteral("one.jpg"), QStringLiteral("deep/two.jpg")}) {
        INFO(name.toStdString());
        CHECK(seen.value(name).contains(TransferState::Active));
        CHECK(seen.value(name).constLast() == TransferState::Completed);
    }
    // The bytes are in the container, in the folder that was shown.
    for (const QString &file : files)
        CHECK(service.getBlob(container, QStringLiteral("inbox/") + file) ==
              readFile(local.filePath(file)));
    CHECK(service.getBlob(container, QStringLiteral("inbox/album/deep/two.jpg")) ==
          readFile(local.filePath(QStringLiteral("album/deep/two.jpg"))));
    CHECK(service.getBlob(container, QStringLiteral("inbox/album/one.jpg")) ==
          readFile(local.filePath(QStringLiteral("album/one.jpg"))));
    // The browser shows what arrived.
    REQUIRE(QTest::qWaitFor([&] { return window->blobs()->rowCount() == 5; }, kWaitMs));
    // The tab titles count.
    CHECK(window->queueTabs()->tabText(3) == QStringLiteral("Completed (5)"));
    // The session's log file has every outcome, and no key.
    const QString log = QString::fromUtf8(readFile(window->transfers()->logFile()));
    INFO(window->transfers()->logFile().toStdString());
    CHECK(log.contains(QStringLiteral("Finished Transfer: deep/two.jpg")));
    CHECK(log.contains(QStringLiteral("Finished Transfer: a.raw")));
    CHECK_FALSE(log.contains(service.key()));
}

TEST_CASE("log: an uploaded file's outcome is one line of the session's log file, and the "
          "pane shows the same words once")
{
    TestService service;
    const QString container = newContainer(service, "once");
    TestTree local;
    local.write(QStringLiteral("report.pdf"), 70000);
    auto window = openWindow();
    openAndWait(*window, container);
    window->uploadUrls({QUrl::fromLocalFile(local.filePath(QStringLiteral("report.pdf")))});
    waitForCompleted(*window, 1);
    REQUIRE(QTest::qWaitFor([&] { return window->transfers()->isIdle(); }, kWaitMs));

    const QString expected = QStringLiteral("Finished Transfer: report.pdf (70000 bytes)");
    const QString file = QString::fromUtf8(readFile(window->transfers()->logFile()));
    INFO(file.toStdString());
    CHECK(file.count(QStringLiteral("report.pdf (")) == 1);
    CHECK(file.count(expected) == 1);
    const QStringList lines = file.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (line.contains(expected))
            CHECK(line.contains(QStringLiteral(" INFO ")));
    }
    const auto *pane = window->findChild<QPlainTextEdit *>(QStringLiteral("logView"));
    REQUIRE(pane);
    const QString shown = pane->toPlainText();
    INFO(shown.toStdString());
    CHECK(shown.count(QStringLiteral("report.pdf (")) == 1);
    CHECK(shown.count(expected) == 1);
}

TEST_CASE("download: a folder selected in the browser lands byte-exact in the chosen directory")
{
    TestService service;
    const QString container = newContainer(service, "down");
    const QByteArray big = TestTree::contentFor(QStringLiteral("big"), 9 * 1024 * 1024 + 5);
    service.putBlob(container, QStringLiteral("shoot/day1/big.cr2"), big);
    service.putBlob(container, QStringLiteral("shoot/day1/small.xmp"), "<xmp/>");
    service.putBlob(container, QStringLiteral("shoot/cover.jpg"), "cover");
    service.putBlob(container, QStringLiteral("other.txt"), "not selected");

    auto window = openWindow();
    openAndWait(*window, container);
    selectBlobs(*window, {QStringLiteral("shoot")});
    QTemporaryDir target;
    window->setDirectoryChooser([&] { return target.path(); });
    window->findChild<QAction *>(QStringLiteral("downloadAction"))->trigger();

    waitForCompleted(*window, 3);
    CHECK(readFile(target.filePath(QStringLiteral("shoot/day1/big.cr2"))) == big);
    CHECK(readFile(target.filePath(QStringLiteral("shoot/day1/small.xmp"))) == "<xmp/>");
    CHECK(readFile(target.filePath(QStringLiteral("shoot/cover.jpg"))) == "cover");
    CHECK(filesUnder(target.path()).size() == 3);
}

TEST_CASE("conflicts: the dialog shows both sides and each answer does what it says")
{
    TestService service;
    const QString container = newContainer(service, "ask");
    for (const char *name : {"overwrite.txt", "skip.txt", "keep.txt", "newer.txt", "older.txt"})
        service.putBlob(container, QString::fromLatin1(name), QByteArray("blob ") + name);
    service.putBlob(container, QStringLiteral("same.txt"), "identical");
    QTemporaryDir target;
    auto writeLocal = [&](const QString &name, const QByteArray &content, qint64 ageSeconds) {
        QFile file(target.filePath(name));
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();
        REQUIRE(file.open(QIODevice::ReadWrite));
        REQUIRE(file.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-ageSeconds),
                                 QFileDevice::FileModificationTime));
    };
    for (const char *name : {"overwrite.txt", "skip.txt", "keep.txt"})
        writeLocal(QString::fromLatin1(name), "mine", 60);
    writeLocal(QStringLiteral("newer.txt"), "mine, newer", -3600); // in the future: newer
    writeLocal(QStringLiteral("older.txt"), "mine, older", 86400);
    writeLocal(QStringLiteral("same.txt"), "identical", 60);

    auto window = openWindow();
    openAndWait(*window, container);
    QStringList asked;
    bool showedBothSides = true;
    QObject::connect(
        window->conflicts(), &ui::ConflictPrompter::dialogOpened, [&](QWidget *widget) {
            auto *dialog = qobject_cast<ui::ConflictDialog *>(widget);
            const QString name = QFileInfo(dialog->conflict().destination).fileName();
            asked.append(name);
            const transfer::Conflict &conflict = dialog->conflict();
            showedBothSides = showedBothSides &&
                              conflict.destinationSize == QFileInfo(conflict.destination).size() &&
                              conflict.sourceSize == 5 + name.size() &&
                              conflict.destinationModified.isValid() &&
                              conflict.sourceModified.isValid() && !conflict.sourceMd5.isEmpty();
            const char *button = name == QLatin1String("overwrite.txt") ? "overwriteButton"
                                 : name == QLatin1String("skip.txt")    ? "skipButton"
                                 : name == QLatin1String("keep.txt")    ? "keepBothButton"
                                                                        : "ifNewerButton";
            auto *choice = dialog->findChild<QPushButton *>(QLatin1String(button));
            QTimer::singleShot(0, choice, &QPushButton::click);
        });
    selectBlobs(*window, {QStringLiteral("overwrite.txt"), QStringLiteral("skip.txt"),
                          QStringLiteral("keep.txt"), QStringLiteral("newer.txt"),
                          QStringLiteral("older.txt"), QStringLiteral("same.txt")});
    window->downloadSelectionTo(target.path());
    waitForCompleted(*window, 6);

    asked.sort();
    // The identical file never reached the dialog.
    CHECK(asked == QStringList{"keep.txt", "newer.txt", "older.txt", "overwrite.txt", "skip.txt"});
    CHECK(showedBothSides);
    CHECK(readFile(target.filePath("overwrite.txt")) == "blob overwrite.txt");
    CHECK(readFile(target.filePath("skip.txt")) == "mine");
    CHECK(readFile(target.filePath("keep.txt")) == "mine");
    CHECK(readFile(target.filePath("keep(1).txt")) == "blob keep.txt");
    CHECK(readFile(target.filePath("newer.txt")) == "mine, newer");
    CHECK(readFile(target.filePath("older.txt")) == "blob older.txt");
    CHECK(readFile(target.filePath("same.txt")) == "identical");
}

TEST_CASE("conflicts: \"do this for all\" answers the rest of the batch without asking")
{
    TestService service;
    const QString container = newContainer(service, "all");
    TestTree local;
    for (const char *name : {"one.txt", "two.txt", "three.txt"}) {
        service.putBlob(container, QStringLiteral("up/") + QLatin1String(name), "old blob");
        local.writeText(QLatin1String(name), QByteArray("new file ") + name);
    }
    auto window = openWindow();
    openAndWait(*window, container, QStringLiteral("up/"));
    int dialogs = 0;
    QObject::connect(
        window->conflicts(), &ui::ConflictPrompter::dialogOpened, [&](QWidget *dialog) {
            ++dialogs;
            dialog->findChild<QCheckBox *>(QStringLiteral("forAllCheck"))->setChecked(true);
            QTimer::singleShot(0,
                               dialog->findChild<QPushButton *>(QStringLiteral("keepBothButton")),
                               &QPushButton::click);
        });
    window->uploadUrls({QUrl::fromLocalFile(local.filePath("one.txt")),
                        QUrl::fromLocalFile(local.filePath("two.txt")),
                        QUrl::fromLocalFile(local.filePath("three.txt"))});
    waitForCompleted(*window, 3);
    CHECK(dialogs == 1);
    for (const char *name : {"one", "two", "three"}) {
        CHECK(service.getBlob(container, QStringLiteral("up/%1.txt").arg(name)) == "old blob");
        CHECK(service.getBlob(container, QStringLiteral("up/%1(1).txt").arg(name)) ==
              QByteArray("new file ") + name + ".txt");
    }
}

TEST_CASE("conflicts: with Keep both as the default answer in Settings an upload lands beside "
          "the blob as name(1), and no dialog opens")
{
    TestService service;
    const QString container = newContainer(service, "keep");
    service.putBlob(container, QStringLiteral("up/report.txt"), "old blob");
    TestTree local;
    local.writeText(QStringLiteral("report.txt"), "new file");
    // The default answer is kept in the settings file: the tests after this one must not
    // inherit it.
    const SettingsRestorer restore;

    auto window = openWindow();
    openAndWait(*window, container, QStringLiteral("up/"));
    answerNextModal([](QWidget *modal) {
        auto *choice = modal->findChild<QComboBox *>(QStringLiteral("conflictsCombo"));
        REQUIRE(choice);
        choice->setCurrentIndex(choice->findText(QStringLiteral("Keep both")));
        qobject_cast<QDialog *>(modal)->accept();
    });
    window->findChild<QAction *>(QStringLiteral("settingsAction"))->trigger();
    REQUIRE(window->transfers()->settings().conflicts == ui::Settings::ConflictDefault::KeepBoth);

    int dialogs = 0;
    int hooked = 0;
    QObject::connect(window->conflicts(), &ui::ConflictPrompter::dialogOpened,
                     [&](QWidget *) { ++dialogs; });
    window->conflicts()->setConflictHook([&](const transfer::Conflict &) {
        ++hooked;
        return std::optional<transfer::ConflictAnswer>();
    });
    window->uploadUrls({QUrl::fromLocalFile(local.filePath(QStringLiteral("report.txt")))});
    waitForCompleted(*window, 1);
    CHECK(dialogs == 0);
    CHECK(hooked == 0);
    CHECK(service.getBlob(container, QStringLiteral("up/report.txt")) == "old blob");
    CHECK(service.getBlob(container, QStringLiteral("up/report(1).txt")) == "new file");
}

TEST_CASE("failure: a failed transfer shows in Failed with its reason, and Retry succeeds once "
          "the cause is gone")
{
    TestService service;
    const QString container = newContainer(service, "retry");
    const QByteArray content = TestTree::contentFor(QStringLiteral("r"), 3 * 1024 * 1024);
    // The blob's stored MD5 says it is something else (a damaged upload by another tool):
    // every download of it fails the integrity check.
    putDamagedBlob(service, container, QStringLiteral("report.pdf"), content);
    QTemporaryDir target;

    auto window = openWindow();
    openAndWait(*window, container);
    selectBlobs(*window, {QStringLiteral("report.pdf")});
    window->downloadSelectionTo(target.path());
    REQUIRE(QTest::qWaitFor(
        [&] { return window->queue()->count(TransferQueueModel::Tab::Failed) == 1; }, kWaitMs));
    QTableView *failed = window->queueView(2);
    window->queueTabs()->setCurrentIndex(2);
    REQUIRE(QTest::qWaitFor([&] { return failed->model()->rowCount() == 1; }, kWaitMs));
    const QString reason =
        failed->model()->index(0, TransferQueueModel::StatusColumn).data().toString();
    INFO(reason.toStdString());
    CHECK(reason.contains(QStringLiteral("MD5")));
    CHECK_FALSE(QFile::exists(target.filePath(QStringLiteral("report.pdf"))));
    CHECK(window->queueTabs()->tabText(2) == QStringLiteral("Failed (1)"));

    service.putBlob(container, QStringLiteral("report.pdf"), content); // repaired at the source
    failed->selectRow(0);
    triggerWhenOffered(*window, "retryAction");
    waitForCompleted(*window, 1);
    CHECK(window->queue()->count(TransferQueueModel::Tab::Failed) == 0);
    CHECK(readFile(target.filePath(QStringLiteral("report.pdf"))) == content);
}

TEST_CASE("restart: quitting mid-transfer brings the file back paused, and resuming finishes it "
          "byte-exact without sending it all again")
{
    DelayedService delayed("quit");
    const TestService &service = delayed.service;
    FaultProxyProcess &proxy = delayed.proxy;
    const QString &container = delayed.container;
    constexpr qint64 kSize = 40 * 1024 * 1024;
    TestTree local;
    local.write(QStringLiteral("video.mov"), kSize);

    {
        auto window = openWindow();
        openAndWait(*window, container);
        window->uploadUrls({QUrl::fromLocalFile(local.filePath(QStringLiteral("video.mov")))});
        REQUIRE(QTest::qWaitFor(
            [&] {
                return window->queue()->rowCount() == 1 &&
                       window->queue()->row(0).done >= 4 * 1024 * 1024;
            },
            kWaitMs));
        // Quit, continuing next time: the window stays until the engine has stopped (no nested
        // event loop), then closes by itself with the queue saved and the journal kept.
        answerNextModal([](QWidget *modal) {
            modal->findChild<QPushButton *>(QStringLiteral("quitContinueLaterButton"))->click();
        });
        window->close();
        CHECK(window->isVisible());
        REQUIRE(QTest::qWaitFor([&] { return !window->isVisible(); }, kWaitMs));
        CHECK(window->transfers()->isIdle());
        const QString log = QString::fromUtf8(readFile(window->transfers()->logFile()));
        INFO(log.toStdString());
        CHECK(log.contains(QStringLiteral("Stopping the transfers to quit")));
        CHECK(log.contains(QStringLiteral("Paused: ")));
        // A pause is not a cancel: the file is neither failed nor cancelled in the log.
        CHECK_FALSE(log.contains(QStringLiteral("Cancelled: video.mov")));
        CHECK_FALSE(log.contains(QStringLiteral("Failed Transfer: video.mov")));
    }
    const QString journals = ui::Settings::load().effectiveJournalDirectory();
    CHECK(QFile::exists(journals + QStringLiteral("/queue.json")));
    CHECK(QDir(journals).entryList({QStringLiteral("job-*.journal")}, QDir::Files).size() == 1);

    auto window = openWindow();
    TransferQueueModel *queue = window->queue();
    REQUIRE(queue->rowCount() == 1);
    CHECK(queue->row(0).state == TransferState::Paused);
    CHECK(queue->row(0).done >= 4 * 1024 * 1024);
    CHECK(window->queueTabs()->tabText(0) == QStringLiteral("Queued (1)"));
    CHECK(service.blobNames(container).isEmpty()); // not committed yet

    window->queueTabs()->setCurrentIndex(0);
    window->queueView(0)->selectRow(0);
    triggerWhenOffered(*window, "resumeAction");
    REQUIRE(QTest::qWaitFor([&] { return completed(*window) == 1; }, 120000));
    CHECK(service.getBlob(container, QStringLiteral("video.mov")) ==
          readFile(local.filePath(QStringLiteral("video.mov"))));
    // Resumed mid-file: what went over the wire is the file plus at most the blocks that were
    // in flight when the window closed.
    proxy.stop();
    const qint64 sent = proxy.count(QStringLiteral("requestBodyBytes"));
    INFO("bytes sent " << sent);
    CHECK(sent <= kSize + 2 * ui::Settings::load().concurrency * 1024 * 1024);
}

TEST_CASE("restart: a damaged queue file is kept aside and said in the log, and the window "
          "starts with an empty queue")
{
    const QString journals = ui::Settings::load().effectiveJournalDirectory();
    REQUIRE(QDir().mkpath(journals));
    const QByteArray damaged = R"({"jobs":[{"id":1,"direction":"upl)";
    {
        QFile file(journals + QStringLiteral("/queue.json"));
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write(damaged);
    }
    auto window = openWindow();
    CHECK(window->queue()->rowCount() == 0);
    const QString aside = journals + QStringLiteral("/queue.json.damaged");
    CHECK(readFile(aside) == damaged);
    const auto *pane = window->findChild<QPlainTextEdit *>(QStringLiteral("logView"));
    REQUIRE(pane);
    INFO(pane->toPlainText().toStdString());
    CHECK(pane->toPlainText().contains(QStringLiteral("it is kept as ") + aside));
    CHECK(QString::fromUtf8(readFile(window->transfers()->logFile()))
              .contains(QStringLiteral("it is kept as ") + aside));
}

TEST_CASE("browser: a listing answered with an HTML page is an error, not an empty container")
{
    TestService service;
    const QString container = service.uniqueContainer(QStringLiteral("portal"));
    service.createContainer(container);
    service.putBlob(container, QStringLiteral("a.txt"), "a");
    // A captive portal's page, with status 200, in place of every List Blobs answer.
    FaultProxyProcess proxy(service.endpoint(),
                            {QStringLiteral("--listing"), QStringLiteral("html")});
    qputenv("BLOBFERRY_EMULATOR_ENDPOINT", proxy.endpoint().toUtf8());
    auto window = openWindow();
    QSignalSpy errors(window->blobs(), &ui::BlobListModel::errorOccurred);
    window->openContainer(QString::fromLatin1(ui::Account::kEmulatorId), container, {});
    REQUIRE(QTest::qWaitFor([&] { return !errors.isEmpty(); }, kWaitMs));
    CHECK(errors.first().first().toString().startsWith(
        QStringLiteral("the answer is not a blob listing but an HTML page;")));
    CHECK(window->blobs()->rowCount() == 0);
    proxy.stop(); // its counts are exact once it has stopped
    CHECK(proxy.count(QStringLiteral("faults.listingRewritten")) >= 1);
}

TEST_CASE("browser: a new container, deleting blobs and folders, deleting the container, each "
          "confirmed first")
{
    TestService service;
    pointEmulatorAt(service);
    const QString emulator = QString::fromLatin1(ui::Account::kEmulatorId);
    const QString container = service.uniqueContainer(QStringLiteral("made"));
    auto window = openWindow();
    auto *tree = static_cast<ui::AccountTreeModel *>(window->accountView()->model());
    window->accountView()->setCurrentIndex(tree->accountIndex(emulator));

    answerNextModal([&](QWidget *modal) {
        auto *input = qobject_cast<QInputDialog *>(modal);
        REQUIRE(input);
        input->setTextValue(container);
        input->accept();
    });
    window->findChild<QAction *>(QStringLiteral("newContainerAction"))->trigger();
    waitForContainer(*window, emulator, container);
    // And it is open, ready to fill.
    REQUIRE(QTest::qWaitFor([&] { return window->blobs()->container() == container; }, kWaitMs));

    // The same name again: the service's refusal is shown over the window, and the name
    // comes back in the field to correct.
    answerNextModal([&](QWidget *modal) {
        auto *input = qobject_cast<QInputDialog *>(modal);
        REQUIRE(input);
        input->setTextValue(container);
        input->accept();
    });
    window->findChild<QAction *>(QStringLiteral("newContainerAction"))->trigger();
    // The box and the question after it are answered from inside each other: each opens
    // within the one before, so both answers are set up before the first opens.
    QString refusal;
    QString again;
    bool askedAgain = false;
    answerNextModal([&](QWidget *box) {
        refusal = static_cast<QMessageBox *>(box)->text();
        answerNextModal([&](QWidget *modal) {
            auto *input = qobject_cast<QInputDialog *>(modal);
            if (input)
                again = input->textValue();
            askedAgain = true;
            modal->close();
        });
        box->close();
    });
    REQUIRE(QTest::qWaitFor([&] { return askedAgain; }, kWaitMs));
    CHECK(refusal.startsWith(QStringLiteral("Cannot create container %1: ").arg(container)));
    CHECK(refusal.contains(QStringLiteral("409")));
    CHECK(again == container);

    for (const char *name : {"a.txt", "b.txt", "dir/c.txt", "dir/sub/d.txt"})
        service.putBlob(container, QLatin1String(name), name);
    // Blobs with snapshots are deleted with them (the service refuses otherwise).
    service.snapshotBlob(container, QStringLiteral("a.txt"));
    service.snapshotBlob(container, QStringLiteral("dir/c.txt"));
    openAndWait(*window, container);
    REQUIRE(window->blobs()->rowCount() == 3);

    // "Cancel" deletes nothing.
    selectBlobs(*window, {QStringLiteral("b.txt")});
    answerNextModal([](QWidget *box) { clickButton(box, QMessageBox::Cancel); });
    window->findChild<QAction *>(QStringLiteral("deleteAction"))->trigger();
    CHECK(service.blobNames(container).size() == 4);

    // A blob and a folder with everything under it.
    selectBlobs(*window, {QStringLiteral("a.txt"), QStringLiteral("dir")});
    QString question;
    answerNextModal([&](QWidget *box) {
        if (auto *message = qobject_cast<QMessageBox *>(box))
            question = message->text();
        clickButton(box, QMessageBox::Yes);
    });
    window->findChild<QAction *>(QStringLiteral("deleteAction"))->trigger();
    REQUIRE(QTest::qWaitFor(
        [&] { return service.blobNames(container) == QStringList{QStringLiteral("b.txt")}; },
        kWaitMs));
    CHECK(question == QStringLiteral("Delete 1 blob and 1 folder from %1? Everything in the "
                                     "folders and every snapshot go too.")
                          .arg(container));
    CHECK(service.countWithSnapshots(container, QStringLiteral("a.txt")) == 0);
    CHECK(service.countWithSnapshots(container, QStringLiteral("dir/c.txt")) == 0);
    REQUIRE(QTest::qWaitFor([&] { return window->blobs()->rowCount() == 1; }, kWaitMs));

    window->accountView()->setCurrentIndex(tree->containerIndex(emulator, container));
    answerNextModal([](QWidget *box) { clickButton(box, QMessageBox::Yes); });
    window->findChild<QAction *>(QStringLiteral("deleteContainerAction"))->trigger();
    REQUIRE(QTest::qWaitFor([&] { return !tree->containerIndex(emulator, container).isValid(); },
                            kWaitMs));
    CHECK_FALSE(window->blobs()->hasLocation());
}

TEST_CASE("browser: Delete leaves a blob overwritten after the listing, and the log says so")
{
    TestService service;
    const QString container = newContainer(service, "changed");
    service.putBlob(container, QStringLiteral("a.txt"), "as listed");
    service.putBlob(container, QStringLiteral("b.txt"), "as listed");
    auto window = openWindow();
    openAndWait(*window, container);
    REQUIRE(window->blobs()->rowCount() == 2);

    // Someone else writes a.txt while the user looks at the listing.
    service.putBlob(container, QStringLiteral("a.txt"), "written since");
    selectBlobs(*window, {QStringLiteral("a.txt"), QStringLiteral("b.txt")});
    answerNextModal([](QWidget *box) { clickButton(box, QMessageBox::Yes); });
    window->findChild<QAction *>(QStringLiteral("deleteAction"))->trigger();

    const auto *pane = window->findChild<QPlainTextEdit *>(QStringLiteral("logView"));
    // The two answers come in either order.
    REQUIRE(QTest::qWaitFor(
        [&] { return pane->toPlainText().contains(QStringLiteral("Deleted: b.txt")); }, kWaitMs));
    REQUIRE(QTest::qWaitFor(
        [&] {
            return pane->toPlainText().contains(
                QStringLiteral("Not deleted: a.txt changed after it was listed"));
        },
        kWaitMs));
    CHECK_FALSE(pane->toPlainText().contains(QStringLiteral("Deleted: a.txt")));
    // And over the window, where the user pressed Delete.
    QPointer<QMessageBox> box;
    REQUIRE(QTest::qWaitFor(
        [&] {
            box = window->findChild<QMessageBox *>(QStringLiteral("warningBox"));
            return box && box->isVisible();
        },
        kWaitMs));
    CHECK(box->text() == QStringLiteral("Not everything was deleted:\nNot deleted: a.txt changed "
                                        "after it was listed"));
    box->close();
    CHECK(service.blobNames(container) == QStringList{QStringLiteral("a.txt")});
    CHECK(service.getBlob(container, QStringLiteral("a.txt")) == "written since");
    // The refreshed listing shows what is left.
    REQUIRE(QTest::qWaitFor([&] { return window->blobs()->rowCount() == 1; }, kWaitMs));
}

TEST_CASE("emulator: when nothing answers, the window offers to start the pinned Azurite, and "
          "stops it when it quits")
{
    QTcpServer free;
    REQUIRE(free.listen(QHostAddress::LocalHost, 0));
    const quint16 port = free.serverPort();
    free.close();
    const QString endpoint = QStringLiteral("http://127.0.0.1:%1/devstoreaccount1").arg(port);
    qputenv("BLOBFERRY_EMULATOR_ENDPOINT", endpoint.toUtf8());
    qputenv("BLOBFERRY_AZURITE", BLOBFERRY_AZURITE_BLOB_PATH);
    const QString emulator = QString::fromLatin1(ui::Account::kEmulatorId);
    {
        auto window = openWindow();
        QPointer<QMessageBox> offer;
        REQUIRE(QTest::qWaitFor(
            [&] {
                offer = window->findChild<QMessageBox *>(QStringLiteral("startEmulatorBox"));
                return !offer.isNull();
            },
            kWaitMs));
        CHECK(offer->text().contains(endpoint));
        offer->button(QMessageBox::Yes)->click();

        // Azurite answers on the port; a container made there shows in the tree.
        qputenv("BLOBFERRY_TEST_ENDPOINT", endpoint.toUtf8());
        REQUIRE(QTest::qWaitFor(
            [&] {
                QTcpSocket socket;
                socket.connectToHost(QHostAddress::LocalHost, port);
                return socket.waitForConnected(200);
            },
            kWaitMs));
        TestService service;
        const QString container = service.uniqueContainer(QStringLiteral("started"));
        service.createContainer(container);
        auto *tree = static_cast<ui::AccountTreeModel *>(window->accountView()->model());
        tree->refresh(emulator);
        waitForContainer(*window, emulator, container);
        window->close();
    }
    // Quitting stopped the Azurite the window had started.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    CHECK_FALSE(socket.waitForConnected(1000));
}

TEST_CASE("drop: a file dropped on a container in the tree lands in that container's root")
{
    TestService service;
    pointEmulatorAt(service);
    const QString emulator = QString::fromLatin1(ui::Account::kEmulatorId);
    const QString container = service.uniqueContainer(QStringLiteral("tree"));
    service.createContainer(container);
    TestTree local;
    local.write(QStringLiteral("scan.tif"), 1024 * 1024 + 7);
    auto window = openWindow();
    waitForContainer(*window, emulator, container);
    auto *tree = static_cast<ui::AccountTreeModel *>(window->accountView()->model());
    QTreeView *view = window->accountView();
    const QModelIndex target = tree->containerIndex(emulator, container);
    view->scrollTo(target);

    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(local.filePath(QStringLiteral("scan.tif")))});
    const QPoint at = view->visualRect(target).center();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view->viewport(), &enter);
    REQUIRE(enter.isAccepted());
    CHECK(view->property("dropHighlight").toBool());
    // Not onto the account row: only containers take drops.
    QDragMoveEvent overAccount(view->visualRect(tree->accountIndex(emulator)).center(),
                               Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view->viewport(), &overAccount);
    CHECK_FALSE(overAccount.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view->viewport(), &drop);
    REQUIRE(drop.isAccepted());
    waitForCompleted(*window, 1);
    CHECK(service.getBlob(container, QStringLiteral("scan.tif")) ==
          readFile(local.filePath(QStringLiteral("scan.tif"))));
}

TEST_CASE("names with a C1 CSI or a bidi override show escaped in the browser, the queue, the "
          "log pane and file")
{
    TestService service;
    const QString container = newContainer(service, "names");
    const QString csi = QStringLiteral("csi") + QChar(0x9B) + QStringLiteral("31m.txt");
    const QString rtl = QStringLiteral("rtl") + QChar(0x202E) + QStringLiteral("gnp.exe");
    service.putBlob(container, csi, "csi");
    service.putBlob(container, rtl, "rtl");

    auto window = openWindow();
    openAndWait(*window, container);
    // The browser shows them escaped ("rtlexe.png" is what the raw name reads as).
    selectBlobs(*window,
                {QStringLiteral("csi\\u009B31m.txt"), QStringLiteral("rtl\\u202Egnp.exe")});
    QTemporaryDir target;
    window->setDirectoryChooser([&] { return target.path(); });
    window->findChild<QAction *>(QStringLiteral("downloadAction"))->trigger();
    waitForCompleted(*window, 2);
    CHECK(readFile(target.filePath(rtl)) == "rtl"); // the file keeps its name
    QStringList rows;
    for (int row = 0; row < window->queue()->rowCount(); ++row)
        rows << window->queue()->index(row, TransferQueueModel::NameColumn).data().toString();
    INFO(rows.join(QLatin1Char('|')).toStdString());
    CHECK(rows.contains(QStringLiteral("csi\\u009B31m.txt")));
    CHECK(rows.contains(QStringLiteral("rtl\\u202Egnp.exe")));

    const auto *pane = window->findChild<QPlainTextEdit *>(QStringLiteral("logView"));
    REQUIRE(pane);
    // The pane's lines come from the run log, a batch behind the queue's rows.
    CHECK(QTest::qWaitFor(
        [&] { return pane->toPlainText().count(QStringLiteral("Finished Transfer: ")) >= 2; },
        kWaitMs));
    const QString shown = pane->toPlainText();
    INFO(shown.toStdString());
    CHECK(shown.contains(QStringLiteral("Finished Transfer: csi\\u009B31m.txt")));
    CHECK(shown.contains(QStringLiteral("Finished Transfer: rtl\\u202Egnp.exe")));
    CHECK_FALSE(shown.contains(QChar(0x9B)));
    CHECK_FALSE(shown.contains(QChar(0x202E)));
    // The log file is written on the engines' thread: wait for both lines there too.
    CHECK(QTest::qWaitFor(
        [&] { return readFile(window->transfers()->logFile()).count("Finished Transfer: ") >= 2; },
        kWaitMs));
    const QByteArray file = readFile(window->transfers()->logFile());
    CHECK(file.contains("Finished Transfer: rtl\\u202Egnp.exe"));
    // One finished file, one line of the log file (it was written twice, in two wordings).
    CHECK(file.count("Finished Transfer: rtl") == 1);
    CHECK(file.count("Finished Transfer: csi") == 1);
    CHECK_FALSE(file.contains("\xc2\x9b"));
    CHECK_FALSE(file.contains("\xe2\x80\xae"));
}

TEST_CASE("drop: links and a FIFO in a dropped folder are Skipped with why, a dropped link "
          "file is uploaded")
{
    TestService service;
    const QString container = newContainer(service, "special");
    TestTree local;
    local.writeText(QStringLiteral("folder/regular.txt"), "a regular file");
    local.writeText(QStringLiteral("target.txt"), "what the links lead to");
    REQUIRE(::mkfifo(QFile::encodeName(local.filePath(QStringLiteral("folder/pipe"))).constData(),
                     0644) == 0);
    REQUIRE(QFile::link(local.filePath(QStringLiteral("target.txt")),
                        local.filePath(QStringLiteral("folder/link.txt"))));
    REQUIRE(QFile::link(local.filePath(QStringLiteral("target.txt")),
                        local.filePath(QStringLiteral("dropped-link.txt"))));

    auto window = openWindow();
    openAndWait(*window, container, QString());
    const QList<QUrl> urls{QUrl::fromLocalFile(local.filePath(QStringLiteral("folder"))),
                           QUrl::fromLocalFile(local.filePath(QStringLiteral("dropped-link.txt")))};
    bool highlighted = false;
    REQUIRE(dropUrls(window->blobView(), urls, &highlighted));
    // Two copied, two skipped: all four in Completed, none in Failed.
    waitForCompleted(*window, 4);
    CHECK(window->queue()->count(TransferQueueModel::Tab::Failed) == 0);
    QHash<QString, ui::QueueRow> rows;
    for (const ui::QueueRow &row : window->queue()->rows())
        rows.insert(row.name, row);
    CHECK(rows.value(QStringLiteral("pipe")).state == TransferState::Skipped);
    CHECK(rows.value(QStringLiteral("pipe")).status.toStdString() == "a FIFO, not a regular file");
    CHECK(rows.value(QStringLiteral("link.txt")).state == TransferState::Skipped);
    // A file the user dropped is read through its link; links inside a folder are not followed.
    CHECK(service.getBlob(container, QStringLiteral("dropped-link.txt")) ==
          "what the links lead to");
    CHECK(service.blobNames(container) ==
          QStringList{QStringLiteral("dropped-link.txt"), QStringLiteral("folder/regular.txt")});
    const QString log = QString::fromUtf8(readFile(window->transfers()->logFile()));
    INFO(log.toStdString());
    CHECK(log.contains(QStringLiteral("Skipped: pipe (a FIFO, not a regular file)")));
    CHECK(log.contains(QStringLiteral("Skipped: link.txt (a symbolic link; links are followed "
                                      "only with --follow-symlinks)")));
}
