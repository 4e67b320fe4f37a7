// SPDX-License-Identifier: MIT
// Dragging between the window and a real file manager: pcmanfm under openbox on Xvfb, the mouse
// moved by xdotool as a user's hand would (press, move in steps, release). Rows dragged out
// land in the file manager's folder as an X direct save; files selected in the file manager and
// dragged onto the blob list upload into the container. The screen is saved as
// build/gui-dragout-*.png and build/gui-dragin-*.png for a person to look at.
#include "BlobListModel.h"
#include "MainWindow.h"
#include "TransferQueueModel.h"
#include "WindowDriver.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QLoggingCategory>
#include <QProcess>
#include <QRandomGenerator>
#include <QScreen>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <memory>
#include <xcb/xcb.h>

using namespace blobferry;
using namespace blobferry::test;

namespace {

// A program of the desktop (window manager, file manager) that ends with the test.
class Program
{
public:
    Program(const QString &program, const QStringList &arguments)
    {
        m_process.setProgram(program);
        m_process.setArguments(arguments);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.setStandardOutputFile(QProcess::nullDevice());
        m_process.start();
        INFO(program.toStdString() << " starts");
        REQUIRE(m_process.waitForStarted(30000));
    }
    ~Program()
    {
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(5000);
    }

private:
    QProcess m_process;
};

// Runs xdotool while the event loop turns (a drag runs inside Qt's own loop), its output.
QByteArray xdotool(const QStringList &arguments, int timeoutMs = kWaitMs)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(QStringLiteral("xdotool"), arguments);
    REQUIRE(process.waitForStarted(30000));
    const bool finished =
        QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, timeoutMs);
    if (!finished)
        process.kill();
    INFO("xdotool " << arguments.join(QLatin1Char(' ')).toStdString());
    REQUIRE(finished);
    REQUIRE(process.exitCode() == 0);
    return process.readAllStandardOutput();
}

// A window manager is up once the root window names its check window (EWMH).
bool windowManagerRunning()
{
    auto *x11 = qGuiApp->nativeInterface<QNativeInterface::QX11Application>();
    xcb_connection_t *c = x11->connection();
    const char name[] = "_NET_SUPPORTING_WM_CHECK";
    std::unique_ptr<xcb_intern_atom_reply_t, decltype(&std::free)> atom(
        xcb_intern_atom_reply(c, xcb_intern_atom(c, false, sizeof name - 1, name), nullptr),
        &std::free);
    const xcb_window_t root = xcb_setup_roots_iterator(xcb_get_setup(c)).data->root;
    std::unique_ptr<xcb_get_property_reply_t, decltype(&std::free)> reply(
        xcb_get_property_reply(
            c, xcb_get_property(c, false, root, atom->atom, XCB_ATOM_WINDOW, 0, 1), nullptr),
        &std::free);
    return reply && xcb_get_property_value_length(reply.get()) > 0;
}

// Where a window is on the screen, as the X server has it (xdotool's getwindowgeometry is off
// by the frame for windows a window manager has reparented).
QRect windowGeometry(const QByteArray &window)
{
    auto *x11 = qGuiApp->nativeInterface<QNativeInterface::QX11Application>();
    xcb_connection_t *c = x11->connection();
    const auto id = xcb_window_t(window.toULong());
    const xcb_window_t root = xcb_setup_roots_iterator(xcb_get_setup(c)).data->root;
    std::unique_ptr<xcb_get_geometry_reply_t, decltype(&std::free)> size(
        xcb_get_geometry_reply(c, xcb_get_geometry(c, id), nullptr), &std::free);
    std::unique_ptr<xcb_translate_coordinates_reply_t, decltype(&std::free)> origin(
        xcb_translate_coordinates_reply(c, xcb_translate_coordinates(c, id, root, 0, 0), nullptr),
        &std::free);
    if (!size || !origin)
        return {};
    return QRect(origin->dst_x, origin->dst_y, size->width, size->height);
}

// Presses on `from`, moves in steps to `to` (pausing over it so the target answers the last
// position), and releases: a user's drag, at a pace a loaded machine keeps up with.
void dragWithMouse(const QPoint &from, const QPoint &to)
{
    const auto point = [](const QPoint &p) {
        return QStringList{QStringLiteral("mousemove"), QString::number(p.x()),
                           QString::number(p.y())};
    };
    const QString pause = QStringLiteral("0.15");
    QStringList chain = point(from);
    chain << QStringLiteral("sleep") << QStringLiteral("0.3") << QStringLiteral("mousedown")
          << QStringLiteral("1");
    constexpr int kSteps = 12;
    for (int i = 1; i <= kSteps; ++i)
        chain << QStringLiteral("sleep") << pause << point(from + (to - from) * i / kSteps);
    for (const QPoint wiggle : {QPoint(4, 3), QPoint(0, 0), QPoint(-3, 2), QPoint(0, 0)})
        chain << QStringLiteral("sleep") << QStringLiteral("0.4") << point(to + wiggle);
    chain << QStringLiteral("sleep") << QStringLiteral("0.6") << QStringLiteral("mouseup")
          << QStringLiteral("1");
    xdotool(chain);
}

