// SPDX-License-Identifier: MIT
// Copy (Ctrl+C) and Paste (Ctrl+V) in the blob list. Copy puts the selected blobs and folders
// on the clipboard (BlobClipboard: the names, and their URLs as text). Paste copies them here
// through the transfer queue, server-side (the CLI's blob-to-blob engine: between containers,
// and between accounts through a read-only SAS the engine signs from the source's key); a
// clipboard holding files from a file manager uploads them instead.
#include "BlobClipboard.h"
#include "BlobListModel.h"
#include "Counted.h"
#include "MainWindow.h"
#include "WarningBox.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QStatusBar>
#include <QTableView>

namespace blobferry::ui {

void MainWindow::copySelection()
{
    const BlobSelection selection = selectedItems();
    if (!m_blobs->hasLocation() || selection.isEmpty())
        return;
    QString error;
    const auto location = m_blobs->connection().location(m_blobs->container(), {}, &error);
    if (!location)
        return;
    QStringList urls;
    // Without a SAS: a URL pasted into a chat must not carry a key.
    for (const QStringList &names : {selection.blobs, selection.folders})
        for (const QString &name : names)
            urls << location->blobUrl(selection.from.path + name).toString();
    QApplication::clipboard()->setMimeData(BlobClipboard::mimeData(selection, urls));
    statusBar()->showMessage(counted(urls.size(), tr("Copied 1 item: paste it into a folder"),
                                     tr("Copied %1 items: paste them into a folder")),
                             5000);
}

void MainWindow::paste()
{
    if (!m_blobs->hasLocation())
        return;
    const auto selection = BlobClipboard::selection(QApplication::clipboard()->mimeData());
    if (!selection) {
        pasteFiles();
        return;
    }
    const BlobFolder to{m_blobs->accountId(), m_blobs->container(), m_blobs->prefix()};
    if (const QString why = BlobCopyPlan::checkTarget(*selection, to, false); !why.isEmpty()) {
        appendLog(tr("Not pasted: %1").arg(why));
        showWarning(this, tr("Paste"), why);
        return;
    }
    BlobCopyPlan::queue(m_transfers, *selection, to, false);
    revealTransfers();
    statusBar()->showMessage(counted(selection->blobs.size() + selection->folders.size(),
                                     tr("Copying 1 item here"), tr("Copying %1 items here")) +
                                 tr(": the queue shows the progress"),
                             10000);
}

} // namespace blobferry::ui
