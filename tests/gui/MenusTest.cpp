// SPDX-License-Identifier: MIT
// Every way into an upload besides a drag: the File menu and Ctrl+U, a paste of files copied
// in a file manager, a drop onto a folder row; and the menus and About a desktop user expects.
#include "BlobListModel.h"
#include "BlobListView.h"
#include "Settings.h"
#include "TransferManager.h"
#include "TransferQueueModel.h"
#include "WindowDriver.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QTableView>
#include <QTest>
#include <QToolBar>
#include <catch2/catch.hpp>

using namespace blobferry;
using namespace blobferry::test;

namespace {

QStringList actionNames(QMenu *menu)
{
    QStringList names;
    for (QAction *action : menu->actions())
        if (!action->isSeparator())
            names << action->objectName();
    return names;
}

} // namespace

TEST_CASE("menus: File, Edit, View, Transfers and Help hold the commands, with the desktop's "
          "standard shortcuts")
{
    auto window = openWindow();
    QStringList titles;
    QHash<QString, QStringList> menus;
    for (QAction *top : window->menuBar()->actions()) {
        const QString title = top->text().remove(QLatin1Char('&'));
        titles << title;
        menus.insert(title, actionNames(top->menu()));
    }
    CHECK(titles == QStringList{QStringLiteral("File"), QStringLiteral("Edit"),
                                QStringLiteral("View"), QStringLiteral("Transfers"),
                                QStringLiteral("Help")});
    CHECK(menus.value(QStringLiteral("File")) ==
          QStringList{QStringLiteral("addAccountAction"), QStringLiteral("removeAccountAction"),
                      QStringLiteral("newContainerAction"), QStringLiteral("deleteContainerAction"),
                      QStringLiteral("uploadFilesAction"), QStringLiteral("uploadFolderAction"),
                      QStringLiteral("downloadAction"), QStringLiteral("settingsAction"),
                      QStringLiteral("quitAction")});
    CHECK(menus.value(QStringLiteral("Edit")).contains(QStringLiteral("copyUrlAction")));
    CHECK(menus.value(QStringLiteral("Help")).contains(QStringLiteral("aboutAction")));
    auto shortcut = [&](const char *name) {
        return window->findChild<QAction *>(QLatin1String(name))->shortcut();
    };
    CHECK(shortcut("uploadFilesAction") == QKeySequence(Qt::CTRL | Qt::Key_U));
    CHECK(shortcut("uploadFolderAction") == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
    CHECK(shortcut("quitAction") == QKeySequence(QKeySequence::Quit));
    CHECK(shortcut("pasteFilesAction") == QKeySequence(QKeySequence::Paste));
    // Every menu command is named for a screen reader (its text) and none repeats a shortcut.
    QHash<QKeySequence, QString> seen;
    for (QAction *action : window->findChildren<QAction *>()) {
        if (action->shortcut().isEmpty())
            continue;
        INFO(action->objectName().toStdString());
        CHECK_FALSE(seen.contains(action->shortcut()));
        seen.insert(action->shortcut(), action->objectName());
    }

    // About names the version, the Qt it runs on and the licence.
    QString about;
    answerNextModal([&](QWidget *box) {
        about = static_cast<QMessageBox *>(box)->text();
        box->close();
    });
    window->findChild<QAction *>(QStringLiteral("aboutAction"))->trigger();
    CHECK(about.contains(QStringLiteral(BLOBFERRY_VERSION)));
    CHECK(about.contains(QString::fromLatin1(qVersion())));
    CHECK(about.contains(QStringLiteral("MIT")));
}

TEST_CASE("toolbar: every action shows an icon, and different actions look different")
{
    auto window = openWindow();
    auto *toolbar = window->findChild<QToolBar *>(QStringLiteral("mainToolbar"));
    REQUIRE(toolbar);
    // The pixels as drawn, not the QIcon: a missing theme icon or SVG plugin draws nothing.
    QHash<QString, QString> drawnBy; // image bytes → the action that drew them
    int shown = 0;
    for (QAction *action : toolbar->actions()) {
        if (action->isSeparator())
            continue;
        INFO(action->text().toStdString());
        const QImage image = action->icon().pixmap(QSize(22, 22)).toImage();
        REQUIRE_FALSE(image.isNull());
        bool drawn = false;
        for (int y = 0; y < image.height() && !drawn; ++y)
            for (int x = 0; x < image.width() && !drawn; ++x)
                drawn = qAlpha(image.pixel(x, y)) > 0;
        CHECK(drawn);
        const QString key = QString::fromLatin1(
            QByteArray(reinterpret_cast<const char *>(image.constBits()), image.sizeInBytes())
                .toBase64());
        // Pause and Pause all (and their kin) do the same thing to more rows: they may share.
        const QString kind = action->text().section(QLatin1Char(' '), 0, 0);
        if (drawnBy.contains(key))
            CHECK(drawnBy.value(key) == kind);
        drawnBy.insert(key, kind);
        ++shown;
    }
    CHECK(shown >= 10);
}

TEST_CASE("upload: Ctrl+U, a paste of files copied in a file manager and a drop on a folder row "
          "each upload where the user pointed")
{
    TestService service;
    pointEmulatorAt(service);
    const QString container = service.uniqueContainer(QStringLiteral("ways"));
    service.createContainer(container);
    service.putBlob(container, QStringLiteral("inbox/photos/old.jpg"), "already there");
    TestTree local;
    local.write(QStringLiteral("dialog.raw"), 2 * 1024 * 1024 + 1);
    local.write(QStringLiteral("pasted.raw"), 1024 * 1024);
    local.write(QStringLiteral("dropped.raw"), 4096);
    auto window = openWindow();
    // Before a container is open there is nowhere to upload to.
    CHECK_FALSE(window->findChild<QAction *>(QStringLiteral("uploadFilesAction"))->isEnabled());
    openAndWait(*window, container, QStringLiteral("inbox/"));
    CHECK(window->findChild<QAction *>(QStringLiteral("uploadFilesAction"))->isEnabled());

    // Ctrl+U: the file dialog's choice goes into the folder shown.
    bool askedForFolder = true;
    window->setFileChooser([&](bool folder) {
        askedForFolder = folder;
        return QList<QUrl>{QUrl::fromLocalFile(local.filePath(QStringLiteral("dialog.raw")))};
    });
    window->blobView()->setFocus();
    QTest::keyClick(window->blobView(), Qt::Key_U, Qt::ControlModifier);
    CHECK_FALSE(askedForFolder);
    waitForCompleted(*window, 1);
    CHECK(service.getBlob(container, QStringLiteral("inbox/dialog.raw")) ==
          readFile(local.filePath(QStringLiteral("dialog.raw"))));

    // Ctrl+V in the blob list, with only GNOME's clipboard format (as Files and Nemo copy).
    auto *mime = new QMimeData;
    mime->setData(
        QStringLiteral("x-special/gnome-copied-files"),
        "copy\n" + QUrl::fromLocalFile(local.filePath(QStringLiteral("pasted.raw"))).toEncoded());
    QApplication::clipboard()->setMimeData(mime);
    QTest::keyClick(window->blobView(), Qt::Key_V, Qt::ControlModifier);
    waitForCompleted(*window, 2);
    CHECK(service.getBlob(container, QStringLiteral("inbox/pasted.raw")) ==
          readFile(local.filePath(QStringLiteral("pasted.raw"))));

    // A drop onto the "photos" row lands in inbox/photos/, not in the folder shown.
    REQUIRE(QTest::qWaitFor([&] { return window->blobs()->rowCount() >= 3; }, kWaitMs));
    QTableView *view = window->blobView();
    QModelIndex photos;
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        const QModelIndex index = view->model()->index(row, ui::BlobListModel::NameColumn);
        if (index.data(ui::BlobListModel::FullNameRole).toString() ==
            QStringLiteral("inbox/photos/"))
            photos = index;
    }
    REQUIRE(photos.isValid());
    QMimeData dragged;
    dragged.setUrls({QUrl::fromLocalFile(local.filePath(QStringLiteral("dropped.raw")))});
    const QPoint at = view->visualRect(photos).center();
    QDragEnterEvent enter(at, Qt::CopyAction, &dragged, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view->viewport(), &enter);
    REQUIRE(enter.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, &dragged, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view->viewport(), &drop);
    waitForCompleted(*window, 3);
    CHECK(service.getBlob(container, QStringLiteral("inbox/photos/dropped.raw")) ==
          readFile(local.filePath(QStringLiteral("dropped.raw"))));
    CHECK(service.listBlobs(container, QStringLiteral("inbox/dropped")).isEmpty());

    // Copy URL: the selected blob's URL, without any key or SAS.
    view->selectionModel()->clearSelection();
    view->selectRow(photos.row());
    QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
    const QString copied = QApplication::clipboard()->text();
    CHECK(copied.endsWith(QStringLiteral("/%1/inbox/photos/").arg(container)));
    CHECK_FALSE(copied.contains(QLatin1Char('?')));
}

