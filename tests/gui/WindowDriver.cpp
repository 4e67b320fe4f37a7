// SPDX-License-Identifier: MIT
#include "WindowDriver.h"

#include "AccountTreeModel.h"
#include "Accounts.h"
#include "BlobListModel.h"
#include "TransferQueueModel.h"
#include "support/TestService.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QPlainTextEdit>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <catch2/catch.hpp>

namespace blobferry::test {

void pointEmulatorAt(const TestService &service)
{
    qputenv("BLOBFERRY_EMULATOR_ENDPOINT", service.endpoint().toUtf8());
}

std::unique_ptr<ui::MainWindow> openWindow()
{
    auto window = std::make_unique<ui::MainWindow>();
    window->show();
    REQUIRE(QTest::qWaitForWindowExposed(window.get()));
    return window;
}

void waitForContainer(ui::MainWindow &window, const QString &accountId, const QString &container)
{
    auto *tree = static_cast<ui::AccountTreeModel *>(window.accountView()->model());
    const bool listed = QTest::qWaitFor(
        [&] {
            const QModelIndex account = tree->accountIndex(accountId);
            if (tree->canFetchMore(account))
                tree->fetchMore(account);
            return tree->containerIndex(accountId, container).isValid();
        },
        kWaitMs);
    INFO("container " << container.toStdString() << " in the tree");
    REQUIRE(listed);
}

int completed(const ui::MainWindow &window)
{
    return window.queue()->count(ui::TransferQueueModel::Tab::Completed);
}

void waitForCompleted(ui::MainWindow &window, int count)
{
    const bool done = QTest::qWaitFor([&] { return completed(window) == count; }, kWaitMs);
    const auto *log = window.findChild<QPlainTextEdit *>(QStringLiteral("logView"));
    INFO("waiting for " << count << " completed rows; the queue:\n"
                        << queueSummary(window) << "the log:\n"
                        << (log ? log->toPlainText().toStdString() : std::string()));
    REQUIRE(done);
}

std::string queueSummary(const ui::MainWindow &window)
{
    std::string lines;
    const ui::TransferQueueModel *queue = window.queue();
    for (int i = 0; i < queue->rowCount(); ++i) {
        const ui::QueueRow &row = queue->row(i);
        lines += QStringLiteral("%1 [job %2] state %3, %4 of %5 bytes %6\n")
                     .arg(row.name)
                     .arg(row.job)
                     .arg(int(row.state))
                     .arg(row.done)
                     .arg(row.size)
                     .arg(row.status)
                     .toStdString();
    }
    return lines;
}

void selectRow(ui::MainWindow &window, const QString &name)
{
    QTableView *view = window.blobView();
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        const QModelIndex index = view->model()->index(row, 0);
        if (index.data(ui::BlobListModel::FullNameRole).toString() == name) {
            view->setFocus();
            view->setCurrentIndex(index);
            view->selectRow(row);
            return;
        }
    }
    FAIL("no row named " << name.toStdString());
}

void triggerWhenOffered(ui::MainWindow &window, const char *objectName)
{
    auto *action = window.findChild<QAction *>(QString::fromLatin1(objectName));
    INFO("the action " << objectName);
    REQUIRE(action);
    REQUIRE(QTest::qWaitFor([&] { return action->isEnabled(); }, kWaitMs));
    action->trigger();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void openAndWait(ui::MainWindow &window, const QString &container, const QString &prefix)
{
    window.openContainer(QString::fromLatin1(ui::Account::kEmulatorId), container, prefix);
    REQUIRE(QTest::qWaitFor(
        [&] {
            return !window.blobs()->isLoading() &&
                   (window.blobs()->rowCount() > 0 || !window.blobs()->canFetchMore({}));
        },
        kWaitMs));
}

void answerNextModal(std::function<void(QWidget *)> answer)
{
    auto *poll = new QTimer;
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, [poll, answer] {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal)
            return;
        poll->stop();
        poll->deleteLater();
        answer(modal);
    });
    poll->start();
}

} // namespace blobferry::test
