// SPDX-License-Identifier: MIT
// The blob list's Access tier column and Change tier…: the real window on the run's Azurite,
// the dialog answered as a user would, the tiers checked through Get Blob Properties.
#include "BlobListModel.h"
#include "WindowDriver.h"
#include "support/TestService.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QDialog>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QTableView>
#include <QTest>
#include <catch2/catch.hpp>

using namespace blobferry;
using namespace blobferry::test;

namespace {

// What the Access tier column shows for the blob `name`.
QString shownTier(ui::MainWindow &window, const QString &name)
{
    const QAbstractItemModel *model = window.blobView()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, ui::BlobListModel::NameColumn).data().toString() == name)
            return model->index(row, ui::BlobListModel::TierColumn).data().toString();
    }
    return QStringLiteral("(no row %1)").arg(name);
}

QByteArray serviceTier(const TestService &service, const QString &container, const QString &name)
{
    const auto result = service.send(service.requests(container).getProperties(name));
    return result.status == 200 ? result.header("x-ms-access-tier") : QByteArray();
}

// Answers the Change tier dialog: picks `tier` (and `priority` when the box is shown).
void answerTierDialog(const QString &tier, bool *priorityShown, const QString &priority = {})
{
    answerNextModal([=](QWidget *modal) {
        auto *dialog = qobject_cast<QDialog *>(modal);
        REQUIRE(dialog);
        REQUIRE(dialog->objectName() == QStringLiteral("changeTierDialog"));
        auto *tiers = dialog->findChild<QComboBox *>(QStringLiteral("tierBox"));
        auto *priorities = dialog->findChild<QComboBox *>(QStringLiteral("rehydratePriorityBox"));
        tiers->setCurrentIndex(tiers->findData(tier.toLatin1()));
        *priorityShown = !priorities->isHidden();
        if (!priority.isEmpty())
            priorities->setCurrentIndex(priorities->findData(priority.toLatin1()));
        dialog->accept();
    });
}

} // namespace

TEST_CASE("tiers: the list shows each blob's tier, and Change tier moves the selection")
{
    TestService service;
    const QString container = newContainer(service, "guitier");
    for (const char *name : {"a.txt", "b.txt", "c.txt"})
        service.putBlob(container, QLatin1String(name), name);
    service.archiveBlob(container, QStringLiteral("c.txt"));
    auto window = openWindow();
    openAndWait(*window, container);
    REQUIRE(window->blobs()->rowCount() == 3);
    CHECK(window->blobView()->model()->headerData(ui::BlobListModel::TierColumn, Qt::Horizontal) ==
          QStringLiteral("Access tier"));
    CHECK(shownTier(*window, QStringLiteral("a.txt")) == QStringLiteral("Hot"));
    CHECK(shownTier(*window, QStringLiteral("c.txt")) == QStringLiteral("Archive"));

    // Two online blobs to Cool: no rehydration to ask about.
    selectBlobs(*window, {QStringLiteral("a.txt"), QStringLiteral("b.txt")});
    bool priorityShown = true;
    answerTierDialog(QStringLiteral("Cool"), &priorityShown);
    window->findChild<QAction *>(QStringLiteral("changeTierAction"))->trigger();
    CHECK_FALSE(priorityShown);
    REQUIRE(QTest::qWaitFor(
        [&] {
            return shownTier(*window, QStringLiteral("a.txt")) == QStringLiteral("Cool") &&
                   shownTier(*window, QStringLiteral("b.txt")) == QStringLiteral("Cool");
        },
        kWaitMs));
    CHECK(serviceTier(service, container, QStringLiteral("a.txt")) == "Cool");
    CHECK(serviceTier(service, container, QStringLiteral("b.txt")) == "Cool");
    CHECK(serviceTier(service, container, QStringLiteral("c.txt")) == "Archive");

    // Out of Archive: the priority is asked for (Azurite rehydrates at once).
    selectBlobs(*window, {QStringLiteral("c.txt")});
    answerTierDialog(QStringLiteral("Hot"), &priorityShown, QStringLiteral("High"));
    window->findChild<QAction *>(QStringLiteral("changeTierAction"))->trigger();
    CHECK(priorityShown);
    REQUIRE(QTest::qWaitFor(
        [&] { return shownTier(*window, QStringLiteral("c.txt")) == QStringLiteral("Hot"); },
        kWaitMs));
    CHECK(serviceTier(service, container, QStringLiteral("c.txt")) == "Hot");
}

TEST_CASE("tiers: a tier the service refuses is shown over the window")
{
    TestService service;
    const QString container = newContainer(service, "guitierfail");
    service.putBlob(container, QStringLiteral("gone.txt"), "soon gone");
    auto window = openWindow();
    openAndWait(*window, container);
    REQUIRE(window->blobs()->rowCount() == 1);

    // Deleted behind the window's back: Set Blob Tier answers 404.
    const auto removed =
        service.send(service.requests(container).deleteBlob(QStringLiteral("gone.txt")));
    REQUIRE(removed.status == 202);
    selectBlobs(*window, {QStringLiteral("gone.txt")});
    bool priorityShown = true;
    answerTierDialog(QStringLiteral("Cool"), &priorityShown);
    window->findChild<QAction *>(QStringLiteral("changeTierAction"))->trigger();
    QMessageBox *box = nullptr;
    REQUIRE(QTest::qWaitFor(
        [&] {
            box = window->findChild<QMessageBox *>(QStringLiteral("warningBox"));
            return box && box->isVisible();
        },
        kWaitMs));
    const QString warning = box->text();
    INFO(warning.toStdString());
    CHECK(warning.startsWith(QStringLiteral("The tier of 1 blob was not changed:\ngone.txt: ")));
    CHECK(warning.contains(QStringLiteral("404")));
}

TEST_CASE("tiers: Change tier on a folder moves every blob under it, however deep")
{
    TestService service;
    const QString container = newContainer(service, "guitierdir");
    const QStringList under{QStringLiteral("logs/a.txt"), QStringLiteral("logs/deep/b.txt"),
                            QStringLiteral("logs/deep/c.txt")};
    for (const QString &name : under)
        service.putBlob(container, name, name.toUtf8());
    service.putBlob(container, QStringLiteral("top.txt"), "stays");
    service.archiveBlob(container, QStringLiteral("logs/deep/c.txt"));
    auto window = openWindow();
    openAndWait(*window, container);
    selectBlobs(*window, {QStringLiteral("logs")});

    // Blobs under a folder may be archived: the priority is offered.
    bool priorityShown = false;
    answerTierDialog(QStringLiteral("Cool"), &priorityShown, QStringLiteral("High"));
    window->findChild<QAction *>(QStringLiteral("changeTierAction"))->trigger();
    REQUIRE(QTest::qWaitFor(
        [&] {
            for (const QString &name : under)
                if (serviceTier(service, container, name) != "Cool")
                    return false;
            return true;
        },
        kWaitMs));
    CHECK(priorityShown);
    CHECK(serviceTier(service, container, QStringLiteral("top.txt")) == "Hot");
    auto *log = window->findChild<QPlainTextEdit *>(QStringLiteral("logView"));
    REQUIRE(QTest::qWaitFor(
        [&] {
            return log->toPlainText().contains(
                QStringLiteral("Changed the tier of 3 blobs to Cool"));
        },
        kWaitMs));
}
