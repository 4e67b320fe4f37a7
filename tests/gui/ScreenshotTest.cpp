// SPDX-License-Identifier: MIT
// The main window on a real X server (Xvfb), captured from the screen as a user would see it
// and saved as build/gui-screenshot.png for a person to look at.
#include "Accounts.h"
#include "BlobListModel.h"
#include "MainWindow.h"
#include "TransferQueueModel.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QApplication>
#include <QImage>
#include <QMenu>
#include <QMenuBar>
#include <QPixmap>
#include <QScreen>
#include <QSet>
#include <QTabWidget>
#include <QTest>
#include <QTimer>
#include <catch2/catch.hpp>

using namespace blobferry;
using namespace blobferry::test;

TEST_CASE("screenshot: the main window renders on a real X server")
{
    REQUIRE(QGuiApplication::platformName() == QStringLiteral("xcb"));
    TestService service;
    qputenv("BLOBFERRY_EMULATOR_ENDPOINT", service.endpoint().toUtf8());
    const QString container = service.uniqueContainer(QStringLiteral("shot"));
    service.createContainer(container);
    service.putBlob(container, QStringLiteral("raw/IMG_0001.CR2"), QByteArray(300000, 'r'));
    service.putBlob(container, QStringLiteral("cover.jpg"), QByteArray(120000, 'j'));
    service.putBlob(container, QStringLiteral("notes.txt"), "notes");
    TestTree local;
    local.write(QStringLiteral("IMG_0002.CR2"), 6 * 1024 * 1024);
    local.write(QStringLiteral("IMG_0003.CR2"), 7 * 1024 * 1024);

    ui::MainWindow window;
    window.resize(1100, 700);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    window.openContainer(QString::fromLatin1(ui::Account::kEmulatorId), container);
    REQUIRE(QTest::qWaitFor([&] { return window.blobs()->rowCount() == 3; }, 30000));
    window.uploadUrls({QUrl::fromLocalFile(local.filePath(QStringLiteral("IMG_0002.CR2"))),
                       QUrl::fromLocalFile(local.filePath(QStringLiteral("IMG_0003.CR2")))});
    REQUIRE(QTest::qWaitFor(
        [&] { return window.queue()->count(ui::TransferQueueModel::Tab::Completed) == 2; }, 30000));
    window.queueTabs()->setCurrentIndex(3);
    QTest::qWait(300); // the last coalesced update and a repaint

    const QPixmap shot = window.screen()->grabWindow(window.winId());
    const QImage image = shot.toImage();
    REQUIRE_FALSE(image.isNull());
    CHECK(image.width() >= 1000);
    // A real rendering has text, icons and frames: many colours, not a blank rectangle.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    INFO("distinct colours " << colours.size());
    CHECK(colours.size() > 50);
    REQUIRE(image.save(QStringLiteral(BLOBFERRY_SCREENSHOT_PATH)));

    // The File menu open, and the About box: each a separate window, so the screen is grabbed
    // where the window is.
    const QRect frame = window.frameGeometry();
    auto grabScreen = [&] {
        return window.screen()->grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height());
    };
    const QString base = QStringLiteral(BLOBFERRY_SCREENSHOT_PATH).chopped(4); // ".png"
    QAction *fileMenu = window.menuBar()->actions().first();
    window.menuBar()->setActiveAction(fileMenu);
    REQUIRE(QTest::qWaitFor([&] { return fileMenu->menu()->isVisible(); }, 10000));
    QTest::qWait(300);
    CHECK(grabScreen().save(base + QStringLiteral("-menu.png")));
    fileMenu->menu()->close();
    QPixmap about;
    QTimer::singleShot(0, [&] {
        REQUIRE(
            QTest::qWaitFor([] { return QApplication::activeModalWidget() != nullptr; }, 10000));
        QTest::qWait(300);
        about = grabScreen();
        QApplication::activeModalWidget()->close();
    });
    window.findChild<QAction *>(QStringLiteral("aboutAction"))->trigger();
    REQUIRE_FALSE(about.isNull());
    CHECK(about.save(base + QStringLiteral("-about.png")));
}