QPoint rowCentre(QTableView *view, const QString &fullName)
{
    QAbstractItemModel *model = view->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, ui::BlobListModel::NameColumn);
        if (index.data(ui::BlobListModel::FullNameRole).toString() == fullName)
            return view->viewport()->mapToGlobal(view->visualRect(index).center());
    }
    FAIL("no row " << fullName.toStdString());
    return {};
}

bool sameBytes(const QString &path, const QByteArray &expected)
{
    return QFileInfo(path).size() == expected.size() && readFile(path) == expected;
}

// Saves the screen as build/gui-<name>.png.
void saveScreen(const char *name)
{
    const QString path =
        QStringLiteral(BLOBFERRY_SCREENSHOT_DIR "/gui-%1.png").arg(QLatin1String(name));
    INFO("screenshot " << path.toStdString());
    CHECK(QGuiApplication::primaryScreen()->grabWindow(0).save(path));
}

QByteArray randomBytes(int size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = char(QRandomGenerator::global()->bounded(256));
    return bytes;
}

void requireDesktop()
{
    REQUIRE(QGuiApplication::platformName() == QStringLiteral("xcb"));
    for (const char *tool : {"openbox", "pcmanfm", "xdotool"}) {
        INFO(tool << " is installed (scripts/lib/setup.sh)");
        REQUIRE_FALSE(QStandardPaths::findExecutable(QLatin1String(tool)).isEmpty());
    }
}

// openbox, and pcmanfm showing a folder on the right half of the screen.
class Desktop
{
public:
    explicit Desktop(const QString &folder)
    {
        m_windowManager = std::make_unique<Program>(QStringLiteral("openbox"),
                                                    QStringList{QStringLiteral("--sm-disable")});
        REQUIRE(QTest::qWaitFor(windowManagerRunning, kWaitMs));
        m_fileManager = std::make_unique<Program>(QStringLiteral("pcmanfm"),
                                                  QStringList{QStringLiteral("--new-win"), folder});
        const QByteArray pcmanfm = xdotool({QStringLiteral("search"), QStringLiteral("--sync"),
                                            QStringLiteral("--onlyvisible"),
                                            QStringLiteral("--class"), QStringLiteral("pcmanfm")})
                                       .split('\n')
                                       .first();
        REQUIRE_FALSE(pcmanfm.isEmpty());
        xdotool({QStringLiteral("windowsize"), QStringLiteral("--sync"),
                 QString::fromLatin1(pcmanfm), QStringLiteral("600"), QStringLiteral("520")});
        xdotool({QStringLiteral("windowmove"), QStringLiteral("--sync"),
                 QString::fromLatin1(pcmanfm), QStringLiteral("660"), QStringLiteral("40")});
        m_fileManagerRect = windowGeometry(pcmanfm);
    }

    QRect fileManagerRect() const { return m_fileManagerRect; }
    // An empty stretch of its folder view, below the toolbar and right of the side pane.
    QPoint emptySpot() const
    {
        return m_fileManagerRect.topLeft() +
               QPoint(m_fileManagerRect.width() * 2 / 3, m_fileManagerRect.height() * 3 / 5);
    }

private:
    // Declared first, ended last.
    std::unique_ptr<Program> m_windowManager;
    std::unique_ptr<Program> m_fileManager;
    QRect m_fileManagerRect;
};

// The window on the left half of the screen, beside the file manager. The rows are found in
// Qt's coordinates: waits until the window manager has placed the window where Qt believes
// it is.
void placeWindow(ui::MainWindow &window)
{
    window.setGeometry(20, 60, 620, 520);
    const QByteArray windowId = QByteArray::number(window.winId());
    REQUIRE(QTest::qWaitFor(
        [&] { return windowGeometry(windowId).topLeft() == window.geometry().topLeft(); },
        kWaitMs));
}

QImage grabScreen(const QRect &area)
{
    return QGuiApplication::primaryScreen()
        ->grabWindow(0, area.x(), area.y(), area.width(), area.height())
        .toImage();
}

