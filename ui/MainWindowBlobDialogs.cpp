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
#include "WarningBox.h"

#include <QAction>
#include <QMessageBox>
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
}

QString MainWindow::selectedBlobName(bool *isFolder) const
{
    const QModelIndex current = m_blobView->selectionModel()->currentIndex();
    QModelIndexList rows = m_blobView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    // The row with the focus when it is selected, else the first selected.
    QModelIndex row = rows.first();
    for (const QModelIndex &index : rows)
        if (current.isValid() && index.row() == current.row())
            row = index;
    const QModelIndex source = m_blobSort->mapToSource(row);
    if (isFolder)
        *isFolder = source.data(BlobListModel::IsFolderRole).toBool();
    return source.data(BlobListModel::FullNameRole).toString();
}

void MainWindow::showBlobProperties()
{
    bool folder = false;
    const QString blob = selectedBlobName(&folder);
    if (blob.isEmpty() || folder)
        return;
    QString error;
    const auto service =
        windowService(m_requester, m_blobs->connection(), m_blobs->container(), &error);
    if (!service) {
        statusBar()->showMessage(error, 10000);
        return;
    }
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
    QStringList blobs;
    bool anyArchived = false;
    for (const QModelIndex &index : m_blobView->selectionModel()->selectedRows()) {
        const QModelIndex source = m_blobSort->mapToSource(index);
        if (source.data(BlobListModel::IsFolderRole).toBool())
            continue; // a folder has no tier of its own
        blobs.append(source.data(BlobListModel::FullNameRole).toString());
        anyArchived |= source.data(BlobListModel::TierRole).toString() == QLatin1String("Archive");
    }
    if (blobs.isEmpty()) {
        statusBar()->showMessage(tr("Select blobs to change their tier; folders have none"), 10000);
        return;
    }
    ChangeTierDialog dialog(int(blobs.size()), anyArchived, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QByteArray tier = dialog.tier();
    changeTiers(m_requester, m_blobs->connection(), m_blobs->container(), blobs, tier,
                dialog.rehydratePriority(), this,
                [this, tier, count = blobs.size()](const QStringList &failures) {
                    m_blobs->refresh(); // shows the new tiers
                    const qsizetype changed = count - failures.size();
                    if (changed > 0)
                        appendLog(counted(changed, tr("Changed the tier of 1 blob to %1"),
                                          tr("Changed the tier of %1 blobs to %2"))
                                      .arg(QString::fromLatin1(tier)));
                    if (failures.isEmpty())
                        return;
                    for (const QString &failure : failures)
                        appendLog(tr("Cannot change the tier of %1").arg(failure));
                    showWarning(this, tr("Change tier"),
                                counted(failures.size(), tr("The tier of 1 blob was not changed:"),
                                        tr("The tiers of %1 blobs were not changed:")) +
                                    QLatin1Char('\n') + failures.mid(0, 5).join(QLatin1Char('\n')));
                });
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
