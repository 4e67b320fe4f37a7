// SPDX-License-Identifier: MIT
// Rename (F2), Move… and New folder in the blob list. Blob Storage has no rename: a blob is
// copied by the service under its new name and then deleted only if it is still what was copied
// (If-Match), through the transfer queue (BlobCopyPlan), so a folder of many blobs shows its
// progress and asks the usual conflict questions. A new folder is virtual (VirtualFolders).
#include "BlobCopyPlan.h"
#include "BlobListModel.h"
#include "BlobNameDialog.h"
#include "Counted.h"
#include "MainWindow.h"

#include <QAction>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>

namespace blobferry::ui {

namespace {

// Said before anything moves: the service copies a blob without its snapshots, and the
// original's delete must take them along.
QString snapshotNote()
{
    return MainWindow::tr("Blob Storage has no rename: each blob is copied under its new name, "
                          "then the original is deleted, unless it changed meanwhile. Snapshots "
                          "are not copied: they are deleted with the original.");
}

// "dir/sub" (as typed, with or without slashes) as a folder prefix: "dir/sub/", "" for the root.
QString asFolder(const QString &typed)
{
    QString path = typed;
    while (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path.isEmpty() ? QString() : path + QLatin1Char('/');
}

} // namespace

void MainWindow::buildBlobMoveActions()
{
    m_copyBlobs = makeAction(tr("Copy"), "copyBlobsAction", [this] { copySelection(); });
    m_copyBlobs->setShortcut(QKeySequence::Copy);
    m_copyBlobs->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_rename = makeAction(tr("Rename…"), "renameAction", [this] { renameSelection(); });
    m_rename->setShortcut(QKeySequence(Qt::Key_F2));
    m_rename->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_move = makeAction(tr("Move to folder…"), "moveAction", [this] { moveSelection(); });
    m_newFolder = makeAction(tr("New folder…"), "newFolderAction", [this] { newBlobFolder(); });
    m_newFolder->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_newFolder->setShortcutContext(Qt::WidgetWithChildrenShortcut);
}

BlobSelection MainWindow::selectedItems() const
{
    BlobSelection selection;
    selection.from = {m_blobs->accountId(), m_blobs->container(), m_blobs->prefix()};
    for (const QModelIndex &index : m_blobView->selectionModel()->selectedRows()) {
        const QModelIndex source = m_blobSort->mapToSource(index);
        const QString name =
            source.data(BlobListModel::FullNameRole).toString().mid(m_blobs->prefix().size());
        if (source.data(BlobListModel::IsFolderRole).toBool())
            selection.folders.append(name);
        else
            selection.blobs.append(name);
    }
    return selection;
}

void MainWindow::renameSelection()
{
    const BlobSelection selection = selectedItems();
    if (!m_blobs->hasLocation() || selection.blobs.size() + selection.folders.size() != 1)
        return;
    const bool folder = selection.blobs.isEmpty();
    const QString name = folder ? selection.folders.first().chopped(1) : selection.blobs.first();
    BlobNameDialog dialog(
        tr("Rename"),
        folder ? tr("New name of the folder %1:").arg(name) : tr("New name of %1:").arg(name), name,
        [name](const QString &typed) {
            if (typed == name)
                return tr("Type a name other than the one it has.");
            return checkLeafName(typed);
        },
        this);
    dialog.setObjectName(QStringLiteral("renameDialog"));
    dialog.setNote(snapshotNote());
    // The name without its extension, as file managers select it.
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    dialog.selectPart(0, int(!folder && dot > 0 ? dot : name.size()));
    if (dialog.exec() != QDialog::Accepted)
        return;
    BlobCopyPlan::rename(m_transfers, selection.from, folder ? selection.folders.first() : name,
                         folder, dialog.text());
    revealTransfers();
    statusBar()->showMessage(
        tr("Renaming %1 to %2: the queue shows its progress").arg(name, dialog.text()), 10000);
}

void MainWindow::moveSelection()
{
    const BlobSelection selection = selectedItems();
    if (!m_blobs->hasLocation() || selection.isEmpty())
        return;
    const QString what =
        counted(selection.blobs.size() + selection.folders.size(), tr("1 item"), tr("%1 items"));
    BlobNameDialog dialog(
        tr("Move to folder"),
        tr("Move %1 to this folder of %2 (empty: its root):").arg(what, m_blobs->container()),
        m_blobs->prefix(),
        [selection](const QString &typed) {
            if (const QString why = checkFolderPath(typed); !why.isEmpty())
                return why;
            BlobFolder to = selection.from;
            to.path = asFolder(typed);
            return BlobCopyPlan::checkTarget(selection, to, true);
        },
        this);
    dialog.setObjectName(QStringLiteral("moveDialog"));
    dialog.setNote(snapshotNote());
    if (dialog.exec() != QDialog::Accepted)
        return;
    BlobFolder to = selection.from;
    to.path = asFolder(dialog.text());
    BlobCopyPlan::queue(m_transfers, selection, to, true);
    revealTransfers();
    statusBar()->showMessage(
        tr("Moving %1 to %2/%3: the queue shows its progress").arg(what, to.container, to.path),
        10000);
}

void MainWindow::newBlobFolder()
{
    if (!m_blobs->hasLocation())
        return;
    // Names the folder shows already (as far as it is loaded): a folder or a blob of that name.
    QStringList taken;
    for (int row = 0; row < m_blobs->rowCount(); ++row)
        taken.append(m_blobs->index(row, BlobListModel::NameColumn)
                         .data(BlobListModel::FullNameRole)
                         .toString()
                         .mid(m_blobs->prefix().size()));
    BlobNameDialog dialog(
        tr("New folder"),
        tr("Name of the new folder in %1/%2:").arg(m_blobs->container(), m_blobs->prefix()), {},
        [taken](const QString &typed) {
            if (const QString why = checkLeafName(typed); !why.isEmpty())
                return why;
            if (taken.contains(typed + QLatin1Char('/')) || taken.contains(typed))
                return tr("%1 is here already.").arg(typed);
            return QString();
        },
        this);
    dialog.setObjectName(QStringLiteral("newFolderDialog"));
    dialog.setNote(tr("Blob Storage keeps no empty folders: the new folder is shown until you "
                      "put something in it, and is gone after a restart if you do not."));
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString folder = m_blobs->prefix() + dialog.text() + QLatin1Char('/');
    m_newFolders.add(m_blobs->accountId(), m_blobs->container(), folder);
    m_blobs->refresh();
    appendLog(tr("New folder %1/%2: it stays until something is put in it")
                  .arg(m_blobs->container(), folder));
}

} // namespace blobferry::ui
