// SPDX-License-Identifier: MIT
#pragma once

#include "BlobListView.h"
#include "BrowseHistory.h"
#include "UploadChooser.h"
#include "VirtualFolders.h"
#include "azure/BlobService.h"

#include <QMainWindow>
#include <QPointer>
#include <QUrl>
#include <functional>
#include <optional>

class QAction;
class QMimeData;
class QLabel;
class QLayout;
class QLineEdit;
class QMenu;
class QPlainTextEdit;
class QProgressBar;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;
class QTreeView;

namespace blobferry::net {
class Requester;
}

namespace blobferry::ui {

class AccountStore;
class AccountTreeModel;
class BlobListModel;
class BlobPreviewPane;
class TierChangeRun;
class ConflictPrompter;
class EmulatorLauncher;
class ThroughputGraph;
class TransferManager;
class TransferQueueModel;
struct BlobSelection;

// The desktop window: accounts and containers on the left, the open container's folder on
// the right (a drop target), the transfer queue below it in tabs, with the log beside them.
// Local files in what a file manager copied: text/uri-list, or GNOME's
// x-special/gnome-copied-files.
QList<QUrl> copiedFiles(const QMimeData *mime);

class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // What tests and the actions use.
    AccountStore *accounts() const { return m_accounts; }
    TransferManager *transfers() const { return m_transfers; }
    // Asks the transfers' conflicts in dialogs (tests watch dialogOpened).
    ConflictPrompter *conflicts() const { return m_conflicts; }
    TransferQueueModel *queue() const { return m_queue; }
    BlobListModel *blobs() const { return m_blobs; }
    QTreeView *accountView() const { return m_accountView; }
    QTableView *blobView() const { return m_blobView; }
    QTabWidget *queueTabs() const { return m_queueTabs; }
    // The queue's view of one tab (0 Queued, 1 Active, 2 Failed, 3 Completed).
    QTableView *queueView(int tab) const;

