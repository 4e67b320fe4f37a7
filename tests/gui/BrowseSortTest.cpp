// SPDX-License-Identifier: MIT
// Sorting a folder listed a page at a time: a header click loads the rest first, with a bar
// and Stop (Esc), then sorts the whole folder; stopped early, the status line says what the
// sort covers. Small pages (100) stand in for the service's 5,000.
#include "BlobListModel.h"
#include "WindowDriver.h"
#include "support/TestService.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QProgressBar>
#include <QTableView>
#include <QTest>
#include <catch2/catch.hpp>

using namespace blobferry;
using namespace blobferry::test;

namespace {

constexpr int kBlobs = 250;
constexpr int kPage = 100;

QString recordName(int number)
{
    return QStringLiteral("rec_%1").arg(number, 5, 10, QLatin1Char('0'));
}

// A container of kBlobs blobs rec_00000…, open in a window that lists kPage at a time.
std::unique_ptr<ui::MainWindow> openLargeFolder(const TestService &service)
{
    const QString container = service.uniqueContainer(QStringLiteral("sort"));
    service.createContainer(container);
    for (int number = 0; number < kBlobs; ++number)
        service.putBlob(container, recordName(number), "x");
    auto window = openWindow();
    window->blobs()->setPageSize(kPage);
    openAndWait(*window, container);
    REQUIRE(window->blobView()->model()->rowCount() == kPage);
    return window;
}

// What a user does: click the Name header until it sorts descending.
void sortByNameDescending(ui::MainWindow &window)
{
    QHeaderView *header = window.blobView()->horizontalHeader();
    const QPoint name(header->sectionViewportPosition(ui::BlobListModel::NameColumn) + 10,
                      header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, name);
    if (header->sortIndicatorOrder() != Qt::DescendingOrder)
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, name);
    REQUIRE(header->sortIndicatorSection() == ui::BlobListModel::NameColumn);
    REQUIRE(header->sortIndicatorOrder() == Qt::DescendingOrder);
}

void waitUntilListed(const ui::MainWindow &window)
{
    REQUIRE(QTest::qWaitFor(
        [&] { return !window.blobs()->isLoading() && !window.blobs()->isLoadingAll(); }, kWaitMs));
}

QString topName(const ui::MainWindow &window)
{
    return window.blobView()->model()->index(0, 0).data().toString();
}

QString statusText(const ui::MainWindow &window)
{
    return window.findChild<QLabel *>(QStringLiteral("itemCount"))->text();
}

} // namespace

TEST_CASE("sort: a header click on a folder listed in part loads the rest, then sorts the "
          "whole folder")
{
    TestService service;
    pointEmulatorAt(service);
    auto window = openLargeFolder(service);
    auto *bar = window->findChild<QProgressBar *>(QStringLiteral("loadAllProgress"));

    sortByNameDescending(*window);
    // The rest is loading, with a bar and a way to stop.
    CHECK(window->blobs()->isLoadingAll());
    CHECK((bar && bar->isVisible()));
    CHECK(statusText(*window).startsWith(QStringLiteral("Loading the whole folder to sort it: ")));

    waitUntilListed(*window);
    CHECK(window->blobView()->model()->rowCount() == kBlobs);
    CHECK(topName(*window) == recordName(kBlobs - 1));
    CHECK(window->blobView()->model()->index(kBlobs - 1, 0).data().toString() == recordName(0));
    CHECK(statusText(*window) == QStringLiteral("%1 items").arg(kBlobs));
    CHECK_FALSE((bar && bar->isVisible()));
}

TEST_CASE("sort: Esc stops loading the rest, and the status line says the sort covers only "
          "what was loaded")
{
    TestService service;
    pointEmulatorAt(service);
    auto window = openLargeFolder(service);

    sortByNameDescending(*window);
    QTest::keyClick(window->blobView(), Qt::Key_Escape);
    CHECK_FALSE(window->blobs()->isLoadingAll());
    waitUntilListed(*window);

    // A page already on its way when Esc was pressed is still shown, sorted in.
    const int rows = window->blobView()->model()->rowCount();
    INFO(rows << " rows, status: " << statusText(*window).toStdString());
    CHECK(rows < kBlobs);
    CHECK(topName(*window) == recordName(rows - 1));
    CHECK(statusText(*window) ==
          QStringLiteral("Sorted the first %1 items; the folder has more").arg(rows));
}

TEST_CASE("browse: rows selected stay selected across Refresh, also those on a later page")
{
    TestService service;
    pointEmulatorAt(service);
    auto window = openLargeFolder(service);
    ui::BlobListModel *blobs = window->blobs();
    blobs->fetchMore({});
    REQUIRE(QTest::qWaitFor([&] { return window->blobView()->model()->rowCount() == 2 * kPage; },
                            kWaitMs));
    const auto selectedNames = [&] {
        QStringList names;
        for (const QModelIndex &index : window->blobView()->selectionModel()->selectedRows())
            names.append(index.data(ui::BlobListModel::FullNameRole).toString());
        names.sort();
        return names;
    };
    selectRow(*window, recordName(3));
    const QModelIndex later = window->blobView()->model()->index(150, 0);
    REQUIRE(later.data(ui::BlobListModel::FullNameRole).toString() == recordName(150));
    window->blobView()->selectionModel()->select(later, QItemSelectionModel::Select |
                                                            QItemSelectionModel::Rows);
    REQUIRE(selectedNames() == QStringList({recordName(3), recordName(150)}));

    triggerWhenOffered(*window, "refreshAction");
    REQUIRE(QTest::qWaitFor([&] { return !blobs->isLoading() && blobs->rowCount() == kPage; },
                            kWaitMs));
    CHECK(selectedNames() == QStringList({recordName(3)}));
    CHECK(window->blobView()->currentIndex().data(ui::BlobListModel::FullNameRole).toString() ==
          recordName(3));
    blobs->fetchMore({});
    REQUIRE(QTest::qWaitFor([&] { return window->blobView()->model()->rowCount() == 2 * kPage; },
                            kWaitMs));
    CHECK(selectedNames() == QStringList({recordName(3), recordName(150)}));

    // Elsewhere nothing comes back: another container's blob of the same name stays as it is.
    const QString other = newContainer(service, "othersort");
    service.putBlob(other, recordName(3), "x");
    openAndWait(*window, other);
    REQUIRE(blobs->rowCount() == 1);
    CHECK(selectedNames().isEmpty());
}
