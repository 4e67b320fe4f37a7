// SPDX-License-Identifier: MIT
// The menu bar and the commands only it and the keyboard reach: uploading by file dialog and by
// paste, copying blob URLs, the keyboard shortcuts list and About. Menus follow the freedesktop
// and Qt conventions (File, Edit, View, Transfers, Help; QKeySequence's standard keys).
#include "ActionIcons.h"
#include "BlobListModel.h"
#include "Counted.h"
#include "DropTarget.h"
#include "MainWindow.h"
#include "Settings.h"
#include "TransferManager.h"
#include "TransferQueueModel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace blobferry::ui {

QList<QUrl> copiedFiles(const QMimeData *mime)
{
    QList<QUrl> urls = localUrls(mime);
    // GNOME's Files, Nemo and Caja put "copy" or "cut", then one URI a line.
    const QByteArray gnome =
        mime ? mime->data(QStringLiteral("x-special/gnome-copied-files")) : QByteArray();
    if (urls.isEmpty() && !gnome.isEmpty()) {
        const QList<QByteArray> lines = gnome.split('\n');
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QUrl url(QString::fromUtf8(lines.at(i).trimmed()));
            if (url.isLocalFile())
                urls.append(url);
        }
    }
    return urls;
}

QAction *MainWindow::makeAction(const QString &text, const char *name, std::function<void()> slot)
{
    auto *created = new QAction(text, this);
    created->setObjectName(QLatin1String(name));
    connect(created, &QAction::triggered, this, std::move(slot));
    return created;
}

void MainWindow::buildUploadActions()
{
    auto action = [this](const QString &text, const char *name, std::function<void()> slot) {
        return makeAction(text, name, std::move(slot));
    };
    m_uploadFiles =
        action(tr("Upload files…"), "uploadFilesAction", [this] { uploadFromDialog(false); });
    m_uploadFiles->setIcon(actionIcon(ActionIcon::UploadFiles));
    m_uploadFiles->setShortcut(QKeySequence(tr("Ctrl+U")));
    m_uploadFolder =
        action(tr("Upload folder…"), "uploadFolderAction", [this] { uploadFromDialog(true); });
    m_uploadFolder->setIcon(actionIcon(ActionIcon::UploadFolder));
    m_uploadFolder->setShortcut(QKeySequence(tr("Ctrl+Shift+U")));
    // In the blob list only: a text field keeps Ctrl+V and Ctrl+C for its text. Blobs copied
    // in the window are copied here by the service; files copied in a file manager, uploaded.
    m_paste = action(tr("Paste"), "pasteFilesAction", [this] { paste(); });
    m_paste->setShortcut(QKeySequence::Paste);
    m_paste->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_copyUrl = action(tr("Copy URL"), "copyUrlAction", [this] { copySelectedUrls(); });
    m_copyUrl->setIcon(actionIcon(ActionIcon::CopyUrl));
    buildBlobDialogActions();
    buildBlobMoveActions();
}

void MainWindow::buildMenus()
{
    auto action = [this](const QString &text, const char *name, std::function<void()> slot) {
        return makeAction(text, name, std::move(slot));
    };
    auto *selectAll =
        action(tr("Select all"), "selectAllAction", [this] { m_blobView->selectAll(); });
    selectAll->setShortcut(QKeySequence::SelectAll);
    selectAll->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_blobView->addActions({m_copyBlobs, m_paste, m_copyUrl, m_rename, m_move, m_newFolder, m_share,
                            m_changeTier, m_properties, selectAll});

    auto *quit = action(tr("Quit"), "quitAction", [this] { close(); });
    quit->setShortcut(QKeySequence::Quit);
    quit->setIcon(actionIcon(ActionIcon::Quit));
    auto *showLog =
        action(tr("Log"), "showLogAction", [this] { m_queueTabs->setCurrentWidget(m_log); });
    showLog->setIcon(actionIcon(ActionIcon::Log));
    showLog->setShortcut(QKeySequence(tr("Ctrl+L")));
    auto *shortcuts =
        action(tr("Keyboard shortcuts"), "shortcutsAction", [this] { showShortcuts(); });
    shortcuts->setIcon(actionIcon(ActionIcon::Shortcuts));
    shortcuts->setShortcut(QKeySequence::HelpContents);
    auto *about = action(tr("About blobferry"), "aboutAction", [this] { showAbout(); });
    about->setIcon(actionIcon(ActionIcon::About));
    auto *aboutQt = action(tr("About Qt"), "aboutQtAction", [] { QApplication::aboutQt(); });

    QMenuBar *bar = menuBar();
    QMenu *file = bar->addMenu(tr("&File"));
    // The account tree's actions too: a new user looks for "New container" here first.
    file->addActions({m_addAccount, m_removeAccount});
    file->addSeparator();
    file->addActions({m_newContainer, m_deleteContainer});
    file->addSeparator();
    file->addActions({m_uploadFiles, m_uploadFolder, m_download});
    file->addSeparator();
    file->addAction(m_settings);
    file->addSeparator();
    file->addAction(quit);
    QMenu *edit = bar->addMenu(tr("&Edit"));
    edit->addActions({m_copyBlobs, m_paste, m_copyUrl, m_share, selectAll});
    edit->addSeparator();
    edit->addActions({m_rename, m_move, m_newFolder, m_changeTier, m_delete});
    edit->addSeparator();
    edit->addAction(m_properties);
    QMenu *view = bar->addMenu(tr("&View"));
    view->addActions({m_back, m_forward, m_up, m_refresh, showLog});
    QMenu *transfers = bar->addMenu(tr("&Transfers"));
    transfers->addActions({m_pauseAll, m_resumeAll, m_retryAll, m_removeFinished, m_removeFailed});
    QMenu *help = bar->addMenu(tr("&Help"));
    help->addActions({shortcuts, about, aboutQt});
    addInspectActions(edit, view);
    arrangeBlobMenu(selectAll);
}

