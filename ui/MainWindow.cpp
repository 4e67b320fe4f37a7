// SPDX-License-Identifier: MIT
#include "MainWindow.h"

#include "AccountTreeModel.h"
#include "Accounts.h"
#include "BlobListModel.h"
#include "BlobOperations.h"
#include "BlobSortModel.h"
#include "ConflictPrompter.h"
#include "Dialogs.h"
#include "DropTarget.h"
#include "Settings.h"
#include "StatusWidgets.h"
#include "TransferManager.h"
#include "TransferQueueModel.h"
#include "UploadChooser.h"
#include "WarningBox.h"
#include "azure/BlobLocation.h"
#include "log/Printable.h"
#include "net/Requester.h"
#include "transfer/PathParts.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>
#include <qt6keychain/keychain.h>

// The icon lives in the static library's resources, which need registering by hand.
static void initResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace blobferry::ui {

using transfer::TransferState;

namespace {

// Whether exactly one row is selected, from the selection's ranges (no list of every row).
bool oneRowSelected(const QItemSelectionModel *selection)
{
    int row = -1;
    for (const QItemSelectionRange &range : selection->selection()) {
        if (range.top() != range.bottom() || (row >= 0 && row != range.top()))
            return false;
        row = range.top();
    }
    return row >= 0;
}

// The window's browsing: a few requests at once are plenty, and leave the transfers room.
net::RequesterSettings browsingRequests()
{
    net::RequesterSettings settings;
    settings.concurrency = 8;
    return settings;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_requester(new net::Requester(browsingRequests(), this))
    , m_accounts(new AccountStore(this))
    , m_accountModel(new AccountTreeModel(m_accounts, m_requester, this))
    , m_blobs(new BlobListModel(m_requester, this))
    , m_blobSort(new BlobSortModel(m_blobs, this))
    , m_queue(new TransferQueueModel(this))
    , m_transfers(new TransferManager(m_accounts, m_queue, this))
    , m_conflicts(new ConflictPrompter(this, this))
    , m_emulator(new EmulatorLauncher(this))
{
    initResources();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("blobferry"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/blobferry.svg")));
    m_blobs->setVirtualFolders(&m_newFolders);
    buildActions();
    buildUploadActions();
    buildLayout();
    buildMenus();
    connectBrowsing(); // before the accounts load: it reopens the last folder
    connectQueue();

    connect(m_accountModel, &AccountTreeModel::accountError, this, &MainWindow::onAccountError);
    connect(m_emulator, &EmulatorLauncher::ready, this, [this] {
        appendLog(tr("Started the local emulator; it stops when blobferry quits"));
        m_accountModel->refresh(QString::fromLatin1(Account::kEmulatorId));
    });
    connect(m_emulator, &EmulatorLauncher::failed, this, [this](const QString &why) {
        appendLog(why);
        statusBar()->showMessage(why, 10000);
    });
    connect(m_queue, &TransferQueueModel::countsChanged, this, &MainWindow::updateTabTitles);
    connect(m_queue, &TransferQueueModel::countsChanged, this, &MainWindow::updateQueueCommands);
    connect(m_transfers, &TransferManager::logLine, this, &MainWindow::appendLog);
    connect(m_transfers, &TransferManager::engineLine, this, &MainWindow::appendLog);
    connect(m_transfers, &TransferManager::conflictRaised, m_conflicts, &ConflictPrompter::ask);
    m_conflicts->setRecall([this](int id, const transfer::Conflict &conflict) {
        const JobRecord *record = m_transfers->job(id);
        return record ? record->answers.recall(conflict) : std::nullopt;
    });
    // Closing waits for the transfers to stop, then closes for good (closeEvent).
    connect(
        m_transfers, &TransferManager::readyToQuit, this,
        [this] {
            m_transfersStopped = true;
            close();
        },
        Qt::QueuedConnection);
    connect(m_transfers, &TransferManager::jobEnded, this, [this](int id) {
        m_conflicts->forgetJob(id); // nobody is left to answer its questions
        const JobRecord *job = m_transfers->job(id);
        // An upload or a copy into the container shown, or a move out of it: show the result.
        const bool into = job && job->direction != Direction::Download &&
                          job->accountId == m_blobs->accountId() &&
                          job->container == m_blobs->container();
        const bool outOf = job && job->direction == Direction::Move &&
                           job->sourceAccountId == m_blobs->accountId() &&
                           job->sourceContainer == m_blobs->container();
        if (into || outOf)
            m_blobs->refresh();
        updateActions();
    });
    connect(m_transfers, &TransferManager::throughput, this,
            [this](const ThroughputMeter::Reading &reading) {
                m_graph->addSample(reading.bytesPerSecond);
                const OverallStatus status = overallStatus(reading);
                m_speed->setText(status.speed);
                m_overall->setVisible(status.visible);
                m_overall->setValue(status.permille);
                m_overall->setFormat(status.text);
                m_overall->setToolTip(status.toolTip);
            });

    applyProxy(QString());
    // The proxy's password lives in the keychain; read once, used by browsing and transfers.
    auto *proxyRead = new QKeychain::ReadPasswordJob(AccountStore::keychainService());
    proxyRead->setKey(QStringLiteral("proxy"));
    connect(proxyRead, &QKeychain::Job::finished, this, [this, proxyRead] {
        if (proxyRead->error() == QKeychain::NoError)
            applyProxy(proxyRead->textData());
    });
    proxyRead->start();

    m_accounts->load();
    m_transfers->restoreQueue();
    updateTabTitles();
    updateBreadcrumb();
    updateActions();
    m_accountView->expand(m_accountModel->accountIndex(QString::fromLatin1(Account::kEmulatorId)));

    restoreWindowState();
}

MainWindow::~MainWindow()
{
    // The transfers go first, while the log pane their last lines go to is still there: they
    // save the queue and stop what still runs (its journals stay).
    delete m_transfers;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Running transfers: the user says whether they continue next time or are cancelled
    // (askQuit). Either way they stop first (their journals stay): the window stays until they
    // have, and nothing waits in a nested event loop.
    if (!m_transfersStopped && !m_transfers->isIdle()) {
        event->ignore();
        if (!m_stoppingForQuit)
            askQuit();
        return;
    }
    cancelAtQuit();
    m_transfers->saveQueue();
    saveWindowState();
    event->accept();
}

QTableView *MainWindow::queueView(int tab) const
{
    return m_queueViews.value(tab);
}

QString MainWindow::currentAccountId() const
{
    const QModelIndex index = m_accountView->currentIndex();
    return index.isValid() ? index.data(AccountTreeModel::AccountIdRole).toString()
                           : m_blobs->accountId();
}

void MainWindow::onAccountActivated(const QModelIndex &index)
{
    const QString container = index.data(AccountTreeModel::ContainerRole).toString();
    if (container.isEmpty())
        return;
    openContainer(index.data(AccountTreeModel::AccountIdRole).toString(), container);
}

void MainWindow::openContainer(const QString &accountId, const QString &container,
                               const QString &prefix)
{
    QString error;
    const auto connection = m_accounts->connection(accountId, &error);
    if (!connection) {
        statusBar()->showMessage(error, 10000);
        appendLog(error);
        return;
    }
    m_filter->blockSignals(true);
    m_filter->clear();
    m_filter->blockSignals(false);
    m_blobs->setLocation(accountId, *connection, container, prefix);
    updateBreadcrumb();
    updateActions();
    onLocationShown();
}

void MainWindow::onBlobActivated(const QModelIndex &index)
{
    const QModelIndex source = m_blobSort->mapToSource(index);
    if (source.data(BlobListModel::IsFolderRole).toBool())
        openContainer(m_blobs->accountId(), m_blobs->container(),
                      source.data(BlobListModel::FullNameRole).toString());
    else
        openSelectedBlob();
}

void MainWindow::updateBreadcrumb()
{
    if (!m_blobs->hasLocation()) {
        m_breadcrumb->setText(tr("Choose a container on the left, or add an account."));
        return;
    }
    // Each part links to its prefix ("p" + prefix, so the root's link is not empty).
    QString html = QStringLiteral("<a href=\"p\">%1</a>").arg(m_blobs->container().toHtmlEscaped());
    const QStringList parts = m_blobs->prefix().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString prefix;
    for (const QString &part : parts) {
        prefix += part + QLatin1Char('/');
        html += QStringLiteral(" / <a href=\"p%1\">%2</a>")
                    .arg(prefix.toHtmlEscaped(), part.toHtmlEscaped());
    }
    m_breadcrumb->setText(html);
}

void MainWindow::updateTabTitles()
{
    const QStringList titles{tr("Queued"), tr("Active"), tr("Failed"), tr("Completed")};
    for (int tab = 0; tab < titles.size(); ++tab)
        m_queueTabs->setTabText(tab, QStringLiteral("%1 (%2)")
                                         .arg(titles.at(tab))
                                         .arg(m_queue->count(TransferQueueModel::Tab(tab))));
    followMovedRows();
    updateActions();
}

void MainWindow::updateActions()
{
    const bool browsing = m_blobs->hasLocation();
    const bool selection = browsing && m_blobView->selectionModel()->hasSelection();
    m_download->setEnabled(selection);
    m_delete->setEnabled(selection);
    m_copyUrl->setEnabled(selection);
    m_copyBlobs->setEnabled(selection);
    m_rename->setEnabled(selection && oneRowSelected(m_blobView->selectionModel()));
    m_move->setEnabled(selection);
    m_newFolder->setEnabled(browsing);
    m_changeTier->setEnabled(selection);
    m_share->setEnabled(browsing);
    bool folder = true;
    const bool oneBlob = selection && !selectedBlobName(&folder).isEmpty() && !folder;
    m_properties->setEnabled(oneBlob);
    m_openBlob->setEnabled(oneBlob);
    m_snapshots->setEnabled(oneBlob);
    m_statistics->setEnabled(browsing); // the selected folder, or the one shown
    for (QAction *upload : {m_uploadFiles, m_uploadFolder, m_paste})
        upload->setEnabled(browsing);
    const QModelIndex current = m_accountView->currentIndex();
    const bool account = current.isValid();
    const bool isContainer =
        account && !current.data(AccountTreeModel::ContainerRole).toString().isEmpty();
    m_removeAccount->setEnabled(account && !isContainer &&
                                current.data(AccountTreeModel::AccountIdRole).toString() !=
                                    QLatin1String(Account::kEmulatorId));
    m_newContainer->setEnabled(account);
    m_deleteContainer->setEnabled(isContainer);
    updateQueueActions();
}

QList<int> MainWindow::selectedQueueRows() const
{
    QList<int> rows;
    const int tab = m_queueTabs ? m_queueTabs->currentIndex() : -1;
    QTableView *view = m_queueViews.value(tab);
    if (!view)
        return rows;
    const auto *filter = static_cast<QSortFilterProxyModel *>(view->model());
    for (const QModelIndex &index : view->selectionModel()->selectedRows())
        rows.append(filter->mapToSource(index).row());
    return rows;
}

void MainWindow::appendLog(const QString &line)
{
    // Lines name blobs and files: a line break or a bidirectional override in a name must not
    // rearrange the pane (log::printable shows them as \x0A, \u202E).
    m_log->appendPlainText(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss ")) +
                           log::printable(line));
}

void MainWindow::uploadUrls(const QList<QUrl> &urls, const QString &accountId,
                            const QString &container, const QString &prefix)
{
    const QString account = accountId.isEmpty() ? m_blobs->accountId() : accountId;
    const QString target = container.isEmpty() ? m_blobs->container() : container;
    const QString into = container.isEmpty() ? m_blobs->prefix() : prefix;
    // Folders go as a whole; files are grouped by the folder they are in, one job each.
    QMap<QString, QStringList> files;
    QStringList missing;
    for (const QUrl &url : urls) {
        const QFileInfo info(url.toLocalFile());
        if (info.isDir()) {
            m_transfers->upload(account, target, into + info.fileName() + QLatin1Char('/'),
                                info.absoluteFilePath(), {}, true);
        } else if (info.exists()) {
            files[info.absolutePath()].append(info.fileName());
        } else {
            appendLog(tr("Not uploaded: %1 does not exist").arg(info.filePath()));
            missing.append(info.filePath());
        }
    }
    // Shown where the user pasted or dropped, not only in the Log tab.
    if (!missing.isEmpty())
        showWarning(this, tr("Upload"),
                    tr("Not uploaded, no longer there:\n%1").arg(missing.join(QLatin1Char('\n'))));
    for (auto it = files.cbegin(); it != files.cend(); ++it)
        m_transfers->upload(account, target, into, it.key(), it.value(), false);
    revealTransfers();
}

void MainWindow::offerUpload(const QList<QUrl> &items)
{
    if (isMinimized())
        showNormal();
    raise();
    activateWindow();
    if (items.isEmpty())
        return;
    // A second hand-over while one is asked about waits for it: one question at a time.
    if (m_uploadChooser) {
        connect(m_uploadChooser, &QObject::destroyed, this, [this, items] { offerUpload(items); });
        return;
    }
    m_uploadChooser = new UploadChooser(items, m_accountModel, this);
    m_uploadChooser->setAttribute(Qt::WA_DeleteOnClose);
    m_uploadChooser->preselect(m_blobs->accountId(), m_blobs->container(), m_blobs->prefix());
    connect(m_uploadChooser, &QDialog::accepted, this, [this, chooser = m_uploadChooser.data()] {
        uploadUrls(chooser->items(), chooser->accountId(), chooser->container(), chooser->folder());
    });
    m_uploadChooser->open();
}

void MainWindow::downloadSelection()
{
    const QString directory =
        m_chooser ? m_chooser()
                  : QFileDialog::getExistingDirectory(
                        this, tr("Download to"), Settings::lastFolder(QStringLiteral("download")));
    if (directory.isEmpty())
        return;
    Settings::rememberFolder(QStringLiteral("download"), directory);
    downloadSelectionTo(directory);
}

void MainWindow::downloadSelectionTo(const QString &directory)
{
    const QString prefix = m_blobs->prefix();
    QStringList names;
    for (const QModelIndex &index : m_blobView->selectionModel()->selectedRows()) {
        const QModelIndex source = m_blobSort->mapToSource(index);
        const QString full = source.data(BlobListModel::FullNameRole).toString();
        const QString relative = full.mid(prefix.size());
        if (source.data(BlobListModel::IsFolderRole).toBool()) {
            // A folder lands as a folder of the same name, with everything under it.
            const QString folder = relative.chopped(1);
            m_transfers->download(m_blobs->accountId(), m_blobs->container(), full,
                                  directory + QLatin1Char('/') + folder, {}, true);
        } else {
            names.append(relative);
        }
    }
    if (!names.isEmpty())
        m_transfers->download(m_blobs->accountId(), m_blobs->container(), prefix, directory, names,
                              false);
    revealTransfers();
}

void MainWindow::onAccountError(const QString &accountId, const QString &error, bool unreachable)
{
    appendLog(tr("Cannot list the containers: %1").arg(error));
    // Also in sight (the tree greys the account and has the reason as its tooltip).
    const Account *account = m_accounts->account(accountId);
    statusBar()->showMessage(
        tr("Cannot list the containers of %1: %2").arg(account ? account->name : accountId, error),
        10000);
    if (accountId != QLatin1String(Account::kEmulatorId) || !unreachable || m_emulatorOffered ||
        EmulatorLauncher::find().isEmpty())
        return;
    m_emulatorOffered = true;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Start the local emulator?"),
                                tr("Nothing answers at %1. Start the Azurite emulator installed "
                                   "with blobferry? It stops when blobferry quits.")
                                    .arg(AccountStore::emulatorEndpoint()),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("startEmulatorBox"));
    connect(box, &QMessageBox::finished, this, [this](int result) {
        if (result != QMessageBox::Yes)
            return;
        appendLog(tr("Starting the local emulator…"));
        m_emulator->start(quint16(QUrl(AccountStore::emulatorEndpoint()).port(10000)));
    });
    box->open();
}

void MainWindow::addAccount()
{
    auto *dialog = new AddAccountDialog(m_accounts, m_requester, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::removeAccount()
{
    const QString id = currentAccountId();
    const Account *account = m_accounts->account(id);
    if (!account || account->kind == Account::Kind::Emulator)
        return;
    if (QMessageBox::question(this, tr("Remove account"),
                              tr("Remove %1? Its key is deleted from the keychain; the data in "
                                 "the account is not touched.")
                                  .arg(account->name)) != QMessageBox::Yes)
        return;
    if (m_blobs->accountId() == id) {
        m_blobs->clear();
        updateBreadcrumb();
    }
    m_accounts->remove(id);
}

void MainWindow::newContainer()
{
    askNewContainer(currentAccountId(), {});
}

// Asks for the name again, with what was typed, after any refusal: the error is shown where
// the user acted (a box over the window, not only a line in the Log tab).
void MainWindow::askNewContainer(const QString &accountId, const QString &typed)
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("New container"),
                                               tr("Name (3-63 lowercase letters, digits, '-'):"),
                                               QLineEdit::Normal, typed, &ok)
                             .trimmed();
    if (!ok || name.isEmpty())
        return;
    if (const QString problem = azure::BlobLocation::containerNameProblem(name);
        !problem.isEmpty()) {
        QMessageBox::warning(this, tr("New container"), problem);
        askNewContainer(accountId, name);
        return;
    }
    QString error;
    const auto connection = m_accounts->connection(accountId, &error);
    if (!connection) {
        QMessageBox::warning(this, tr("New container"), error);
        return;
    }
    auto said = std::make_shared<QString>();
    createContainer(
        m_requester, *connection, name, this,
        [this, said](const QString &line) {
            appendLog(line);
            *said = line;
        },
        [this, accountId, name, said](bool created) {
            if (created) {
                // Opened at once: what a user does next is fill it.
                m_accountModel->refresh(accountId);
                openContainer(accountId, name);
                return;
            }
            QMessageBox::warning(this, tr("New container"), *said);
            askNewContainer(accountId, name);
        });
}

void MainWindow::applyProxy(const QString &password)
{
    m_proxyPassword = password;
    m_transfers->setProxyPassword(password);
    m_requester->setProxy(m_transfers->settings().proxy(password));
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(m_transfers->settings(), !m_proxyPassword.isEmpty(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Settings settings = dialog.settings();
    settings.save();
    m_transfers->setSettings(settings);
    applyProxy(dialog.proxyPassword().isEmpty() ? m_proxyPassword : dialog.proxyPassword());
    if (!dialog.proxyPassword().isEmpty()) {
        auto *job = new QKeychain::WritePasswordJob(AccountStore::keychainService());
        job->setKey(QStringLiteral("proxy"));
        job->setTextData(dialog.proxyPassword());
        connect(job, &QKeychain::Job::finished, this, [this, job] {
            if (job->error() != QKeychain::NoError)
                appendLog(tr("Cannot store the proxy password in the keychain: %1")
                              .arg(job->errorString()));
        });
        job->start();
    }
    appendLog(tr("Settings saved (proxy: %1); the cap, requests in parallel and batches at "
                 "once apply at once, the rest to transfers started from now on.")
                  .arg(settings.proxy(m_proxyPassword).display()));
}

} // namespace blobferry::ui
