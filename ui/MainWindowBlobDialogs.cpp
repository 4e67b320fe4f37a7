// SPDX-License-Identifier: MIT
// The selection's Properties…, Change tier… and Share… dialogs, opened from the blob list's
// context menu and the Edit menu.
#include "BlobListModel.h"
#include "BlobOperations.h"
#include "BlobPropertiesDialog.h"
#include "ChangeTierDialog.h"
#include "Counted.h"
#include "MainWindow.h"
#include "ShareDialog.h"
#include "TierChangeRun.h"
#include "WarningBox.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>

namespace blobferry::ui {

void MainWindow::buildBlobDialogActions()
{
    m_properties =
        makeAction(tr("Properties…"), "propertiesAction", [this] { showBlobProperties(); });
    m_properties->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Return));
    m_properties->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_changeTier =
        makeAction(tr("Change tier…"), "changeTierAction", [this] { changeTierOfSelection(); });
    m_share = makeAction(tr("Share…"), "shareAction", [this] { shareSelection(); });
    buildInspectActions();
}

QString MainWindow::selectedBlobName(bool *isFolder) const
{
    // From the selection's ranges, not selectedRows(): the actions are updated as each file of
    // a transfer ends, and a list of every selected row (thousands) each time cost the window.
    const QItemSelectionModel *selection = m_blobView->selectionModel();
    const QItemSelection ranges = selection->selection();
    if (ranges.isEmpty())
        return {};
    // The row with the focus when it is selected, else the first selected.
    const QModelIndex current = selection->currentIndex();
    const QModelIndex row = current.isValid() && selection->isRowSelected(current.row(), {})
                                ? current
                                : QModelIndex(ranges.first().topLeft());
    const QModelIndex source = m_blobSort->mapToSource(row);
    if (isFolder)
        *isFolder = source.data(BlobListModel::IsFolderRole).toBool();
    return source.data(BlobListModel::FullNameRole).toString();
}

std::optional<azure::BlobService> MainWindow::shownFolderService()
{
    QString error;
    auto service = windowService(m_requester, m_blobs->connection(), m_blobs->container(), &error);
    if (!service)
        statusBar()->showMessage(error, 10000);
    return service;
}

void MainWindow::showBlobProperties()
{
    bool folder = false;
    const QString blob = selectedBlobName(&folder);
    if (blob.isEmpty() || folder)
        return;
    const auto service = shownFolderService();
    if (!service)
        return;
    auto *dialog = new BlobPropertiesDialog(*service, blob, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &BlobPropertiesDialog::saved, this, [this, blob] {
        appendLog(tr("Saved the properties of %1").arg(blob));
        m_blobs->refresh();
    });
    dialog->open();
}

void MainWindow::changeTierOfSelection()
{
    QList<TierChangeRun::Target> blobs;
    QStringList folders;
    bool anyArchived = false;
    for (const QModelIndex &index : m_blobView->selectionModel()->selectedRows()) {
        const QModelIndex source = m_blobSort->mapToSource(index);
        const QString name = source.data(BlobListModel::FullNameRole).toString();
        if (source.data(BlobListModel::IsFolderRole).toBool()) {
            folders.append(name); // every blob under it
            anyArchived = true;   // some may be: the priority is asked for
            continue;
        }
        const QString tier = source.data(BlobListModel::TierRole).toString();
        blobs.append({name, tier});
        anyArchived |= tier == QLatin1String("Archive");
    }
    if (blobs.isEmpty() && folders.isEmpty()) {
        statusBar()->showMessage(tr("Select blobs or folders to change their tier"), 10000);
        return;
    }
    ChangeTierDialog dialog(int(blobs.size()), anyArchived, this, int(folders.size()));
    if (dialog.exec() != QDialog::Accepted)
        return;
    const auto service = shownFolderService();
    if (!service)
        return;
    auto *run = new TierChangeRun(*service, dialog.tier(), dialog.rehydratePriority(), blobs,
                                  folders, this);
    // A folder may hold many blobs: its progress shows, and Cancel (or Esc) stops the run.
    QPointer<QProgressDialog> progress;
    if (!folders.isEmpty()) {
        progress = new QProgressDialog(tr("Listing the folders…"), tr("Cancel"), 0, 0, this);
        progress->setObjectName(QStringLiteral("tierProgress"));
        progress->setWindowTitle(tr("Change tier"));
        progress->setMinimumDuration(0);
        progress->setAutoClose(false);
        progress->setAutoReset(false);
        progress->setAttribute(Qt::WA_DeleteOnClose);
        connect(progress, &QProgressDialog::canceled, run, [this, run, progress] {
            appendLog(tr("Change tier cancelled: %1 changed before").arg(run->changed()));
            m_blobs->refresh();
            run->deleteLater();
            progress->deleteLater();
        });
        connect(run, &TierChangeRun::progress, progress, [run, progress] {
            progress->setMaximum(run->found());
            progress->setValue(run->changed() + int(run->failures().size()));
            progress->setLabelText(
                tr("Changed %1 of %2 blobs found…").arg(run->changed()).arg(run->found()));
        });
        progress->show();
    }
    connect(run, &TierChangeRun::finished, this, [this, run, progress] {
        run->deleteLater();
        if (progress)
            progress->close();
        reportTierChange(*run);
    });
    run->start();
}

void MainWindow::reportTierChange(const TierChangeRun &run)
{
    m_blobs->refresh(); // shows the new tiers
    const QString tier = QString::fromLatin1(run.tier());
    if (run.changed() > 0)
        appendLog(counted(run.changed(), tr("Changed the tier of 1 blob to %1"),
                          tr("Changed the tier of %1 blobs to %2"))
                      .arg(tier));
    if (run.unchanged() > 0)
        appendLog(counted(run.unchanged(),
                          tr("Left 1 blob as it was (already %1, or not a block blob)"),
                          tr("Left %1 blobs as they were (already %2, or not block blobs)"))
                      .arg(tier));
    const QStringList &failures = run.failures();
    if (failures.isEmpty())
        return;
    for (const QString &failure : failures)
        appendLog(tr("Cannot change the tier of %1").arg(failure));
    QString text = counted(failures.size(), tr("The tier of 1 blob was not changed:"),
                           tr("The tiers of %1 blobs were not changed:")) +
                   QLatin1Char('\n') + failures.mid(0, 5).join(QLatin1Char('\n'));
    if (failures.size() > 5)
        text += QLatin1Char('\n') +
                tr("…and %1 more (the Log tab lists them)").arg(failures.size() - 5);
    if (run.changed() > 0)
        text += QLatin1Char('\n') +
                counted(run.changed(), tr("1 blob was changed."), tr("%1 blobs were changed."));
    showWarning(this, tr("Change tier"), text);
}

void MainWindow::shareSelection()
{
    if (!m_blobs->hasLocation())
        return;
    const Connection &connection = m_blobs->connection();
    if (connection.credential.kind() != azure::Credential::Kind::SharedKey) {
        auto *box = new QMessageBox(
            QMessageBox::Information, tr("Share"),
            tr("Share… signs a link with the account key, and this account was added without one "
               "(with a SAS or anonymously). Add the account again with its key or connection "
               "string to share from here."),
            QMessageBox::Close, this);
        box->setObjectName(QStringLiteral("shareUnavailableBox"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return;
    }
    QString error;
    const auto location = connection.location(m_blobs->container(), {}, &error);
    if (!location) {
        statusBar()->showMessage(error, 10000);
        return;
    }
    auto *dialog = new ShareDialog(*location, connection.credential.account(),
                                   connection.credential.key(), selectedBlobName(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace blobferry::ui
