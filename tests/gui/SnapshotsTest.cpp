// SPDX-License-Identifier: MIT
// Snapshots… on a blob in the real window against the run's Azurite: Take, Promote, Download
// and Delete answered as a user would, each result checked through the service itself.
#include "BlobListModel.h"
#include "Settings.h"
#include "SnapshotsDialog.h"
#include "WindowDriver.h"
#include "support/TestService.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <catch2/catch.hpp>

using namespace blobferry;
using namespace blobferry::test;

namespace {

// Answers the next question box (the snapshots dialog, itself modal, is passed over) with
// Yes, keeping its text.
void answerQuestionYes(QString *text)
{
    auto *poll = new QTimer;
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, [poll, text] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        poll->stop();
        poll->deleteLater();
        *text = box->text();
        box->button(QMessageBox::Yes)->click();
    });
    poll->start();
}

} // namespace

TEST_CASE("snapshots: Take lists one, Promote puts its bytes back, Download saves them and "
          "Delete removes it")
{
    TestService service;
    pointEmulatorAt(service);
    const QString container = service.uniqueContainer(QStringLiteral("guisnap"));
    const QString blob = QStringLiteral("docs/plan.txt");
    service.createContainer(container);
    service.putBlob(container, blob, "the first plan");
    auto window = openWindow();
    openAndWait(*window, container, QStringLiteral("docs/"));
    selectRow(*window, blob);
    auto *action = window->findChild<QAction *>(QStringLiteral("snapshotsAction"));
    REQUIRE(action);
    action->trigger();
    QDialog *dialog = nullptr;
    QLabel *status = nullptr;
    REQUIRE(QTest::qWaitFor(
        [&] {
            dialog = window->findChild<QDialog *>(QStringLiteral("snapshotsDialog"));
            status =
                dialog ? dialog->findChild<QLabel *>(QStringLiteral("snapshotStatus")) : nullptr;
            return status && status->text().contains(QStringLiteral("has no snapshots"));
        },
        kWaitMs));
    auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("snapshotTable"));
    auto button = [dialog](const char *name) {
        auto *found = dialog->findChild<QPushButton *>(QLatin1String(name));
        REQUIRE(found);
        return found;
    };

    // Take: the service lists the blob and one snapshot, and so does the dialog.
    button("takeSnapshotButton")->click();
    REQUIRE(QTest::qWaitFor([&] { return table->rowCount() == 1; }, kWaitMs));
    CHECK(service.countWithSnapshots(container, blob) == 2);

    // Promote the snapshot over a newer version: the blob holds the snapshot's bytes again.
    service.putBlob(container, blob, "a later plan, overwritten");
    table->selectRow(0);
    QString question;
    answerQuestionYes(&question);
    button("promoteSnapshotButton")->click();
    CHECK(question.startsWith(QStringLiteral("Replace docs/plan.txt with its snapshot of ")));
    REQUIRE(QTest::qWaitFor(
        [&] { return status->text().contains(QStringLiteral("now holds its snapshot")); },
        kWaitMs));
    CHECK(service.getBlob(container, blob) == "the first plan");

    // Download the snapshot into a file of the user's choosing. The dialog offers the folder
    // the last download went to, and remembers the one chosen.
    QTemporaryDir lastDownloads;
    ui::Settings::rememberFolder(QStringLiteral("download"), lastDownloads.path());
    QTemporaryDir target;
    const QString saved = target.filePath(QStringLiteral("plan-then.txt"));
    QString offered;
    static_cast<ui::SnapshotsDialog *>(dialog)->setSaveChooser(
        [saved, &offered](const QString &suggested) {
            offered = suggested;
            return saved;
        });
    REQUIRE(
        QTest::qWaitFor([&] { return button("downloadSnapshotButton")->isEnabled(); }, kWaitMs));
    button("downloadSnapshotButton")->click();
    REQUIRE(QTest::qWaitFor(
        [&] { return status->text().startsWith(QStringLiteral("Saved the snapshot")); }, kWaitMs));
    CHECK(readFile(saved) == "the first plan");
    CHECK(offered == lastDownloads.filePath(QStringLiteral("plan.txt")));
    CHECK(ui::Settings::lastFolder(QStringLiteral("download")) == target.path());

    // Delete: the blob stays, its snapshot goes.
    table->selectRow(0);
    answerQuestionYes(&question);
    button("deleteSnapshotButton")->click();
    CHECK(question.contains(QStringLiteral("The blob itself stays")));
    REQUIRE(QTest::qWaitFor([&] { return table->rowCount() == 0; }, kWaitMs));
    CHECK(service.countWithSnapshots(container, blob) == 1);
    CHECK(service.getBlob(container, blob) == "the first plan");
}
