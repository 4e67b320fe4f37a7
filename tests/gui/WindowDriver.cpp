// SPDX-License-Identifier: MIT
#include "WindowDriver.h"

#include "AccountTreeModel.h"
#include "Accounts.h"
#include "BlobListModel.h"
#include "ConflictPrompter.h"
#include "TransferQueueModel.h"
#include "support/TestService.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
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

QString newContainer(const TestService &service, const char *prefix)
{
    pointEmulatorAt(service);
    const QString container = service.uniqueContainer(QString::fromLatin1(prefix));
    service.createContainer(container);
    return container;
}

void putDamagedBlob(const TestService &service, const QString &container, const QString &name,
                    const QByteArray &content)
{
    const azure::BlobRequests requests = service.requests(container);
    const QByteArray block = QByteArray("block-0").toBase64();
    REQUIRE(service
                .send(requests.putBlock(name, block, content.size(),
                                        [content] {
                                            auto *body = new QBuffer;
                                            body->setData(content);
                                            body->open(QIODevice::ReadOnly);
                                            return body;
                                        }))
                .ok());
    azure::BlobProperties damaged;
    damaged.contentMd5 = QCryptographicHash::hash("not this", QCryptographicHash::Md5).toBase64();
    REQUIRE(service.send(requests.putBlockList(name, {block}, damaged)).ok());
}

DelayedService::DelayedService(const char *prefix)
    : proxy(service.endpoint(), {QStringLiteral("--delay-ms"), QStringLiteral("150")})
{
    qputenv("BLOBFERRY_EMULATOR_ENDPOINT", proxy.endpoint().toUtf8());
    container = service.uniqueContainer(QString::fromLatin1(prefix));
    service.createContainer(container);
    ui::Settings settings = ui::Settings::load();
    settings.concurrency = 2;
    settings.blockSizeMiB = 1;
    settings.save();
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

void selectBlobs(ui::MainWindow &window, const QStringList &shownNames)
{
    QTableView *view = window.blobView();
    view->clearSelection();
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        const QModelIndex index = view->model()->index(row, ui::BlobListModel::NameColumn);
        if (shownNames.contains(index.data().toString()))
            view->selectionModel()->select(index,
                                           QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    REQUIRE(view->selectionModel()->selectedRows().size() == shownNames.size());
}

std::string cell(const ui::MainWindow &window, int tab, int row, int column)
{
    return window.queueView(tab)->model()->index(row, column).data().toString().toStdString();
}

void waitForRows(const ui::MainWindow &window, int tab, int rows)
{
    INFO("tab " << tab << " shows " << rows << " rows");
    REQUIRE(QTest::qWaitFor([&] { return window.queueView(tab)->model()->rowCount() == rows; },
                            kWaitMs));
}

void setCapInSettings(ui::MainWindow &window, double capMbps)
{
    bool answered = false;
    answerNextModal([&](QWidget *modal) {
        auto *cap = modal->findChild<QDoubleSpinBox *>(); // the dialog's only one
        REQUIRE(cap);
        cap->setValue(capMbps);
        modal->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        answered = true;
    });
    window.findChild<QAction *>(QStringLiteral("settingsAction"))->trigger();
    REQUIRE(
        QTest::qWaitFor([&] { return answered && !QApplication::activeModalWidget(); }, kWaitMs));
}

QString logText(const ui::MainWindow &window)
{
    const auto *log = window.findChild<QPlainTextEdit *>(QStringLiteral("logView"));
    REQUIRE(log);
    return log->toPlainText();
}

const ui::QueueRow *rowNamed(const ui::MainWindow &window, const QString &name)
{
    for (const ui::QueueRow &row : window.queue()->rows())
        if (row.name == name)
            return &row;
    return nullptr;
}

namespace {

QStringList namesIn(const ui::MainWindow &window, int tab)
{
    const QAbstractItemModel *shown = window.queueView(tab)->model();
    QStringList names;
    for (int row = 0; row < shown->rowCount(); ++row)
        names.append(shown->index(row, 0).data(ui::TransferQueueModel::NameRole).toString());
    return names;
}

} // namespace

std::string tabNames(const ui::MainWindow &window, int tab)
{
    return namesIn(window, tab).join(QLatin1Char(' ')).toStdString();
}

void onQueueRow(ui::MainWindow &window, int tab, const QString &name, const char *action)
{
    window.queueTabs()->setCurrentIndex(tab);
    QTableView *view = window.queueView(tab);
    int found = -1;
    const bool listed = QTest::qWaitFor(
        [&] {
            found = int(namesIn(window, tab).indexOf(name));
            return found >= 0;
        },
        kWaitMs);
    INFO("the row " << name.toStdString() << " in tab " << tab << "; the queue:\n"
                    << queueSummary(window));
    REQUIRE(listed);
    view->clearSelection();
    view->selectRow(found);
    auto *chosen = window.findChild<QAction *>(QString::fromLatin1(action));
    INFO("the action " << action);
    REQUIRE(chosen);
    REQUIRE(chosen->isEnabled());
    chosen->trigger();
}

void quitContinuingLater(ui::MainWindow &window)
{
    // Polled here rather than with answerNextModal: with nothing running the window does not
    // ask, and no answer may be left behind for a later dialog.
    QTimer poll;
    poll.setInterval(20);
    QObject::connect(&poll, &QTimer::timeout, [] {
        QWidget *modal = QApplication::activeModalWidget();
        if (auto *later =
                modal ? modal->findChild<QPushButton *>(QStringLiteral("quitContinueLaterButton"))
                      : nullptr)
            later->click();
    });
    poll.start();
    window.close();
    REQUIRE(QTest::qWaitFor([&] { return !window.isVisible(); }, kWaitMs));
}

ConflictAnswerer::ConflictAnswerer(ui::MainWindow &window, const char *button)
{
    m_connection = QObject::connect(
        window.conflicts(), &ui::ConflictPrompter::dialogOpened, [this, button](QWidget *dialog) {
            if (++opened > 1)
                return; // not answered here: the test sees it
            if (auto *choice = dialog->findChild<QPushButton *>(QString::fromLatin1(button)))
                QTimer::singleShot(0, choice, &QPushButton::click);
        });
}

ConflictAnswerer::~ConflictAnswerer()
{
    QObject::disconnect(m_connection);
}

} // namespace blobferry::test
