// SPDX-License-Identifier: MIT
// Downloading many blobs selected in one folder of the browser: the files land byte-exact,
// what was not selected stays behind, and the folder is listed once for all of them (the
// fault proxy counts the requests), not once per selected name; a selected blob gone by then
// fails in a row of its own, with why.
#include "BlobListModel.h"
#include "MainWindow.h"
#include "TransferManager.h"
#include "TransferQueueModel.h"
#include "WindowDriver.h"
#include "support/FaultProxyProcess.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <catch2/catch.hpp>

using namespace blobferry;
using namespace blobferry::test;

namespace {

constexpr int kSelected = 40;

QString selectedName(int i)
{
    return QStringLiteral("IMG_%1.CR2").arg(i, 4, 10, QLatin1Char('0'));
}

// GETs the proxy has relayed, once the window has been idle long enough for its counts file
// (rewritten every 100 ms) to hold them all.
qint64 getsSoFar(const ui::MainWindow &window, const FaultProxyProcess &proxy)
{
    REQUIRE(QTest::qWaitFor([&] { return window.transfers()->isIdle(); }, kWaitMs));
    QTest::qWait(400);
    return proxy.count(QStringLiteral("requestsByMethod.GET"));
}

} // namespace

TEST_CASE("download: forty files selected in a folder land byte-exact with one listing of the "
          "folder, and what was not selected stays behind")
{
    TestService service;
    FaultProxyProcess proxy(service.endpoint(), {});
    qputenv("BLOBFERRY_EMULATOR_ENDPOINT", proxy.endpoint().toUtf8());
    const QString container = service.uniqueContainer(QStringLiteral("selection"));
    service.createContainer(container);
    for (int i = 0; i < kSelected; ++i)
        service.putBlob(container, QStringLiteral("shoot/") + selectedName(i),
                        TestTree::contentFor(selectedName(i), 1000 + i));
    service.putBlob(container, QStringLiteral("shoot/notes.txt"), "not selected");
    service.putBlob(container, QStringLiteral("shoot/edits/IMG_0000.xmp"), "not selected either");

    auto window = openWindow();
    openAndWait(*window, container, QStringLiteral("shoot/"));
    QTableView *view = window->blobView();
    view->setFocus();
    int rows = 0;
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        const QModelIndex index = view->model()->index(row, 0);
        if (index.data(ui::BlobListModel::FullNameRole)
                .toString()
                .startsWith(QStringLiteral("shoot/IMG_"))) {
            view->selectionModel()->select(index,
                                           QItemSelectionModel::Select | QItemSelectionModel::Rows);
            ++rows;
        }
    }
    REQUIRE(rows == kSelected);
    const qint64 before = getsSoFar(*window, proxy);

    QTemporaryDir target;
    window->downloadSelectionTo(target.path());
    waitForCompleted(*window, kSelected);

    const QDir folder(target.path());
    CHECK(folder.entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).size() ==
          kSelected);
    for (int i = 0; i < kSelected; ++i)
        CHECK(readFile(folder.filePath(selectedName(i))) ==
              TestTree::contentFor(selectedName(i), 1000 + i));
    // One Get Blob per file and one page listing the folder; a listing per name made 80.
    const qint64 gets = getsSoFar(*window, proxy) - before;
    INFO("GET requests for the download: " << gets);
    CHECK(gets <= kSelected + 2);
}

TEST_CASE("download: a selected blob deleted before the download starts fails in its own row "
          "with why, and the others land")
{
    TestService service;
    const QString container = newContainer(service, "gone");
    const QStringList names = {QStringLiteral("a.txt"), QStringLiteral("b.txt"),
                               QStringLiteral("c.txt")};
    for (const QString &name : names)
        service.putBlob(container, name, name.toUtf8());

    auto window = openWindow();
    openAndWait(*window, container);
    window->blobView()->setFocus();
    window->blobView()->selectAll();
    // Someone else deletes one while the user looks at the listing.
    service.send(service.requests(container).deleteBlob(QStringLiteral("b.txt")));
    QTemporaryDir target;
    window->downloadSelectionTo(target.path());
    waitForCompleted(*window, 2);
    REQUIRE(QTest::qWaitFor([&] { return window->transfers()->isIdle(); }, kWaitMs));

    INFO(queueSummary(*window));
    const ui::TransferQueueModel *queue = window->queue();
    REQUIRE(queue->count(ui::TransferQueueModel::Tab::Failed) == 1);
    const ui::QueueRow *gone = nullptr;
    for (int i = 0; i < queue->rowCount(); ++i)
        if (queue->row(i).name == QStringLiteral("b.txt"))
            gone = &queue->row(i);
    REQUIRE(gone);
    CHECK(gone->state == transfer::TransferState::Failed);
    CHECK(gone->status.contains(QStringLiteral("no longer found at the source")));
    CHECK(readFile(QDir(target.path()).filePath(QStringLiteral("a.txt"))) == "a.txt");
    CHECK(readFile(QDir(target.path()).filePath(QStringLiteral("c.txt"))) == "c.txt");
    CHECK_FALSE(QFile::exists(QDir(target.path()).filePath(QStringLiteral("b.txt"))));
}

TEST_CASE("download: the folder dialog opens where the last download went, once it was chosen")
{
    TestService service;
    const QString container = newContainer(service, "lastfolder");
    service.putBlob(container, QStringLiteral("one.txt"), "one");

    auto window = openWindow();
    openAndWait(*window, container);
    selectRow(*window, QStringLiteral("one.txt"));
    QTemporaryDir chosen;
    // Answers "Download to" with `folder` after noting where the dialog opened.
    const auto downloadVia = [&](const QString &folder) {
        QString openedAt;
        answerNextModal([&](QWidget *modal) {
            auto *dialog = qobject_cast<QFileDialog *>(modal);
            REQUIRE(dialog);
            openedAt = dialog->directory().absolutePath();
            dialog->setDirectory(folder);
            QMetaObject::invokeMethod(dialog, "accept"); // a slot: what Choose does
        });
        triggerWhenOffered(*window, "downloadAction");
        return openedAt;
    };

    // Nothing chosen yet, and this session's home has no Downloads folder: home.
    CHECK(downloadVia(chosen.path()) == QDir::homePath());
    waitForCompleted(*window, 1);
    CHECK(readFile(QDir(chosen.path()).filePath(QStringLiteral("one.txt"))) == "one");

    QTemporaryDir other;
    CHECK(downloadVia(other.path()) == QFileInfo(chosen.path()).absoluteFilePath());
}
