// SPDX-License-Identifier: MIT
// Looking into blobs from the blob list: Snapshots…, Statistics… (a folder or the container),
// Open (Enter or a double click on a blob: a cached copy opened by the desktop) and the
// preview pane (View ▸ Preview pane, F3).
#include "BlobListModel.h"
#include "BlobOpenCache.h"
#include "BlobOperations.h"
#include "BlobPreviewPane.h"
#include "FolderStatisticsDialog.h"
#include "MainWindow.h"
#include "SnapshotsDialog.h"

#include <QAction>
#include <QDir>
#include <QMenu>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>

namespace blobferry::ui {

void MainWindow::buildInspectActions()
{
    m_openBlob = makeAction(tr("Open"), "openBlobAction", [this] { openSelectedBlob(); });
    m_snapshots = makeAction(tr("Snapshots…"), "snapshotsAction", [this] { showSnapshots(); });
    m_statistics =
        makeAction(tr("Statistics…"), "statisticsAction", [this] { showFolderStatistics(); });
    m_previewToggle = makeAction(tr("Preview pane"), "previewAction", [this] {
        m_preview->setVisible(m_previewToggle->isChecked());
        updatePreview();
    });
    m_previewToggle->setCheckable(true);
    m_previewToggle->setShortcut(QKeySequence(Qt::Key_F3));
}

void MainWindow::addInspectActions(QMenu *edit, QMenu *view)
{
    m_blobView->addActions({m_openBlob, m_snapshots, m_statistics});
    edit->addActions({m_snapshots, m_statistics});
    view->addAction(m_previewToggle);
}

QWidget *MainWindow::withPreviewPane(QWidget *list)
{
    auto *split = new QSplitter(Qt::Horizontal, list->parentWidget());
    split->setObjectName(QStringLiteral("previewSplitter"));
    m_preview = new BlobPreviewPane(split);
    split->addWidget(list);
    split->addWidget(m_preview);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    m_preview->hide();
    connect(m_blobView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updatePreview);
    return split;
}

void MainWindow::showSnapshots()
{
    bool folder = false;
    const QString blob = selectedBlobName(&folder);
    if (blob.isEmpty() || folder) {
        statusBar()->showMessage(tr("Select a blob to see its snapshots; folders have none"),
                                 10000);
        return;
    }
    const auto service = shownFolderService();
    if (!service)
        return;
    auto *dialog = new SnapshotsDialog(*service, blob, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SnapshotsDialog::logLine, this, &MainWindow::appendLog);
    connect(dialog, &SnapshotsDialog::blobChanged, m_blobs, &BlobListModel::refresh);
    dialog->open();
}

void MainWindow::showFolderStatistics()
{
    if (!m_blobs->hasLocation())
        return;
    bool folder = false;
    QString prefix = selectedBlobName(&folder);
    // A folder row: that folder; nothing or a blob selected: the folder shown.
    if (!folder)
        prefix = m_blobs->prefix();
    const auto service = shownFolderService();
    if (!service)
        return;
    const QString title =
        prefix.isEmpty() ? m_blobs->container() : m_blobs->container() + QLatin1Char('/') + prefix;
    auto *dialog = new FolderStatisticsDialog(*service, prefix, title, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::openSelectedBlob()
{
    bool folder = false;
    const QString blob = selectedBlobName(&folder);
    if (blob.isEmpty())
        return;
    if (folder) {
        openContainer(m_blobs->accountId(), m_blobs->container(), blob);
        return;
    }
    const auto service = shownFolderService();
    if (!service)
        return;
    const BlobOpenCache cache(QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation))
                                  .filePath(QStringLiteral("open")));
    statusBar()->showMessage(tr("Opening %1…").arg(blob));
    cache.fetch(*service, m_blobs->accountId(), m_blobs->container(), blob, this,
                [this, blob](const QString &path, const QString &error, bool reused) {
                    statusBar()->clearMessage();
                    if (!error.isEmpty()) {
                        appendLog(tr("Cannot open %1: %2").arg(blob, error));
                        QMessageBox::warning(this, tr("Open"),
                                             tr("Cannot open %1: %2").arg(blob, error));
                        return;
                    }
                    appendLog(reused ? tr("Opening %1 (the copy already downloaded)").arg(blob)
                                     : tr("Opening %1 (downloaded to %2)")
                                           .arg(blob, QDir::toNativeSeparators(path)));
                    if (m_folderOpener(QUrl::fromLocalFile(path)))
                        return;
                    // No application is registered for the type (or no launcher runs).
                    QMessageBox::information(
                        this, tr("Open"),
                        tr("No application is set to open %1. Its copy is at %2: open it from "
                           "there, or choose an application for this type of file in your "
                           "desktop's settings.")
                            .arg(blob, QDir::toNativeSeparators(path)));
                });
}

void MainWindow::updatePreview()
{
    if (!m_preview || m_preview->isHidden())
        return;
    const QModelIndexList rows = m_blobView->selectionModel()->selectedRows();
    if (rows.size() != 1) {
        m_preview->showMessage(rows.isEmpty() ? tr("Select a blob to preview it.")
                                              : tr("Select one blob to preview it."));
        return;
    }
    const QModelIndex source = m_blobSort->mapToSource(rows.first());
    if (source.data(BlobListModel::IsFolderRole).toBool()) {
        m_preview->showMessage(tr("A folder: open it to see what it holds."));
        return;
    }
    QString error;
    const auto service =
        windowService(m_requester, m_blobs->connection(), m_blobs->container(), &error);
    if (!service) {
        m_preview->showMessage(error);
        return;
    }
    auto cell = [&source](int column, int role = Qt::DisplayRole) {
        return source.siblingAtColumn(column).data(role);
    };
    m_preview->showBlob(*service, source.data(BlobListModel::FullNameRole).toString(),
                        cell(BlobListModel::SizeColumn, BlobListModel::SortRole).toLongLong(),
                        cell(BlobListModel::ContentTypeColumn).toString(),
                        source.data(BlobListModel::EtagRole).toByteArray());
}

} // namespace blobferry::ui
