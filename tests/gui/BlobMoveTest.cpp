// SPDX-License-Identifier: MIT
// Rename (F2), Move…, New folder, Copy and Paste in the blob list: the real window on the run's
// Azurite, the real dialogs answered as a user would, each result checked through the service.
#include "BlobListModel.h"
#include "ConflictPrompter.h"
#include "TransferQueueModel.h"
#include "WindowDriver.h"
#include "azure/BlobDetails.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <catch2/catch.hpp>

using namespace blobferry;
using namespace blobferry::test;
using ui::TransferQueueModel;

namespace {

// Selects the rows whose blob names or folder prefixes are `fullNames`.
void selectItems(ui::MainWindow &window, const QStringList &fullNames)
{
    QTableView *view = window.blobView();
    view->clearSelection();
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        const QModelIndex index = view->model()->index(row, ui::BlobListModel::NameColumn);
        if (fullNames.contains(index.data(ui::BlobListModel::FullNameRole).toString())) {
            view->selectionModel()->select(index,
                                           QItemSelectionModel::Select | QItemSelectionModel::Rows);
            view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
        }
    }
    REQUIRE(view->selectionModel()->selectedRows().size() == fullNames.size());
    view->setFocus();
}

int rowsNamed(ui::MainWindow &window, const QString &fullName)
{
    int found = 0;
    const QAbstractItemModel *model = window.blobView()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        found += model->index(row, 0).data(ui::BlobListModel::FullNameRole).toString() == fullName;
    return found;
}

// Answers the next naming dialog (Rename, Move…, New folder) with `text`.
void answerName(const QString &dialogName, const QString &text)
{
    answerNextModal([=](QWidget *modal) {
        auto *dialog = qobject_cast<QDialog *>(modal);
        REQUIRE(dialog);
        REQUIRE(dialog->objectName() == dialogName);
        dialog->findChild<QLineEdit *>(QStringLiteral("nameField"))->setText(text);
        dialog->accept();
    });
}

net::HttpResult properties(const TestService &service, const QString &container,
                           const QString &name)
{
    return service.send(service.requests(container).getProperties(name));
}

// Clicks `button` in every conflict dialog, with "for all" ticked.
QMetaObject::Connection answerConflicts(ui::MainWindow &window, const char *button,
                                        std::function<void()> first = {})
{
    auto asked = std::make_shared<int>(0);
    return QObject::connect(
        window.conflicts(), &ui::ConflictPrompter::dialogOpened, [=](QWidget *dialog) {
            if ((*asked)++ == 0 && first)
                first();
            if (auto *all = dialog->findChild<QAbstractButton *>(QStringLiteral("forAllCheck")))
                all->setChecked(true);
            auto *choice = dialog->findChild<QPushButton *>(QLatin1String(button));
            REQUIRE(choice);
            QTimer::singleShot(0, choice, &QPushButton::click);
        });
}

} // namespace

