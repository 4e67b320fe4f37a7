// SPDX-License-Identifier: MIT
// What the window stores on uploads and says of archived blobs, against the run's Azurite:
// the Settings dialog's upload defaults on a blob uploaded from the window (read back with Get
// Blob Properties), and a download of an archived blob failing with how to rehydrate it.
#include "BlobListModel.h"
#include "MainWindow.h"
#include "Settings.h"
#include "TransferManager.h"
#include "TransferQueueModel.h"
#include "WindowDriver.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <catch2/catch.hpp>

using namespace blobferry;
using namespace blobferry::test;
using ui::TransferQueueModel;

TEST_CASE("upload settings: the defaults chosen in Settings go on a blob uploaded from the window")
{
    TestService service;
    const QString container = newContainer(service, "uidefaults");
    TestTree local;
    local.writeText(QStringLiteral("notes.txt"), "uploaded with defaults");
    // The tests after this one must not inherit the defaults.
    const SettingsRestorer restore;

    auto window = openWindow();
    openAndWait(*window, container);
    answerNextModal([](QWidget *modal) {
        auto *tier = modal->findChild<QComboBox *>(QStringLiteral("uploadTierCombo"));
        REQUIRE(tier);
        tier->setCurrentIndex(tier->findText(QStringLiteral("Cold")));
        const std::pair<const char *, const char *> fields[] = {
            {"uploadMetadataEdit", "project=q3;owner=ann"},
            {"uploadTagsEdit", "team=web&stage=prod"},
            {"uploadCacheControlEdit", "no-cache"},
            {"uploadContentDispositionEdit", "inline"},
            {"uploadContentLanguageEdit", "nl"},
        };
        for (const auto &[name, text] : fields) {
            auto *edit = modal->findChild<QLineEdit *>(QLatin1String(name));
            REQUIRE(edit);
            edit->setText(QLatin1String(text));
        }
        modal->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    });
    window->findChild<QAction *>(QStringLiteral("settingsAction"))->trigger();
    REQUIRE(window->transfers()->settings().uploads.tier == QStringLiteral("Cold"));

    window->uploadUrls({QUrl::fromLocalFile(local.filePath(QStringLiteral("notes.txt")))});
    waitForCompleted(*window, 1);
    const auto head = service.send(service.requests(container).getProperties("notes.txt"));
    REQUIRE(head.status == 200);
    CHECK(head.header("x-ms-access-tier") == "Cold");
    CHECK(head.header("x-ms-meta-project") == "q3");
    CHECK(head.header("x-ms-meta-owner") == "ann");
    CHECK(head.header("x-ms-tag-count") == "2");
    CHECK(head.header("Cache-Control") == "no-cache");
    CHECK(head.header("Content-Disposition") == "inline");
    CHECK(head.header("Content-Language") == "nl");
    CHECK(service.getBlob(container, QStringLiteral("notes.txt")) == "uploaded with defaults");
}

TEST_CASE("archive: a download of an archived blob fails in its row with the tier and how to "
          "rehydrate it")
{
    TestService service;
    const QString container = newContainer(service, "uiarchive");
    service.putBlob(container, QStringLiteral("ledger.csv"), "a,b");
    service.archiveBlob(container, QStringLiteral("ledger.csv"));
    QTemporaryDir target;

    auto window = openWindow();
    openAndWait(*window, container);
    QTableView *view = window->blobView();
    for (int row = 0; row < view->model()->rowCount(); ++row)
        view->selectRow(row);
    REQUIRE(view->selectionModel()->selectedRows().size() == 1);
    window->downloadSelectionTo(target.path());
    REQUIRE(QTest::qWaitFor(
        [&] { return window->queue()->count(TransferQueueModel::Tab::Failed) == 1; }, kWaitMs));
    window->queueTabs()->setCurrentIndex(2);
    QTableView *failed = window->queueView(2);
    REQUIRE(QTest::qWaitFor([&] { return failed->model()->rowCount() == 1; }, kWaitMs));
    const QString reason =
        failed->model()->index(0, TransferQueueModel::StatusColumn).data().toString();
    INFO(reason.toStdString());
    CHECK(reason.contains(QStringLiteral("the blob is in the Archive tier; rehydrate it to Hot or "
                                         "Cool first (blobferry-cli --set-tier hot %1, or Change "
                                         "tier in the window), which takes hours")
                              .arg(service.containerUrl(container, QStringLiteral("ledger.csv")))));
    CHECK_FALSE(QFile::exists(target.filePath(QStringLiteral("ledger.csv"))));
}
