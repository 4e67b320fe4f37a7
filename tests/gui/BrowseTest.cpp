// SPDX-License-Identifier: MIT
// Moving around a container the way a file manager user does: Enter into a folder, Backspace
// and Alt+Up out of it, Alt+Left and Alt+Right through the history, a pasted URL in the
// address bar; the status line's counts, the window title, and the folder and layout the
// window remembers for the next start.
#include "BlobAddress.h"
#include "BlobListModel.h"
#include "WindowDriver.h"
#include "support/TestService.h"

#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <catch2/catch.hpp>

using namespace blobferry;
using namespace blobferry::test;

namespace {

const QString kEmulator = QString::fromLatin1(ui::Account::kEmulatorId);

// The row of the blob list whose full name is `name`, or -1.
int rowOf(const ui::MainWindow &window, const QString &name)
{
    const QAbstractItemModel *model = window.blobView()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, 0).data(ui::BlobListModel::FullNameRole).toString() == name)
            return row;
    return -1;
}

bool listedAt(const ui::MainWindow &window, const QString &prefix)
{
    return window.blobs()->prefix() == prefix && !window.blobs()->isLoading() &&
           window.blobView()->model()->rowCount() > 0;
}

void waitUntilAt(const ui::MainWindow &window, const QString &prefix)
{
    INFO("waiting to show '" << prefix.toStdString() << "', showing '"
                             << window.blobs()->prefix().toStdString() << "'");
    REQUIRE(QTest::qWaitFor([&] { return listedAt(window, prefix); }, kWaitMs));
}

QString statusText(const ui::MainWindow &window)
{
    return window.findChild<QLabel *>(QStringLiteral("itemCount"))->text();
}

} // namespace

TEST_CASE("address: URLs under an account's endpoint and container/path resolve, SAS dropped")
{
    ui::Account emulator;
    emulator.id = QStringLiteral("emu");
    emulator.endpoint = QStringLiteral("http://127.0.0.1:10000/devstoreaccount1");
    ui::Account scoped;
    scoped.id = QStringLiteral("sas");
    scoped.endpoint = QStringLiteral("https://acct.blob.core.windows.net");
    scoped.container = QStringLiteral("photos");
    const QList<ui::Account> accounts{emulator, scoped};
    QString error;

    auto target = ui::resolveAddress(
        QStringLiteral("http://127.0.0.1:10000/devstoreaccount1/c1/raw/2024/a%20b.CR2?sv=x&sig=y"),
        accounts, {}, &error);
    REQUIRE(target);
    CHECK(target->folder == ui::BrowseLocation{QStringLiteral("emu"), QStringLiteral("c1"),
                                               QStringLiteral("raw/2024/")});
    CHECK(target->name == QStringLiteral("a b.CR2"));

    target = ui::resolveAddress(QStringLiteral("https://ACCT.blob.core.windows.net/photos/"),
                                accounts, {}, &error);
    REQUIRE(target);
    CHECK(target->folder.accountId == QStringLiteral("sas"));
    CHECK(target->folder.prefix.isEmpty());
    CHECK(target->name.isEmpty());

    // The SAS reaches one container only; a stranger's host reaches nothing.
    CHECK_FALSE(ui::resolveAddress(QStringLiteral("https://acct.blob.core.windows.net/other/x"),
                                   accounts, {}, &error));
    CHECK(error.startsWith(
        QStringLiteral("No account reaches https://acct.blob.core.windows.net/other/x")));
    CHECK_FALSE(ui::resolveAddress(QStringLiteral("https://evil.example/c/x?sig=secret"), accounts,
                                   {}, &error));
    CHECK_FALSE(error.contains(QStringLiteral("secret")));

    // Relative to the account shown.
    target = ui::resolveAddress(QStringLiteral("/c2/docs/"), accounts,
                                {QStringLiteral("emu"), QStringLiteral("c1"), {}}, &error);
    REQUIRE(target);
    CHECK(target->folder ==
          ui::BrowseLocation{QStringLiteral("emu"), QStringLiteral("c2"), QStringLiteral("docs/")});
    CHECK_FALSE(ui::resolveAddress(QStringLiteral("c2/docs/"), accounts, {}, &error));

    CHECK(ui::addressOf(emulator,
                        {QStringLiteral("emu"), QStringLiteral("c1"), QStringLiteral("raw/")}) ==
          QStringLiteral("http://127.0.0.1:10000/devstoreaccount1/c1/raw/"));
}