TEST_CASE("accessibility: every control of the window and its dialogs has a name a screen "
          "reader can read")
{
    auto window = openWindow();
    auto unnamed = [](QWidget *top) {
        QStringList missing;
        for (QWidget *widget : top->findChildren<QWidget *>()) {
            // What a screen reader lands on: buttons, fields, lists. Containers and labels are
            // read through their children and buddies.
            const bool control =
                qobject_cast<QAbstractButton *>(widget) || qobject_cast<QLineEdit *>(widget) ||
                qobject_cast<QComboBox *>(widget) || qobject_cast<QAbstractSpinBox *>(widget) ||
                qobject_cast<QAbstractItemView *>(widget);
            // A table's header and a spin box's own text field are read as parts of them.
            const bool part = qobject_cast<QHeaderView *>(widget) ||
                              qobject_cast<QAbstractSpinBox *>(widget->parentWidget());
            if (!control || part || !widget->isVisibleTo(top))
                continue;
            QAccessibleInterface *face = QAccessible::queryAccessibleInterface(widget);
            if (!face || face->text(QAccessible::Name).trimmed().isEmpty())
                missing << QStringLiteral("%1 %2").arg(
                    QLatin1String(widget->metaObject()->className()), widget->objectName());
        }
        return missing;
    };
    QStringList missing = unnamed(window.get());
    INFO(missing.join(QStringLiteral(", ")).toStdString());
    CHECK(missing.isEmpty());

    // The dialogs a user opens from the toolbar: Settings and Add account.
    for (const char *action : {"settingsAction", "addAccountAction"}) {
        QStringList dialogMissing;
        answerNextModal([&](QWidget *dialog) {
            dialogMissing = unnamed(dialog);
            dialog->close();
        });
        window->findChild<QAction *>(QLatin1String(action))->trigger();
        CHECK(
            QTest::qWaitFor([&] { return QApplication::activeModalWidget() == nullptr; }, kWaitMs));
        INFO(action << ": " << dialogMissing.join(QStringLiteral(", ")).toStdString());
        CHECK(dialogMissing.isEmpty());
    }
}

