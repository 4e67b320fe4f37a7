// SPDX-License-Identifier: MIT
// Deleting from the browser: blobs and folders of the folder shown, and containers of the
// account tree. Each asks first, and what it could not do is shown in a box over the window
// (the Log tab has every line): a blob written since it was listed, a refusal, a container
// someone else deleted already.
#include "AccountTreeModel.h"
#include "Accounts.h"
#include "BlobListModel.h"
#include "BlobOperations.h"
#include "Counted.h"
#include "MainWindow.h"
#include "WarningBox.h"

#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTreeView>

namespace blobferry::ui {

namespace {

constexpr int kProblemsShown = 10; // in the box; the Log tab has them all

} // namespace

void MainWindow::deleteSelection()
{
    QList<ListedBlob> blobs;
    QStringList folders;
    for (const QModelIndex &index : m_blobView->selectionModel()->selectedRows()) {
        const QModelIndex source = m_blobSort->mapToSource(index);
        const QString name = source.data(BlobListModel::FullNameRole).toString();
        if (source.data(BlobListModel::IsFolderRole).toBool())
            folders.append(name);
        else
            blobs.append({name, source.data(BlobListModel::EtagRole).toByteArray()});
    }
    if (blobs.isEmpty() && folders.isEmpty())
        return;
    const QString blobCount = counted(blobs.size(), tr("1 blob"), tr("%1 blobs"));
    const QString folderCount = counted(folders.size(), tr("1 folder"), tr("%1 folders"));
    const QString what = blobs.isEmpty()     ? folderCount
                         : folders.isEmpty() ? blobCount
                                             : tr("%1 and %2").arg(blobCount, folderCount);
    const QString question =
        (folders.isEmpty() ? tr("Delete %1 from %2? Their snapshots go too.")
                           : tr("Delete %1 from %2? Everything in the folders and every snapshot "
                                "go too."))
            .arg(what, m_blobs->container());
    if (QMessageBox::question(this, tr("Delete"), question, QMessageBox::Yes | QMessageBox::Cancel,
                              QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    deleteBlobs(
        m_requester, m_blobs->connection(), m_blobs->container(), blobs, folders, this,
        [this](const QString &line) { appendLog(line); },
        [this](const DeletionProblems &problems) {
            m_blobs->refresh();
            if (problems.lines.isEmpty())
                return;
            QStringList shown = problems.lines.mid(0, kProblemsShown);
            if (problems.lines.size() > kProblemsShown)
                shown.append(tr("…and %1 more (the Log tab lists them)")
                                 .arg(problems.lines.size() - kProblemsShown));
            showWarning(this, tr("Delete"),
                        tr("Not everything was deleted:\n%1").arg(shown.join(QLatin1Char('\n'))));
        });
}

void MainWindow::deleteContainer()
{
    const QModelIndex current = m_accountView->currentIndex();
    const QString name = current.data(AccountTreeModel::ContainerRole).toString();
    const QString id = current.data(AccountTreeModel::AccountIdRole).toString();
    if (name.isEmpty())
        return;
    if (QMessageBox::warning(this, tr("Delete container"),
                             tr("Delete the container %1 and every blob in it? This cannot be "
                                "undone.")
                                 .arg(name),
                             QMessageBox::Yes | QMessageBox::Cancel,
                             QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    QString error;
    const auto connection = m_accounts->connection(id, &error);
    if (!connection) {
        appendLog(error);
        showWarning(this, tr("Delete container"), error);
        return;
    }
    ui::deleteContainer(
        m_requester, *connection, name, this, [this](const QString &line) { appendLog(line); },
        [this, id, name](const azure::CallOutcome &outcome) {
            // Already gone (someone else deleted it): the tree and the browser catch up too.
            const bool gone = outcome.status == 404;
            if (outcome.ok() || gone) {
                if (m_blobs->container() == name && m_blobs->accountId() == id) {
                    m_blobs->clear();
                    updateBreadcrumb();
                }
                m_accountModel->refresh(id);
            }
            if (gone)
                showWarning(this, tr("Delete container"),
                            tr("The container %1 was not there any more: it was deleted "
                               "elsewhere. The list of containers is brought up to date.")
                                .arg(name));
            else if (!outcome.ok())
                showWarning(this, tr("Delete container"),
                            tr("Cannot delete container %1: %2").arg(name, outcome.error));
        });
}

} // namespace blobferry::ui