TEST_CASE("browse: Enter, Backspace, Alt+Up, Alt+Left/Right and a pasted URL move through "
          "folders, the title and status line say where and how much, and the next start "
          "reopens the folder")
{
    TestService service;
    pointEmulatorAt(service);
    const QString container = service.uniqueContainer(QStringLiteral("browse"));
    service.createContainer(container);
    service.putBlob(container, QStringLiteral("top.txt"), QByteArray(1000, 'a'));
    service.putBlob(container, QStringLiteral("raw/2024/one.CR2"), QByteArray(3000, 'b'));
    service.putBlob(container, QStringLiteral("raw/2024/two.CR2"), QByteArray(4000, 'c'));
    service.putBlob(container, QStringLiteral("raw/notes.txt"), QByteArray(10, 'd'));

    auto window = openWindow();
    openAndWait(*window, container);
    QTableView *view = window->blobView();
    CHECK(statusText(*window) == QStringLiteral("2 items"));
    CHECK(window->windowTitle().startsWith(container + QStringLiteral("/ — ")));

    // Enter on the folder row opens it.
    view->setFocus();
    const int raw = rowOf(*window, QStringLiteral("raw/"));
    REQUIRE(raw >= 0);
    view->setCurrentIndex(view->model()->index(raw, 0));
    QTest::keyClick(view, Qt::Key_Return);
    waitUntilAt(*window, QStringLiteral("raw/"));
    const int year = rowOf(*window, QStringLiteral("raw/2024/"));
    REQUIRE(year >= 0);
    view->setCurrentIndex(view->model()->index(year, 0));
    QTest::keyClick(view, Qt::Key_Enter);
    waitUntilAt(*window, QStringLiteral("raw/2024/"));
    // An elided name's tip shows all of it, with its folders.
    const int one = rowOf(*window, QStringLiteral("raw/2024/one.CR2"));
    REQUIRE(one >= 0);
    CHECK(view->model()->index(one, 0).data(Qt::ToolTipRole).toString() ==
          QStringLiteral("raw/2024/one.CR2"));
    auto *address = window->findChild<QLineEdit *>(QStringLiteral("addressBar"));
    CHECK(address->text() == service.containerUrl(container) + QStringLiteral("/raw/2024/"));
    CHECK(window->windowTitle().startsWith(container + QStringLiteral("/raw/2024/ — ")));

    // Selecting both files shows their total.
    view->setFocus();
    view->selectAll();
    INFO(statusText(*window).toStdString());
    CHECK(statusText(*window) == QStringLiteral("2 items · 2 selected (6.8 kB)"));

    // Backspace and Alt+Up go up; Alt+Left and Alt+Right retrace the steps.
    QTest::keyClick(view, Qt::Key_Backspace);
    waitUntilAt(*window, QStringLiteral("raw/"));
    // A folder's size is not listed: not shown as "0 bytes".
    view->setCurrentIndex(view->model()->index(rowOf(*window, QStringLiteral("raw/2024/")), 0));
    INFO(statusText(*window).toStdString());
    CHECK(statusText(*window).endsWith(QStringLiteral(" · 1 selected (folders: size not listed)")));
    QTest::keyClick(view, Qt::Key_Up, Qt::AltModifier);
    waitUntilAt(*window, QString());
    QTest::keyClick(view, Qt::Key_Left, Qt::AltModifier);
    waitUntilAt(*window, QStringLiteral("raw/"));
    QTest::keyClick(view, Qt::Key_Left, Qt::AltModifier);
    waitUntilAt(*window, QStringLiteral("raw/2024/"));
    QTest::keyClick(view, Qt::Key_Right, Qt::AltModifier);
    waitUntilAt(*window, QStringLiteral("raw/"));
    // Backspace in a text field deletes a character, it does not leave the folder.
    address->setFocus();
    QTest::keyClick(address, Qt::Key_Backspace);
    QTest::qWait(200);
    CHECK(window->blobs()->prefix() == QStringLiteral("raw/"));

    // A pasted blob URL (with a SAS that is not kept) opens its folder and selects the blob.
    address->setText(service.containerUrl(container) +
                     QStringLiteral("/raw/2024/two.CR2?sv=2020&sig=notkept"));
    QTest::keyClick(address, Qt::Key_Return);
    waitUntilAt(*window, QStringLiteral("raw/2024/"));
    INFO(window->statusBar()->currentMessage().toStdString());
    REQUIRE(QTest::qWaitFor([&] { return view->selectionModel()->selectedRows().size() == 1; },
                            kWaitMs));
    CHECK(view->selectionModel()->selectedRows().first().data(ui::BlobListModel::FullNameRole) ==
          QStringLiteral("raw/2024/two.CR2"));
    CHECK_FALSE(address->text().contains(QStringLiteral("notkept")));
    // An address no account reaches says so and stays put.
    address->setText(QStringLiteral("https://nowhere.example/c/x"));
    QTest::keyClick(address, Qt::Key_Return);
    CHECK(window->statusBar()->currentMessage().startsWith(QStringLiteral("No account reaches")));
    CHECK(window->blobs()->prefix() == QStringLiteral("raw/2024/"));

    // Quit and start again: the same folder, the same split.
    auto *split = window->findChild<QSplitter *>(QStringLiteral("mainSplitter"));
    split->setSizes({300, 700});
    const QList<int> sizes = split->sizes();
    window->close();
    window.reset();
    window = openWindow();
    waitUntilAt(*window, QStringLiteral("raw/2024/"));
    CHECK(window->blobs()->container() == container);
    CHECK(window->findChild<QSplitter *>(QStringLiteral("mainSplitter"))->sizes() == sizes);
}