TEST_CASE("rename: F2 renames a blob with its bytes, properties and metadata, then a folder "
          "with everything in it")
{
    TestService service;
    pointEmulatorAt(service);
    const QString container = service.uniqueContainer(QStringLiteral("guirename"));
    service.createContainer(container);
    const QString report = QStringLiteral("docs/report.txt");
    service.putBlob(container, report, "quarterly numbers");
    const auto stored = properties(service, container, report);
    azure::BlobHttpHeaders headers;
    headers.contentMd5 = azure::BlobDetails::fromHeaders(report, stored).headers.contentMd5;
    headers.contentType = QStringLiteral("text/plain");
    REQUIRE(service.send(service.requests(container).setHttpHeaders(report, headers, {})).status ==
            200);
    REQUIRE(service
                .send(service.requests(container).setMetadata(
                    report, {{QStringLiteral("owner"), QStringLiteral("ops")}}, {}))
                .status == 200);
    service.snapshotBlob(container, report);
    service.putBlob(container, QStringLiteral("docs/sub/deep.txt"), "deep");
    service.putBlob(container, QStringLiteral("docs/other.txt"), "other");
    auto window = openWindow();
    openAndWait(*window, container, QStringLiteral("docs/"));

    // What is offered follows the selection: Rename for exactly one row; Properties when the
    // focused row (else the first selected) is a blob, not a folder.
    auto offered = [&](const char *name) {
        return window->findChild<QAction *>(QString::fromLatin1(name))->isEnabled();
    };
    QItemSelectionModel *selection = window->blobView()->selectionModel();
    auto click = [&](const QString &fullName, QItemSelectionModel::SelectionFlags how) {
        const QAbstractItemModel *model = window->blobView()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, ui::BlobListModel::NameColumn);
            if (index.data(ui::BlobListModel::FullNameRole).toString() == fullName)
                selection->setCurrentIndex(index, how | QItemSelectionModel::Rows);
        }
    };
    // As clicks do: the row clicked becomes the focused one, then the selection changes.
    click(QStringLiteral("docs/sub/"), QItemSelectionModel::ClearAndSelect);
    click(report, QItemSelectionModel::Select);
    CHECK(offered("propertiesAction")); // the focused blob, though the folder came first
    CHECK_FALSE(offered("renameAction"));
    click(report, QItemSelectionModel::ClearAndSelect);
    click(QStringLiteral("docs/sub/"), QItemSelectionModel::Select);
    CHECK_FALSE(offered("propertiesAction")); // the focused folder, though the blob came first
    selectItems(*window, {report, QStringLiteral("docs/other.txt")});
    CHECK_FALSE(offered("renameAction"));
    CHECK(offered("moveAction"));
    selectItems(*window, {QStringLiteral("docs/sub/")});
    CHECK(offered("renameAction"));
    CHECK_FALSE(offered("propertiesAction"));
    selectItems(*window, {report});
    CHECK(offered("renameAction"));
    CHECK(offered("propertiesAction"));

    // A name with '/' is refused under the field; the dialog keeps what was typed.
    bool keptTyped = false;
    QString error;
    QString note;
    answerNextModal([&](QWidget *modal) {
        auto *dialog = qobject_cast<QDialog *>(modal);
        REQUIRE(dialog);
        REQUIRE(dialog->objectName() == QStringLiteral("renameDialog"));
        auto *field = dialog->findChild<QLineEdit *>(QStringLiteral("nameField"));
        CHECK(field->selectedText() == QStringLiteral("report"));
        note = dialog->findChild<QLabel *>(QStringLiteral("nameNote"))->text();
        field->setText(QStringLiteral("elsewhere/summary.txt"));
        dialog->accept();
        auto *shown = dialog->findChild<QLabel *>(QStringLiteral("nameError"));
        keptTyped = dialog->isVisible() &&
                    field->text() == QStringLiteral("elsewhere/summary.txt") &&
                    shown->isVisibleTo(dialog);
        error = shown->text();
        field->setText(QStringLiteral("summary.txt"));
        dialog->accept();
    });
    QTest::keyClick(window->blobView(), Qt::Key_F2);
    CHECK(keptTyped);
    CHECK(error.contains(QStringLiteral("'/'")));
    // Said before anything moved: the snapshots do not follow the blob.
    CHECK(note.contains(QStringLiteral("Snapshots are not copied")));
    REQUIRE(QTest::qWaitFor([&] { return completed(*window) == 1; }, kWaitMs));
    CHECK(window->queue()->data(window->queue()->index(0, TransferQueueModel::DirectionColumn),
                                Qt::DisplayRole) == QStringLiteral("Move"));
    const QString summary = QStringLiteral("docs/summary.txt");
    CHECK(service.getBlob(container, summary) == "quarterly numbers");
    const auto renamed = properties(service, container, summary);
    CHECK(renamed.header("Content-Type") == "text/plain");
    CHECK(renamed.header("x-ms-meta-owner") == "ops");
    CHECK(renamed.header("Content-MD5") == stored.header("Content-MD5"));
    CHECK(properties(service, container, report).status == 404);
    CHECK(service.countWithSnapshots(container, report) == 0); // its snapshot went with it

    // A folder: every blob under its prefix, through the queue.
    openAndWait(*window, container);
    selectItems(*window, {QStringLiteral("docs/")});
    answerName(QStringLiteral("renameDialog"), QStringLiteral("papers"));
    window->findChild<QAction *>(QStringLiteral("renameAction"))->trigger();
    REQUIRE(QTest::qWaitFor([&] { return completed(*window) == 4; }, kWaitMs));
    CHECK(service.blobNames(container) == QStringList{QStringLiteral("papers/other.txt"),
                                                      QStringLiteral("papers/sub/deep.txt"),
                                                      QStringLiteral("papers/summary.txt")});
    CHECK(service.getBlob(container, QStringLiteral("papers/sub/deep.txt")) == "deep");
}