void MainWindow::arrangeBlobMenu(QAction *selectAll)
{
    // The blob list's context menu in groups, whatever order its actions were built in; an
    // action not named here keeps its place at the end (and its shortcut on the list).
    const QList<QAction *> built = m_blobView->actions();
    for (QAction *action : built)
        m_blobView->removeAction(action);
    const auto group = [this](std::initializer_list<QAction *> actions) {
        if (!m_blobView->actions().isEmpty()) {
            auto *separator = new QAction(m_blobView);
            separator->setSeparator(true);
            m_blobView->addAction(separator);
        }
        for (QAction *action : actions)
            m_blobView->addAction(action);
    };
    group({m_openBlob, m_download});
    group({m_uploadFiles, m_uploadFolder, m_newFolder});
    group({m_copyBlobs, m_paste, m_copyUrl, m_share});
    group({m_rename, m_move, m_delete});
    group({m_changeTier, m_snapshots, m_statistics, m_properties});
    group({selectAll, m_refresh});
    for (QAction *action : built)
        if (!m_blobView->actions().contains(action))
            m_blobView->addAction(action);
}

void MainWindow::uploadFromDialog(bool folder)
{
    if (!m_blobs->hasLocation())
        return;
    QList<QUrl> urls;
    if (m_fileChooser) {
        urls = m_fileChooser(folder);
    } else {
        // Opens where the last upload was chosen: the folder's parent, or the files' folder.
        const QUrl start = QUrl::fromLocalFile(Settings::lastFolder(QStringLiteral("upload")));
        if (folder) {
            const QUrl chosen =
                QFileDialog::getExistingDirectoryUrl(this, tr("Upload folder"), start);
            if (chosen.isValid() && !chosen.isEmpty())
                urls.append(chosen);
        } else {
            urls = QFileDialog::getOpenFileUrls(this, tr("Upload files"), start);
        }
        if (!urls.isEmpty() && urls.first().isLocalFile())
            Settings::rememberFolder(QStringLiteral("upload"),
                                     QFileInfo(urls.first().toLocalFile()).absolutePath());
    }
    if (!urls.isEmpty())
        uploadUrls(urls);
}

void MainWindow::pasteFiles()
{
    if (!m_blobs->hasLocation())
        return;
    const QList<QUrl> urls = copiedFiles(QApplication::clipboard()->mimeData());
    if (urls.isEmpty()) {
        statusBar()->showMessage(
            tr("Nothing to paste: copy files or folders in a file manager first"), 10000);
        return;
    }
    uploadUrls(urls);
}

void MainWindow::copySelectedUrls()
{
    QStringList urls;
    QString error;
    const auto location = m_blobs->connection().location(m_blobs->container(), {}, &error);
    if (!location)
        return;
    for (const QModelIndex &index :
         m_blobView->selectionModel()->selectedRows(BlobListModel::NameColumn))
        // Without a SAS: a URL pasted into a chat must not carry a key.
        urls << location->blobUrl(index.data(BlobListModel::FullNameRole).toString()).toString();
    if (urls.isEmpty())
        return;
    QApplication::clipboard()->setText(urls.join(QLatin1Char('\n')));
    statusBar()->showMessage(counted(urls.size(), tr("Copied 1 URL"), tr("Copied %1 URLs")), 5000);
}

void MainWindow::showShortcuts()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Keyboard shortcuts"));
    auto *layout = new QVBoxLayout(&dialog);
    auto *table = new QTableWidget(0, 2, &dialog);
    table->setAccessibleName(tr("Keyboard shortcuts"));
    table->setHorizontalHeaderLabels({tr("Command"), tr("Keys")});
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // The actions' own shortcuts, so the list cannot disagree with the menus.
    const QList<QPair<QString, QString>> fixed{
        {tr("Open a folder"), tr("Enter")},
        {tr("Go to the parent folder"), tr("Backspace")},
    };
    for (const auto &[command, keys] : fixed) {
        table->insertRow(table->rowCount());
        table->setItem(table->rowCount() - 1, 0, new QTableWidgetItem(command));
        table->setItem(table->rowCount() - 1, 1, new QTableWidgetItem(keys));
    }
    for (QAction *action : findChildren<QAction *>()) {
        if (action->shortcut().isEmpty() || action->text().isEmpty())
            continue;
        table->insertRow(table->rowCount());
        table->setItem(table->rowCount() - 1, 0,
                       new QTableWidgetItem(QString(action->text()).remove(QLatin1Char('&'))));
        table->setItem(table->rowCount() - 1, 1,
                       new QTableWidgetItem(action->shortcut().toString(QKeySequence::NativeText)));
    }
    table->resizeColumnsToContents();
    layout->addWidget(table);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(460, 420);
    dialog.exec();
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About blobferry"),
        tr("<h3>blobferry %1</h3>"
           "<p>A transfer manager for Azure Blob Storage and the Azurite emulator: resumable, "
           "verified uploads and downloads, with a command line (blobferry-cli) that keeps the "
           "2013 AzCopy's syntax.</p>"
           "<p>Built with Qt %2 (running on Qt %3).</p>"
           "<p>Licence: MIT.</p>")
            .arg(QStringLiteral(BLOBFERRY_VERSION), QStringLiteral(QT_VERSION_STR),
                 QString::fromLatin1(qVersion())));
}

} // namespace blobferry::ui
