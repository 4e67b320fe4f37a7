// SPDX-License-Identifier: MIT
// The window's transfer queue: which row actions apply to the selected rows, opening a row's
// local folder, copying errors, and the question on quitting while transfers run.
#include "Accounts.h"
#include "Counted.h"
#include "JobRecord.h"
#include "MainWindow.h"
#include "TransferManager.h"
#include "TransferQueueModel.h"

#include <QAbstractButton>
#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>

namespace blobferry::ui {

using transfer::TransferState;

void MainWindow::connectQueue()
{
    // A row's Source and Destination: its job's places, asked once per job. Jobs of rows that
    // came back as history have theirs from the queue file.
    m_queue->setPlaceResolver([this](int id) {
        const JobRecord *job = m_transfers->job(id);
        if (!job)
            return JobPlaces{};
        const Account *account = m_accounts->account(job->accountId);
        const Account *source = m_accounts->account(job->sourceAccountId);
        return job->places(account ? account->endpoint : QString(),
                           source ? source->endpoint : QString());
    });
    m_folderOpener = [](const QUrl &url) { return QDesktopServices::openUrl(url); };
}

void MainWindow::followMovedRows()
{
    // Pause all moves the running rows to Queued, Resume all back to Active: the person who
    // pressed it sees where they went, not an empty list. Only when the shown tab empties,
    // so a tab the person chose is left alone while it has rows.
    using Tab = TransferQueueModel::Tab;
    const int shown = m_queueTabs->currentIndex();
    const bool transfers = shown == int(Tab::Queued) || shown == int(Tab::Active);
    const int count = transfers ? m_queue->count(Tab(shown)) : 0;
    if (transfers && shown == m_watchedTab && m_watchedCount > 0 && count == 0) {
        const Tab other = shown == int(Tab::Queued) ? Tab::Active : Tab::Queued;
        if (m_queue->count(other) > 0) {
            m_queueTabs->setCurrentIndex(int(other));
            m_watchedTab = int(other);
            m_watchedCount = m_queue->count(other);
            return;
        }
    }
    m_watchedTab = shown;
    m_watchedCount = count;
}

void MainWindow::updateQueueActions()
{
    // One pass over the selection (it may be every row of a large queue).
    bool pausable = false, resumable = false, cancellable = false, retryable = false;
    bool hasError = false, movable = false;
    const QList<int> rows = selectedQueueRows();
    for (int index : rows) {
        const QueueRow &row = m_queue->row(index);
        // A batch that waits, or is paused, has a place in the queue's order to change.
        movable = movable || m_transfers->isWaiting(row.job) ||
                  (row.state == TransferState::Paused && !m_transfers->isRunning(row.job));
        switch (row.state) {
        case TransferState::Queued:
        case TransferState::Active:
            pausable = cancellable = true;
            break;
        case TransferState::Paused:
            resumable = cancellable = true;
            break;
        case TransferState::Failed:
            retryable =
                retryable || (m_transfers->job(row.job) && !m_transfers->isRunning(row.job));
            hasError = hasError || !row.status.isEmpty();
            break;
        case TransferState::Cancelled:
            hasError = hasError || !row.status.isEmpty();
            break;
        case TransferState::Completed:
        case TransferState::Skipped:
            break;
        }
    }
    // The context menu offers only what applies to the rows selected.
    const auto offer = [](QAction *action, bool applies) {
        action->setVisible(applies);
        action->setEnabled(applies);
    };
    offer(m_pause, pausable);
    offer(m_resume, resumable);
    offer(m_cancel, cancellable);
    offer(m_retry, retryable);
    offer(m_moveTop, movable);
    offer(m_moveBottom, movable);
    offer(m_copyError, hasError);
    // The folder on this computer: an upload's source, a download's destination.
    const bool folder = !rows.isEmpty() && !localFolderOf(rows.first()).isEmpty();
    offer(m_openDestination, folder);
    if (folder)
        m_openDestination->setText(m_queue->row(rows.first()).direction == Direction::Upload
                                       ? tr("Open source folder")
                                       : tr("Open destination folder"));
    updateQueueCommands();
}

void MainWindow::revealTransfers()
{
    // A queue tab left empty (or the first start's Queued tab) would hide what the user just
    // started: show the running ones. A tab with rows, or the log, is the user's choice.
    const int tab = m_queueTabs->currentIndex();
    QTableView *view = m_queueViews.value(tab);
    if (view && view->model()->rowCount() == 0)
        m_queueTabs->setCurrentIndex(int(TransferQueueModel::Tab::Active));
}

void MainWindow::updateQueueCommands()
{
    // The whole-queue commands, from the counts alone (cheap at 100,000 rows): each is offered
    // only when it would do something.
    using State = TransferState;
    m_pauseAll->setEnabled(m_queue->count(State::Queued) + m_queue->count(State::Active) > 0);
    m_resumeAll->setEnabled(m_queue->count(State::Paused) > m_transfers->heldCount());
    m_retryAll->setEnabled(m_queue->count(TransferQueueModel::Tab::Failed) > 0);
    m_removeFinished->setEnabled(m_queue->count(TransferQueueModel::Tab::Completed) > 0);
    m_removeFailed->setEnabled(m_queue->count(TransferQueueModel::Tab::Failed) > 0);
}

QString MainWindow::localFolderOf(int index) const
{
    const QueueRow &row = m_queue->row(index);
    if (row.direction != Direction::Upload && row.direction != Direction::Download)
        return {}; // blob to blob: no folder on this computer
    const JobPlaces places = m_queue->places(row.job);
    const QString &local = row.direction == Direction::Upload ? places.source : places.destination;
    if (local.isEmpty())
        return {};
    return QFileInfo(local + row.name).absolutePath();
}

void MainWindow::openLocalFolder()
{
    const QList<int> rows = selectedQueueRows();
    if (rows.isEmpty())
        return;
    const QString folder = localFolderOf(rows.first());
    if (folder.isEmpty())
        return;
    if (m_folderOpener(QUrl::fromLocalFile(folder)))
        return;
    // No file manager or launcher (xdg-open) answered: say so, with the path to go to.
    QMessageBox::warning(this, tr("Open folder"),
                         tr("No program could open the folder %1. Open it in a file manager.")
                             .arg(QDir::toNativeSeparators(folder)));
}

void MainWindow::copyErrors()
{
    QStringList lines;
    for (int row : selectedQueueRows()) {
        const QueueRow &entry = m_queue->row(row);
        if (!entry.status.isEmpty())
            lines.append(entry.name + QStringLiteral(": ") + entry.status);
    }
    QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
}

void MainWindow::askQuit()
{
    if (m_quitQuestion) {
        m_quitQuestion->raise();
        return;
    }
    const int running =
        m_queue->count(TransferState::Active) + m_queue->count(TransferState::Queued);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Quit"),
                                running > 0 ? counted(running, tr("1 transfer is running."),
                                                      tr("%1 transfers are running."))
                                            : tr("Transfers are running."),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("quitQuestion"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *later =
        box->addButton(tr("Quit and continue them next time"), QMessageBox::AcceptRole);
    later->setObjectName(QStringLiteral("quitContinueLaterButton"));
    QPushButton *cancel = box->addButton(tr("Cancel them and quit"), QMessageBox::DestructiveRole);
    cancel->setObjectName(QStringLiteral("quitCancelTransfersButton"));
    QPushButton *stay = box->addButton(tr("Don't quit"), QMessageBox::RejectRole);
    stay->setObjectName(QStringLiteral("dontQuitButton"));
    box->setDefaultButton(later);
    box->setEscapeButton(stay);
    connect(box, &QMessageBox::buttonClicked, this, [this, later, cancel](QAbstractButton *button) {
        if (button != later && button != cancel)
            return; // Don't quit
        if (button == cancel) {
            // What runs now; files already paused by the user stay paused for next time.
            m_cancelAtQuit.clear();
            for (const QueueRow &row : m_queue->rows())
                if (row.state == TransferState::Active || row.state == TransferState::Queued)
                    m_cancelAtQuit.append({row.job, row.name});
        }
        m_stoppingForQuit = true;
        m_transfers->stopForQuit(); // readyToQuit closes the window (closeEvent)
    });
    m_quitQuestion = box;
    box->open(); // window-modal, no nested event loop: the answer arrives in buttonClicked
}

void MainWindow::cancelAtQuit()
{
    if (m_cancelAtQuit.isEmpty())
        return;
    // The engines have stopped: the files are paused, and cancelling them drops them from the
    // queue (with their jobs' leftovers, as any cancel does).
    QList<int> rows;
    for (const auto &[job, name] : std::as_const(m_cancelAtQuit))
        if (const int row = m_queue->find(job, name); row >= 0)
            rows.append(row);
    m_cancelAtQuit.clear();
    m_transfers->cancelRows(rows);
}

} // namespace blobferry::ui