// Grabs `area` until two grabs a moment apart agree: what is drawn there has settled.
QImage settledScreen(const QRect &area)
{
    QImage last = grabScreen(area);
    QImage settled;
    const bool still = QTest::qWaitFor(
        [&] {
            QTest::qWait(250);
            QImage now = grabScreen(area);
            const bool same = now == last;
            last = std::move(now);
            if (same)
                settled = last;
            return same;
        },
        kWaitMs);
    REQUIRE(still);
    return settled;
}

// The first thing drawn differently in `after` than in `before` (both grabs of `area`): the
// leftmost run of columns with changed pixels, and within it the topmost run of rows, in screen
// coordinates; empty when nothing changed. Selecting icons changes their pixels only.
QRect firstChange(const QImage &before, const QImage &after, const QRect &area)
{
    const auto changed = [&](int x, int y) { return before.pixel(x, y) != after.pixel(x, y); };
    const auto columnChanged = [&](int x) {
        for (int y = 0; y < after.height(); ++y)
            if (changed(x, y))
                return true;
        return false;
    };
    int left = 0;
    while (left < after.width() && !columnChanged(left))
        ++left;
    if (left == after.width())
        return {};
    int right = left;
    while (right + 1 < after.width() && columnChanged(right + 1))
        ++right;
    const auto rowChanged = [&](int y) {
        for (int x = left; x <= right; ++x)
            if (changed(x, y))
                return true;
        return false;
    };
    int top = 0;
    while (!rowChanged(top))
        ++top;
    int bottom = top;
    while (bottom + 1 < after.height() && rowChanged(bottom + 1))
        ++bottom;
    return QRect(QPoint(left, top), QPoint(right, bottom)).translated(area.topLeft());
}

// Whether a file manager's folder view (grabbed as `screen`) shows items: something drawn in
// the empty background around `empty` (a point in the grab), between it and the pane's top
// and left edges, where icons and list rows start.
bool showsItems(const QImage &screen, const QPoint &empty)
{
    const QRgb background = screen.pixel(empty);
    int left = empty.x();
    while (left > 0 && screen.pixel(left - 1, empty.y()) == background)
        --left;
    int top = empty.y();
    while (top > 0 && screen.pixel(empty.x(), top - 1) == background)
        --top;
    for (int y = top; y <= empty.y(); ++y)
        for (int x = left; x <= empty.x(); ++x)
            if (screen.pixel(x, y) != background)
                return true;
    return false;
}

} // namespace

TEST_CASE("drag out: a blob, then a folder with a blob, dragged onto pcmanfm land in its folder")
{
    requireDesktop();
    // What the protocol exchanged, in the test's log if it fails.
    QLoggingCategory::setFilterRules(QStringLiteral("blobferry.dragout.debug=true"));

    TestService service;
    pointEmulatorAt(service);
    const QString container = service.uniqueContainer(QStringLiteral("dragout"));
    service.createContainer(container);
    const QByteArray report = randomBytes(300000);
    const QByteArray photo = randomBytes(70000);
    service.putBlob(container, QStringLiteral("report.bin"), report);
    service.putBlob(container, QStringLiteral("photos/a.jpg"), photo);
    service.putBlob(container, QStringLiteral("photos/sub/notes.txt"), "notes");
    service.putBlob(container, QStringLiteral("todo.md"), "- drag out\n");

    QTemporaryDir target;
    REQUIRE(target.isValid());
    const Desktop desktop(target.path());
    const QPoint dropPoint = desktop.emptySpot();

    auto window = openWindow();
    placeWindow(*window);
    openAndWait(*window, container);
    REQUIRE(window->blobs()->rowCount() == 3);

    const QString reportPath = target.filePath(QStringLiteral("report.bin"));
    dragWithMouse(rowCentre(window->blobView(), QStringLiteral("report.bin")), dropPoint);
    const bool reportLanded =
        QTest::qWaitFor([&] { return sameBytes(reportPath, report); }, kWaitMs);
    QTest::qWait(500); // pcmanfm shows the new file
    saveScreen("dragout-blob");
    INFO("report.bin in " << target.path().toStdString());
    REQUIRE(reportLanded);

    // A folder and a blob selected together (Ctrl+click), dragged by the folder's row.
    QTableView *list = window->blobView();
    list->clearSelection();
    for (const QString &name : {QStringLiteral("photos/"), QStringLiteral("todo.md")}) {
        const QPoint at = list->viewport()->mapFromGlobal(rowCentre(list, name));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, Qt::ControlModifier, at);
    }
    REQUIRE(list->selectionModel()->selectedRows().size() == 2);
    dragWithMouse(rowCentre(list, QStringLiteral("photos/")), dropPoint);
    const bool folderLanded = QTest::qWaitFor(
        [&] {
            return sameBytes(target.filePath(QStringLiteral("photos/a.jpg")), photo) &&
                   sameBytes(target.filePath(QStringLiteral("photos/sub/notes.txt")), "notes") &&
                   sameBytes(target.filePath(QStringLiteral("todo.md")), "- drag out\n");
        },
        kWaitMs);
    QTest::qWait(500);
    saveScreen("dragout-folder");
    INFO("photos with everything under it, and todo.md, in " << target.path().toStdString());
    REQUIRE(folderLanded);
    // Nothing else: the direct save does not also leave a file named after the folder.
    CHECK(filesUnder(target.path()) ==
          QStringList{QStringLiteral("photos/a.jpg"), QStringLiteral("photos/sub/notes.txt"),
                      QStringLiteral("report.bin"), QStringLiteral("todo.md")});
}

