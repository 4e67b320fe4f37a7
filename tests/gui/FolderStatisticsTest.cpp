// SPDX-License-Identifier: MIT
// Statistics… on a folder and on the container shown, against the run's Azurite: the counts
// and sizes are those of the blobs put there, every level under the prefix included.
#include "BlobListModel.h"
#include "WindowDriver.h"
#include "support/TestService.h"

#include <QDialog>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QTest>
#include <catch2/catch.hpp>

using namespace blobferry;
using namespace blobferry::test;

namespace {

struct Figures
{
    QString count, size, tiers;
};

// Triggers Statistics… and waits for the dialog to finish counting; closes it after.
Figures statistics(ui::MainWindow &window)
{
    auto *action = window.findChild<QAction *>(QStringLiteral("statisticsAction"));
    REQUIRE(action);
    action->trigger();
    QDialog *dialog = nullptr;
    REQUIRE(QTest::qWaitFor(
        [&] {
            dialog = window.findChild<QDialog *>(QStringLiteral("folderStatisticsDialog"));
            auto *state =
                dialog ? dialog->findChild<QLabel *>(QStringLiteral("statisticsState")) : nullptr;
            return state && state->text() == QStringLiteral("Done.");
        },
        kWaitMs));
    auto text = [dialog](const char *name) {
        return dialog->findChild<QLabel *>(QLatin1String(name))->text();
    };
    Figures figures{text("statisticsCount"), text("statisticsSize"), text("statisticsTiers")};
    dialog->close();
    QTest::qWait(0);
    return figures;
}

} // namespace

TEST_CASE("statistics: a folder's and the container's blob count and total size, by tier")
{
    TestService service;
    pointEmulatorAt(service);
    const QString container = service.uniqueContainer(QStringLiteral("guistats"));
    service.createContainer(container);
    service.putBlob(container, QStringLiteral("data/a.bin"), QByteArray(1000, 'a'));
    service.putBlob(container, QStringLiteral("data/deep/b.bin"), QByteArray(2000, 'b'));
    service.putBlob(container, QStringLiteral("data/deep/c.bin"), QByteArray(3000, 'c'));
    service.putBlob(container, QStringLiteral("top.txt"), QByteArray(5, 't'));
    service.archiveBlob(container, QStringLiteral("data/deep/c.bin"));
    auto window = openWindow();
    openAndWait(*window, container);

    // The folder row selected: everything under data/, however deep.
    QTableView *view = window->blobView();
    for (int row = 0; row < view->model()->rowCount(); ++row)
        if (view->model()->index(row, 0).data(ui::BlobListModel::FullNameRole) ==
            QStringLiteral("data/"))
            view->selectRow(row);
    REQUIRE(view->selectionModel()->selectedRows().size() == 1);
    const Figures folder = statistics(*window);
    CHECK(folder.count == QStringLiteral("3"));
    CHECK(folder.size.endsWith(QStringLiteral("(%1 bytes)").arg(QLocale().toString(6000))));
    INFO(folder.tiers.toStdString());
    CHECK(folder.tiers.contains(QStringLiteral("Archive: 1 blob")));
    CHECK(folder.tiers.contains(QStringLiteral("Hot: 2 blobs")));

    // Nothing selected: the folder shown, here the whole container.
    view->clearSelection();
    const Figures whole = statistics(*window);
    CHECK(whole.count == QStringLiteral("4"));
    CHECK(whole.size.endsWith(QStringLiteral("(%1 bytes)").arg(QLocale().toString(6005))));
}