TEST_CASE("empty pane: an empty container says so and how to fill it, a filter that matches "
          "nothing says that, and Pause all and Resume all are offered only when they apply")
{
    TestService service;
    pointEmulatorAt(service);
    const QString container = service.uniqueContainer(QStringLiteral("empty"));
    service.createContainer(container);
    TestTree local;
    local.write(QStringLiteral("slow.raw"), 6 * 1024 * 1024);
    ui::Settings settings = ui::Settings::load();
    settings.capMbps = 16; // 2 MB/s: time to see it running and paused
    settings.blockSizeMiB = 1;
    settings.save();

    auto window = openWindow();
    auto *pauseAll = window->findChild<QAction *>(QStringLiteral("pauseAllAction"));
    auto *resumeAll = window->findChild<QAction *>(QStringLiteral("resumeAllAction"));
    REQUIRE(pauseAll);
    REQUIRE(resumeAll);
    CHECK_FALSE(pauseAll->isEnabled());
    CHECK_FALSE(resumeAll->isEnabled());
    // Nothing open: nothing to open, list snapshots of or count.
    const auto offered = [&](const char *name) {
        return window->findChild<QAction *>(QLatin1String(name))->isEnabled();
    };
    CHECK_FALSE(offered("openBlobAction"));
    CHECK_FALSE(offered("snapshotsAction"));
    CHECK_FALSE(offered("statisticsAction"));
    // The list's context menu comes in groups, opening first.
    const QList<QAction *> menu = window->blobView()->actions();
    CHECK(menu.value(0)->objectName() == QStringLiteral("openBlobAction"));
    CHECK(std::count_if(menu.cbegin(), menu.cend(), [](QAction *a) { return a->isSeparator(); }) ==
          5);

    openAndWait(*window, container);
    CHECK(offered("statisticsAction")); // of the container shown
    CHECK_FALSE(offered("snapshotsAction"));
    auto *pane = dynamic_cast<ui::BlobListView *>(window->blobView());
    REQUIRE(pane);
    REQUIRE(QTest::qWaitFor(
        [&] { return pane->placeholder().startsWith(QStringLiteral("This folder is empty.")); },
        kWaitMs));
    CHECK(pane->placeholder().contains(QStringLiteral("Upload files")));
    CHECK(pane->accessibleDescription() == pane->placeholder());
    auto *filter = window->findChild<QLineEdit *>(QStringLiteral("filter"));
    REQUIRE(filter);
    filter->setText(QStringLiteral("zzz"));
    REQUIRE(QTest::qWaitFor(
        [&] { return pane->placeholder() == QStringLiteral("Nothing here starts with “zzz”."); },
        kWaitMs));
    filter->clear();

    window->uploadUrls({QUrl::fromLocalFile(local.filePath(QStringLiteral("slow.raw")))});
    triggerWhenOffered(*window, "pauseAllAction");
    REQUIRE(QTest::qWaitFor([&] { return window->transfers()->isIdle(); }, kWaitMs));
    REQUIRE(QTest::qWaitFor([&] { return resumeAll->isEnabled(); }, kWaitMs));
    CHECK_FALSE(pauseAll->isEnabled());
    resumeAll->trigger();
    waitForCompleted(*window, 1);
    REQUIRE(QTest::qWaitFor([&] { return pane->placeholder().isEmpty(); }, kWaitMs));
    CHECK(pane->model()->rowCount() == 1);
    CHECK_FALSE(pauseAll->isEnabled());
    CHECK_FALSE(resumeAll->isEnabled());
}