TEST_CASE("drag in: two files selected in pcmanfm and dragged onto the blob list upload unchanged")
{
    requireDesktop();
    TestService service;
    pointEmulatorAt(service);
    const QString container = service.uniqueContainer(QStringLiteral("dragin"));
    service.createContainer(container);
    TestTree source;
    source.write(QStringLiteral("big.bin"), 300000);
    source.writeText(QStringLiteral("small.txt"), "dragged in\n");
    const QByteArray big = readFile(source.filePath(QStringLiteral("big.bin")));
    REQUIRE(big.size() == 300000);

    const Desktop desktop(source.path());
    auto window = openWindow();
    placeWindow(*window);
    openAndWait(*window, container);
    REQUIRE(window->blobs()->rowCount() == 0);

    // The folder view, without the status bar (its text changes with the selection).
    const QRect folderView = desktop.fileManagerRect().adjusted(0, 0, 0, -40);
    const QPoint empty = desktop.emptySpot() - folderView.topLeft();
    {
        INFO("pcmanfm shows the two files");
        REQUIRE(
            QTest::qWaitFor([&] { return showsItems(grabScreen(folderView), empty); }, kWaitMs));
    }
    // Both selected as a user would: a click on empty space focuses the folder view, Ctrl+A
    // selects all. Where the icons are is where the screen changed.
    xdotool({QStringLiteral("mousemove"), QString::number(desktop.emptySpot().x()),
             QString::number(desktop.emptySpot().y()), QStringLiteral("click"),
             QStringLiteral("1")});
    const QImage unselected = settledScreen(folderView);
    xdotool({QStringLiteral("key"), QStringLiteral("ctrl+a")});
    QRect icon;
    REQUIRE(QTest::qWaitFor(
        [&] {
            icon = firstChange(unselected, settledScreen(folderView), folderView);
            return !icon.isEmpty();
        },
        kWaitMs));
    saveScreen("dragin-selected");

    QTableView *list = window->blobView();
    const QPoint listMiddle = list->viewport()->mapToGlobal(list->viewport()->rect().center());
    dragWithMouse(icon.center(), listMiddle);
    const bool finished = QTest::qWaitFor(
        [&] {
            return completed(*window) +
                       window->queue()->count(ui::TransferQueueModel::Tab::Failed) >=
                   2;
        },
        kWaitMs);
    // The list shows the new blobs, the Queued tab (the one shown) is empty again and the
    // Completed tab's title counts them: all three follow the queue.
    auto *queued = window->queueTabs()->findChild<QTableView *>(QStringLiteral("queueView0"));
    REQUIRE(queued);
    const auto shownInWindow = [&] {
        return window->blobs()->rowCount() == 2 && queued->model()->rowCount() == 0 &&
               window->queueTabs()->tabText(3) == QStringLiteral("Completed (2)");
    };
    const bool shown = finished && QTest::qWaitFor(shownInWindow, kWaitMs);
    // For the screenshot only: the views lay their rows out on the next turns of the loop.
    QTest::qWait(300);
    window->repaint();
    saveScreen("dragin-uploaded");
    INFO("dragged from the icon at " << icon.center().x() << "," << icon.center().y());
    REQUIRE(finished);
    INFO("rows " << window->blobs()->rowCount() << ", tab "
                 << window->queueTabs()->tabText(3).toStdString());
    CHECK(shown);
    REQUIRE(service.blobNames(container) ==
            QStringList{QStringLiteral("big.bin"), QStringLiteral("small.txt")});
    CHECK(service.getBlob(container, QStringLiteral("big.bin")) == big);
    CHECK(service.getBlob(container, QStringLiteral("small.txt")) == "dragged in\n");
}
