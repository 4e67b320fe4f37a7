// SPDX-License-Identifier: MIT
// Errors shown where the user acted, not only as a Log tab line: a container deleted
// elsewhere before Delete container, a folder whose listing fails, files pasted that are gone.
#include "AccountTreeModel.h"
#include "BlobListModel.h"
#include "WindowDriver.h"
#include "support/TestService.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <catch2/catch.hpp>

using namespace blobferry;
using namespace blobferry::test;

namespace {

const QString kEmulator = QString::fromLatin1(ui::Account::kEmulatorId);

// The text of the warning box shown over the window, once it is up; closes it.
QString warningShown(ui::MainWindow &window)
{
    QPointer<QMessageBox> box;
    REQUIRE(QTest::qWaitFor(
        [&] {
            box = window.findChild<QMessageBox *>(QStringLiteral("warningBox"));
            return box && box->isVisible();
        },
        kWaitMs));
    const QString text = box->text();
    box->close();
    return text;
}

QAction *action(const ui::MainWindow &window, const QString &text)
{
    for (QAction *candidate : window.findChildren<QAction *>())
        if (candidate->text() == text)
            return candidate;
    FAIL("no action " << text.toStdString());
    return nullptr;
}

} // namespace

TEST_CASE("errors: Delete container on a container someone else deleted says so over the "
          "window, and the tree and the browser drop it")
{
    TestService service;
    pointEmulatorAt(service);
    const QString container = service.uniqueContainer(QStringLiteral("gone"));
    service.createContainer(container);
    auto window = openWindow();
    waitForContainer(*window, kEmulator, container);
    openAndWait(*window, container);

    // Deleted by someone else while the window shows it.
    REQUIRE(service.send(service.requests(container).deleteContainer()).status == 202);

    auto *tree = static_cast<ui::AccountTreeModel *>(window->accountView()->model());
    window->accountView()->setCurrentIndex(tree->containerIndex(kEmulator, container));
    answerNextModal([](QWidget *box) {
        auto *question = qobject_cast<QMessageBox *>(box);
        REQUIRE(question);
        question->button(QMessageBox::Yes)->click();
    });
    window->findChild<QAction *>(QStringLiteral("deleteContainerAction"))->trigger();

    CHECK(warningShown(*window) ==
          QStringLiteral("The container %1 was not there any more: it was deleted elsewhere. The "
                         "list of containers is brought up to date.")
              .arg(container));
    REQUIRE(QTest::qWaitFor([&] { return !tree->containerIndex(kEmulator, container).isValid(); },
                            kWaitMs));
    CHECK_FALSE(window->blobs()->hasLocation());
}

TEST_CASE("errors: a listing that fails says why above the list, until a listing works")
{
    TestService service;
    pointEmulatorAt(service);
    const QString container = service.uniqueContainer(QStringLiteral("listed"));
    service.createContainer(container);
    service.putBlob(container, QStringLiteral("a.txt"), "a");
    auto window = openWindow();
    auto *banner = window->findChild<QLabel *>(QStringLiteral("listingError"));
    REQUIRE(banner);
    openAndWait(*window, container);
    CHECK_FALSE(banner->isVisible());

    // The container goes while the window shows it; Refresh cannot list it.
    REQUIRE(service.send(service.requests(container).deleteContainer()).status == 202);
    action(*window, QStringLiteral("Refresh"))->trigger();
    REQUIRE(QTest::qWaitFor([&] { return banner->isVisible(); }, kWaitMs));
    INFO(banner->text().toStdString());
    CHECK(banner->text().startsWith(QStringLiteral("Cannot list %1/: ").arg(container)));
    CHECK(banner->text().contains(QStringLiteral("404")));

    // A folder that lists clears it.
    const QString other = service.uniqueContainer(QStringLiteral("other"));
    service.createContainer(other);
    service.putBlob(other, QStringLiteral("b.txt"), "b");
    openAndWait(*window, other);
    CHECK(window->blobs()->rowCount() == 1);
    CHECK_FALSE(banner->isVisible());
}

TEST_CASE("errors: a paste of files that are no longer there says so over the window")
{
    TestService service;
    pointEmulatorAt(service);
    const QString container = service.uniqueContainer(QStringLiteral("paste"));
    service.createContainer(container);
    service.putBlob(container, QStringLiteral("a.txt"), "a");
    QTemporaryDir local;
    const QString gone = local.filePath(QStringLiteral("moved-away.raw"));
    auto window = openWindow();
    openAndWait(*window, container);

    auto *mime = new QMimeData;
    mime->setUrls({QUrl::fromLocalFile(gone)});
    QApplication::clipboard()->setMimeData(mime);
    window->findChild<QAction *>(QStringLiteral("pasteFilesAction"))->trigger();
    CHECK(warningShown(*window) == QStringLiteral("Not uploaded, no longer there:\n%1").arg(gone));
}