TEST_CASE("move: blobs go to the folder typed, and one changed after it was listed is neither "
          "copied nor deleted, and its row says so")
{
    TestService service;
    pointEmulatorAt(service);
    const QString container = service.uniqueContainer(QStringLiteral("guimove"));
    service.createContainer(container);
    service.putBlob(container, QStringLiteral("a.txt"), "a as listed");
    service.putBlob(container, QStringLiteral("b.txt"), "b");
    service.putBlob(container, QStringLiteral("archive/a.txt"), "an older a");
    auto window = openWindow();
    openAndWait(*window, container);
    selectItems(*window, {QStringLiteral("a.txt"), QStringLiteral("b.txt")});

    // archive/a.txt exists: while the question is open, someone writes a.txt again.
    const auto conflicts = answerConflicts(*window, "overwriteButton", [&] {
        service.putBlob(container, QStringLiteral("a.txt"), "a written meanwhile");
    });
    answerName(QStringLiteral("moveDialog"), QStringLiteral("archive"));
    window->findChild<QAction *>(QStringLiteral("moveAction"))->trigger();
    REQUIRE(QTest::qWaitFor(
        [&] {
            return completed(*window) == 1 &&
                   window->queue()->count(TransferQueueModel::Tab::Failed) == 1;
        },
        kWaitMs));
    QObject::disconnect(conflicts);
    CHECK(service.getBlob(container, QStringLiteral("archive/b.txt")) == "b");
    CHECK(properties(service, container, QStringLiteral("b.txt")).status == 404);
    // Nothing lost: the new a.txt stays where it was, and the older copy is not overwritten.
    CHECK(service.getBlob(container, QStringLiteral("a.txt")) == "a written meanwhile");
    CHECK(service.getBlob(container, QStringLiteral("archive/a.txt")) == "an older a");
    QString status;
    for (int row = 0; row < window->queue()->rowCount(); ++row)
        if (window->queue()->row(row).name == QStringLiteral("a.txt"))
            status = window->queue()->row(row).status;
    INFO(status.toStdString());
    CHECK(status.contains(QStringLiteral("changed after it was listed")));
}