    void openContainer(const QString &accountId, const QString &container,
                       const QString &prefix = {});
    // Local files and folders to upload into the folder shown (or a given container root).
    void uploadUrls(const QList<QUrl> &urls, const QString &accountId = {},
                    const QString &container = {}, const QString &prefix = {});
    void downloadSelectionTo(const QString &directory);
    // Files and folders handed over from outside (Open With, `blobferry FILE…`, a second
    // launch): raises the window and asks where they go ("Upload to…"); empty: only raises.
    void offerUpload(const QList<QUrl> &items);
    // The "Upload to…" dialog while it is open (tests drive it); null otherwise.
    UploadChooser *uploadChooser() const { return m_uploadChooser; }
    // The folder chooser of "Download…"; tests put a function here instead of a dialog.
    void setDirectoryChooser(std::function<QString()> chooser) { m_chooser = std::move(chooser); }
    // The file dialogs of "Upload files…" (folder false) and "Upload folder…" (true); tests
    // put a function here instead.
    void setFileChooser(std::function<QList<QUrl>(bool folder)> chooser)
    {
        m_fileChooser = std::move(chooser);
    }
    // What opens a local folder, or a blob's cached copy (Open), with the desktop's application
    // (QDesktopServices::openUrl); false: nothing could open it.
    // Tests put a function here instead.
    void setFolderOpener(std::function<bool(const QUrl &)> opener)
    {
        m_folderOpener = std::move(opener);
    }
    BlobPreviewPane *previewPane() const { return m_preview; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    void buildLayout();
    // MainWindowMenus.cpp
    QAction *makeAction(const QString &text, const char *name, std::function<void()> slot);
    void buildUploadActions();
    void buildMenus();
    void uploadFromDialog(bool folder);
    void pasteFiles();
    void copySelectedUrls();
    void showShortcuts();
    void showAbout();
    // MainWindowBlobDialogs.cpp
    void buildBlobDialogActions();
    QString selectedBlobName(bool *isFolder = nullptr) const;
    void showBlobProperties();
    void changeTierOfSelection();
    void reportTierChange(const TierChangeRun &run);
    void shareSelection();
    // MainWindowInspect.cpp: snapshots, statistics, open and preview
    void buildInspectActions();
    // The Blob service of the container shown; nullopt, said in the status bar, when its
    // account cannot be reached.
    std::optional<azure::BlobService> shownFolderService();
    // The blob list's context menu, grouped with separators.
    void arrangeBlobMenu(QAction *selectAll);
    void addInspectActions(QMenu *edit, QMenu *view);
    QWidget *withPreviewPane(QWidget *list);
    void showSnapshots();
    void showFolderStatistics();
    void openSelectedBlob();
    void updatePreview();
    // MainWindowBlobMoves.cpp
    void buildBlobMoveActions();
    BlobSelection selectedItems() const;
    void renameSelection();
    void moveSelection();
    void newBlobFolder();
    // MainWindowBlobClipboard.cpp
    void copySelection();
    void paste();
    // MainWindowBrowse.cpp
    QLayout *buildBrowseBar(QWidget *parent);
    void connectBrowsing();
    void connectLoadingAll();
    void connectListingErrors();
    void onLocationShown();
    void goBack();
    void goForward();
    void goUp();
    void openAddress(const QString &text);
    void showPendingName();
    void updateBrowseStatus();
    void restoreWindowState();
    void saveWindowState();
    // MainWindowQueue.cpp
    void connectQueue();
    void updateQueueActions();
    void updateQueueCommands();
    // After the user started transfers: the Active tab, unless the tab shown has rows.
    void revealTransfers();
    QString localFolderOf(int row) const;
    void openLocalFolder();
    void copyErrors();
    void askQuit();
    void cancelAtQuit();
    void updateBreadcrumb();
    void updateTabTitles();
    // Queued or Active shown and just emptied while the other holds rows: shows the other.
    void followMovedRows();
    void updateActions();
    void onAccountActivated(const QModelIndex &index);
    void onBlobActivated(const QModelIndex &index);
    void onAccountError(const QString &accountId, const QString &error, bool unreachable);
    QList<int> selectedQueueRows() const;
    void appendLog(const QString &line);
    void addAccount();
    void removeAccount();
    void newContainer();
    void askNewContainer(const QString &accountId, const QString &typed);
    void deleteContainer();
    void downloadSelection();
    void deleteSelection();
    void showSettings();
    void applyProxy(const QString &password);
    QString currentAccountId() const;

    net::Requester *m_requester; // the window's own calls: listings, deletes, containers
    AccountStore *m_accounts;
    AccountTreeModel *m_accountModel;
    BlobListModel *m_blobs;
    QSortFilterProxyModel *m_blobSort;
    TransferQueueModel *m_queue;
    TransferManager *m_transfers;
    ConflictPrompter *m_conflicts;
    bool m_transfersStopped = false; // closing: the transfers stopped, the window may go
    bool m_stoppingForQuit = false;  // the user chose to quit: the transfers are stopping
    QPointer<QWidget> m_quitQuestion;
    // "Cancel them and quit": the files (job, name) to cancel once their engines stopped.
    QList<QPair<int, QString>> m_cancelAtQuit;
    std::function<bool(const QUrl &)> m_folderOpener;
    BlobPreviewPane *m_preview = nullptr;
    EmulatorLauncher *m_emulator;
    bool m_emulatorOffered = false;
    QString m_proxyPassword; // from the keychain; memory only
    std::function<QString()> m_chooser;
    std::function<QList<QUrl>(bool folder)> m_fileChooser;
    QPointer<UploadChooser> m_uploadChooser;
    VirtualFolders m_newFolders; // made with New folder, shown until they hold something

    QTreeView *m_accountView = nullptr;
    BlobListView *m_blobView = nullptr;
    QLabel *m_breadcrumb = nullptr;
    QLineEdit *m_address = nullptr;
    QLabel *m_itemCount = nullptr;
    BrowseHistory m_history;
    QString m_pendingName; // an address's blob to select once its folder is listed
    QLineEdit *m_filter = nullptr;
    QTabWidget *m_queueTabs = nullptr;
    int m_watchedTab = -1;  // the queue tab shown at the last count (followMovedRows)
    int m_watchedCount = 0; // its rows then
    QList<QTableView *> m_queueViews;
    QPlainTextEdit *m_log = nullptr;
    QProgressBar *m_overall = nullptr;
    QLabel *m_speed = nullptr;
    ThroughputGraph *m_graph = nullptr;

    QAction *m_addAccount = nullptr;
    QAction *m_removeAccount = nullptr;
    QAction *m_newContainer = nullptr;
    QAction *m_deleteContainer = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_download = nullptr;
    QAction *m_delete = nullptr;
    QAction *m_pause = nullptr;
    QAction *m_resume = nullptr;
    QAction *m_pauseAll = nullptr;
    QAction *m_resumeAll = nullptr;
    QAction *m_cancel = nullptr;
    QAction *m_retry = nullptr;
    QAction *m_retryAll = nullptr;
    QAction *m_moveTop = nullptr; // of the queue: which waiting batch starts first
    QAction *m_moveBottom = nullptr;
    QAction *m_removeFinished = nullptr;
    QAction *m_removeFailed = nullptr;
    QAction *m_openDestination = nullptr;
    QAction *m_copyError = nullptr;
    QAction *m_settings = nullptr;
    QAction *m_uploadFiles = nullptr;
    QAction *m_uploadFolder = nullptr;
    QAction *m_paste = nullptr;
    QAction *m_copyUrl = nullptr;
    QAction *m_properties = nullptr;
    QAction *m_changeTier = nullptr;
    QAction *m_share = nullptr;
    QAction *m_snapshots = nullptr;
    QAction *m_statistics = nullptr;
    QAction *m_openBlob = nullptr;
    QAction *m_previewToggle = nullptr;
    QAction *m_copyBlobs = nullptr;
    QAction *m_rename = nullptr;
    QAction *m_move = nullptr;
    QAction *m_newFolder = nullptr;
    QAction *m_back = nullptr;
    QAction *m_forward = nullptr;
    QAction *m_up = nullptr;
};

} // namespace blobferry::ui