TEST_CASE("copy and paste: Ctrl+C and Ctrl+V copy blobs and a folder into another account's "
          "container, and a second paste keeps both")
{
    TestService service;
    pointEmulatorAt(service);
    const QString from = service.uniqueContainer(QStringLiteral("guicopyfrom"));
    const QString to = service.uniqueContainer(QStringLiteral("guicopyto"));
    service.createContainer(from);
    service.createContainer(to);
    service.putBlob(from, QStringLiteral("x.txt"), "x bytes");
    service.putBlob(from, QStringLiteral("dir/y.txt"), "y bytes");
    auto window = openWindow();
    // The destination through another account: one added with a SAS, which cannot read the
    // source, so the engine signs a read-only SAS from the source's key.
    QString error;
    const auto added = ui::AccountStore::fromSasUrl(
        service.endpoint() + QLatin1Char('?') + service.accountSas(), &error);
    INFO(error.toStdString());
    REQUIRE(added);
    QString addError = QStringLiteral("pending");
    window->accounts()->add(*added, [&](const QString &why) { addError = why; });
    REQUIRE(QTest::qWaitFor([&] { return addError != QStringLiteral("pending"); }, kWaitMs));
    REQUIRE(addError.isEmpty());

    openAndWait(*window, from);
    selectItems(*window, {QStringLiteral("x.txt"), QStringLiteral("dir/")});
    QTest::keyClick(window->blobView(), Qt::Key_C, Qt::ControlModifier);
    const QString text = QApplication::clipboard()->text();
    CHECK(text.contains(QStringLiteral("/%1/x.txt").arg(from)));
    CHECK_FALSE(text.contains(QLatin1Char('?')));

    window->openContainer(added->account.id, to);
    REQUIRE(QTest::qWaitFor([&] { return !window->blobs()->isLoading(); }, kWaitMs));
    window->blobView()->setFocus();
    window->queueTabs()->setCurrentIndex(int(ui::TransferQueueModel::Tab::Queued)); // empty
    QTest::keyClick(window->blobView(), Qt::Key_V, Qt::ControlModifier);
    // The queue shows what the paste started, not an empty tab.
    CHECK(window->queueTabs()->currentIndex() == int(ui::TransferQueueModel::Tab::Active));
    REQUIRE(QTest::qWaitFor([&] { return completed(*window) == 2; }, kWaitMs));
    CHECK(service.getBlob(to, QStringLiteral("x.txt")) == "x bytes");
    CHECK(service.getBlob(to, QStringLiteral("dir/y.txt")) == "y bytes");
    CHECK(service.blobNames(from).size() == 2); // a copy leaves the source

    // Again, after both were changed there (identical blobs would be skipped unasked): the
    // usual dialog's Keep both puts each copy beside its namesake.
    service.putBlob(to, QStringLiteral("x.txt"), "x changed there");
    service.putBlob(to, QStringLiteral("dir/y.txt"), "y changed there");
    const auto conflicts = answerConflicts(*window, "keepBothButton");
    window->findChild<QAction *>(QStringLiteral("pasteFilesAction"))->trigger();
    REQUIRE(QTest::qWaitFor([&] { return completed(*window) == 4; }, kWaitMs));
    QObject::disconnect(conflicts);
    CHECK(service.blobNames(to) ==
          QStringList{QStringLiteral("dir/y(1).txt"), QStringLiteral("dir/y.txt"),
                      QStringLiteral("x(1).txt"), QStringLiteral("x.txt")});
    CHECK(service.getBlob(to, QStringLiteral("x(1).txt")) == "x bytes");
    CHECK(service.getBlob(to, QStringLiteral("x.txt")) == "x changed there");
}

TEST_CASE("new folder: shown until it holds something, and a file dropped on it lands in it")
{
    TestService service;
    pointEmulatorAt(service);
    const QString container = service.uniqueContainer(QStringLiteral("guinewfolder"));
    service.createContainer(container);
    service.putBlob(container, QStringLiteral("keep.txt"), "kept");
    TestTree local;
    local.writeText(QStringLiteral("dropped.txt"), "dropped bytes");
    auto window = openWindow();
    openAndWait(*window, container);

    answerName(QStringLiteral("newFolderDialog"), QStringLiteral("inbox"));
    window->findChild<QAction *>(QStringLiteral("newFolderAction"))->trigger();
    REQUIRE(QTest::qWaitFor([&] { return rowsNamed(*window, QStringLiteral("inbox/")) == 1; },
                            kWaitMs));
    CHECK(service.blobNames(container) == QStringList{QStringLiteral("keep.txt")});

    QTableView *view = window->blobView();
    QModelIndex inbox;
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        const QModelIndex index = view->model()->index(row, ui::BlobListModel::NameColumn);
        if (index.data(ui::BlobListModel::FullNameRole).toString() == QStringLiteral("inbox/"))
            inbox = index;
    }
    REQUIRE(inbox.isValid());
    QMimeData dragged;
    dragged.setUrls({QUrl::fromLocalFile(local.filePath(QStringLiteral("dropped.txt")))});
    const QPoint at = view->visualRect(inbox).center();
    QDragEnterEvent enter(at, Qt::CopyAction, &dragged, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view->viewport(), &enter);
    REQUIRE(enter.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, &dragged, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view->viewport(), &drop);
    REQUIRE(QTest::qWaitFor([&] { return completed(*window) == 1; }, kWaitMs));
    CHECK(service.getBlob(container, QStringLiteral("inbox/dropped.txt")) == "dropped bytes");
    // Listed by the service now: one row, not the new folder's and the listing's.
    window->blobs()->refresh();
    REQUIRE(QTest::qWaitFor(
        [&] { return !window->blobs()->isLoading() && !window->blobs()->canFetchMore({}); },
        kWaitMs));
    CHECK(rowsNamed(*window, QStringLiteral("inbox/")) == 1);
    CHECK(window->blobs()->rowCount() == 2);
}
