// SPDX-License-Identifier: MIT
// How the main window is put together: its actions, views, tabs and status bar. What they do
// is in MainWindow.cpp.
#include "AccountTreeModel.h"
#include "ActionIcons.h"
#include "BlobListModel.h"
#include "BlobListView.h"
#include "DropTarget.h"
#include "MainWindow.h"
#include "QueueFilterModel.h"
#include "StatusWidgets.h"
#include "TransferManager.h"
#include "TransferQueueModel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace blobferry::ui {

namespace {

constexpr int kLogLines = 20000;

} // namespace

void MainWindow::buildActions()
{
    auto make = [this](const QString &text, ActionIcon icon, const char *name,
                       void (MainWindow::*slot)()) {
        auto *action = new QAction(actionIcon(icon), text, this);
        action->setObjectName(QLatin1String(name));
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    m_addAccount = make(tr("Add account…"), ActionIcon::AddAccount, "addAccountAction",
                        &MainWindow::addAccount);
    m_removeAccount = make(tr("Remove account…"), ActionIcon::RemoveAccount, "removeAccountAction",
                           &MainWindow::removeAccount);
    m_newContainer = make(tr("New container…"), ActionIcon::NewContainer, "newContainerAction",
                          &MainWindow::newContainer);
    m_deleteContainer = make(tr("Delete container…"), ActionIcon::Delete, "deleteContainerAction",
                             &MainWindow::deleteContainer);
    m_refresh = new QAction(actionIcon(ActionIcon::Refresh), tr("Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("refreshAction"));
    m_refresh->setShortcut(QKeySequence::Refresh);
    connect(m_refresh, &QAction::triggered, this, [this] {
        m_accountModel->refresh(currentAccountId());
        m_blobs->refresh();
    });
    m_download = make(tr("Download…"), ActionIcon::Download, "downloadAction",
                      &MainWindow::downloadSelection);
    m_delete =
        make(tr("Delete…"), ActionIcon::Delete, "deleteAction", &MainWindow::deleteSelection);
    m_delete->setShortcut(QKeySequence::Delete);
    m_pause = new QAction(actionIcon(ActionIcon::Pause), tr("Pause"), this);
    m_pause->setObjectName(QStringLiteral("pauseAction"));
    connect(m_pause, &QAction::triggered, this,
            [this] { m_transfers->pauseRows(selectedQueueRows()); });
    m_resume = new QAction(actionIcon(ActionIcon::Resume), tr("Resume"), this);
    m_resume->setObjectName(QStringLiteral("resumeAction"));
    connect(m_resume, &QAction::triggered, this,
            [this] { m_transfers->resumeRows(selectedQueueRows()); });
    m_pauseAll = new QAction(actionIcon(ActionIcon::Pause), tr("Pause all"), this);
    m_pauseAll->setObjectName(QStringLiteral("pauseAllAction"));
    connect(m_pauseAll, &QAction::triggered, m_transfers, &TransferManager::pauseAll);
    m_resumeAll = new QAction(actionIcon(ActionIcon::Resume), tr("Resume all"), this);
    m_resumeAll->setObjectName(QStringLiteral("resumeAllAction"));
    // Files paused one by one are the user's own choice, kept apart from the batches.
    m_resumeAll->setToolTip(tr("Resume the paused batches; files you paused one by one stay "
                               "paused until you resume them"));
    connect(m_resumeAll, &QAction::triggered, m_transfers, &TransferManager::resumeAll);
    m_cancel = new QAction(actionIcon(ActionIcon::Cancel), tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelAction"));
    connect(m_cancel, &QAction::triggered, this,
            [this] { m_transfers->cancelRows(selectedQueueRows()); });
    m_retry = new QAction(actionIcon(ActionIcon::Retry), tr("Retry"), this);
    m_retry->setObjectName(QStringLiteral("retryAction"));
    connect(m_retry, &QAction::triggered, this,
            [this] { m_transfers->retryRows(selectedQueueRows()); });
    m_retryAll = new QAction(actionIcon(ActionIcon::Retry), tr("Retry all failed"), this);
    m_retryAll->setObjectName(QStringLiteral("retryAllAction"));
    connect(m_retryAll, &QAction::triggered, m_transfers, &TransferManager::retryAllFailed);
    // Waiting batches start in the queue's order; the keys are qBittorrent's.
    m_moveTop = new QAction(QIcon::fromTheme(QStringLiteral("go-top")), tr("Move to top"), this);
    m_moveTop->setObjectName(QStringLiteral("moveTopAction"));
    m_moveTop->setShortcut(QKeySequence(tr("Ctrl+Shift++")));
    m_moveBottom =
        new QAction(QIcon::fromTheme(QStringLiteral("go-bottom")), tr("Move to bottom"), this);
    m_moveBottom->setObjectName(QStringLiteral("moveBottomAction"));
    m_moveBottom->setShortcut(QKeySequence(tr("Ctrl+Shift+-")));
    for (QAction *move : {m_moveTop, m_moveBottom}) {
        move->setShortcutContext(Qt::WidgetWithChildrenShortcut); // the queue's views
        connect(move, &QAction::triggered, this,
                [this, move] { m_transfers->moveInQueue(selectedQueueRows(), move == m_moveTop); });
    }
    m_removeFinished =
        new QAction(actionIcon(ActionIcon::ClearFinished), tr("Clear finished"), this);
    m_removeFinished->setObjectName(QStringLiteral("clearFinishedAction"));
    m_removeFailed = new QAction(actionIcon(ActionIcon::Delete), tr("Remove failed"), this);
    m_removeFailed->setObjectName(QStringLiteral("removeFailedAction"));
    // Either is gone from the history for good: the queue file is written at once.
    for (QAction *remove : {m_removeFinished, m_removeFailed})
        connect(remove, &QAction::triggered, this, [this, remove] {
            if (remove == m_removeFinished)
                m_queue->removeFinished();
            else
                m_queue->removeFailed();
            m_transfers->saveQueue();
        });
    // "Open source folder" for an upload (updateQueueActions names it).
    m_openDestination = make(tr("Open destination folder"), ActionIcon::OpenFolder,
                             "openDestinationAction", &MainWindow::openLocalFolder);
    m_copyError =
        make(tr("Copy error text"), ActionIcon::Copy, "copyErrorAction", &MainWindow::copyErrors);
    m_settings =
        make(tr("Settings…"), ActionIcon::Settings, "settingsAction", &MainWindow::showSettings);
}

void MainWindow::buildLayout()
{
    auto *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addActions({m_addAccount, m_refresh});
    toolbar->addSeparator();
    toolbar->addActions({m_uploadFiles, m_uploadFolder, m_download, m_delete});
    toolbar->addSeparator();
    toolbar->addActions({m_pauseAll, m_resumeAll, m_retryAll});
    toolbar->addSeparator();
    toolbar->addAction(m_settings);
    // The toolbar's own button that shows the actions a narrow window hides (it has no text
    // nor action of its own, so a screen reader would read it as a nameless check box).
    for (auto *button : toolbar->findChildren<QToolButton *>())
        if (!button->defaultAction() && button->text().isEmpty())
            button->setAccessibleName(tr("More actions"));

    m_accountView = new QTreeView(this);
    m_accountView->setObjectName(QStringLiteral("accountView"));
    m_accountView->setAccessibleName(tr("Accounts and containers"));
    m_accountView->setModel(m_accountModel);
    m_accountView->setHeaderHidden(true);
    m_accountView->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_accountView->addActions(
        {m_addAccount, m_removeAccount, m_newContainer, m_deleteContainer, m_refresh});
    connect(m_accountView, &QTreeView::clicked, this, &MainWindow::onAccountActivated);
    connect(m_accountView, &QTreeView::activated, this, &MainWindow::onAccountActivated);
    connect(m_accountView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::updateActions);
    new DropTarget(m_accountView, [this](const QList<QUrl> &urls, const QPoint &pos, bool drop) {
        const QModelIndex index = m_accountView->indexAt(pos);
        const QString container = index.data(AccountTreeModel::ContainerRole).toString();
        if (container.isEmpty())
            return false;
        if (drop)
            uploadUrls(urls, index.data(AccountTreeModel::AccountIdRole).toString(), container,
                       QString());
        return true;
    });

    auto *browser = new QWidget(this);
    auto *browserLayout = new QVBoxLayout(browser);
    browserLayout->setContentsMargins(0, 0, 0, 0);
    browserLayout->addLayout(buildBrowseBar(browser));
    auto *bar = new QHBoxLayout;
    m_breadcrumb = new QLabel(browser);
    m_breadcrumb->setObjectName(QStringLiteral("breadcrumb"));
    m_breadcrumb->setTextFormat(Qt::RichText);
    connect(m_breadcrumb, &QLabel::linkActivated, this, [this](const QString &link) {
        openContainer(m_blobs->accountId(), m_blobs->container(), link.mid(1)); // "p" + prefix
    });
    m_filter = new QLineEdit(browser);
    m_filter->setObjectName(QStringLiteral("filter"));
    m_filter->setPlaceholderText(tr("Filter by name prefix"));
    m_filter->setAccessibleName(tr("Filter by name prefix"));
    m_filter->setClearButtonEnabled(true);
    // A screen reader reads the clear button by name too, not as "button".
    for (auto *button : m_filter->findChildren<QToolButton *>())
        button->setAccessibleName(tr("Clear the filter"));
    m_filter->setMaximumWidth(260);
    connect(m_filter, &QLineEdit::textChanged, m_blobs, &BlobListModel::setFilter);
    bar->addWidget(m_breadcrumb, 1);
    bar->addWidget(m_filter);
    browserLayout->addLayout(bar);
    auto *blobView = new BlobListView(browser);
    // Rows dragged onto a file manager download into the folder dropped on.
    blobView->setSaveInto([this](const QString &directory) {
        downloadSelectionTo(directory);
        return true;
    });
    m_blobView = blobView;
    m_blobView->setObjectName(QStringLiteral("blobView"));
    m_blobView->setAccessibleName(tr("Blobs"));
    m_blobView->setModel(m_blobSort);
    m_blobView->setSortingEnabled(true);
    m_blobView->sortByColumn(-1, Qt::AscendingOrder); // the service's order until asked
    m_blobView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_blobView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_blobView->verticalHeader()->hide();
    m_blobView->verticalHeader()->setDefaultSectionSize(m_blobView->fontMetrics().height() + 6);
    // As in a file manager: the name keeps room for a name (the user can widen it), size and
    // date fit their text (a date cut to "6 Dec 2026 ..." says nothing; measured on the first
    // thousand rows, Qt's default precision), the last column takes what is left, and a
    // narrow window scrolls sideways instead of squeezing the name to "b...". An elided name
    // or content type shows whole as a tooltip.
    QHeaderView *header = m_blobView->horizontalHeader();
    const int character = m_blobView->fontMetrics().averageCharWidth();
    header->resizeSection(BlobListModel::NameColumn, 36 * character);
    header->setSectionResizeMode(BlobListModel::SizeColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(BlobListModel::ModifiedColumn, QHeaderView::ResizeToContents);
    header->resizeSection(BlobListModel::ContentTypeColumn, 22 * character);
    header->setStretchLastSection(true);
    m_blobView->setShowGrid(false);
    m_blobView->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_blobView->addActions({m_uploadFiles, m_uploadFolder, m_download, m_delete, m_refresh});
    // Activated: Enter, and a double click (a single one where the desktop says so).
    connect(m_blobView, &QTableView::activated, this, &MainWindow::onBlobActivated);
    connect(m_blobView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateActions);
    new DropTarget(m_blobView, [this](const QList<QUrl> &urls, const QPoint &pos, bool drop) {
        if (!m_blobs->hasLocation())
            return false;
        // Onto a folder row: into that folder; anywhere else: into the folder shown.
        const QModelIndex row = m_blobView->indexAt(pos);
        if (drop && row.data(BlobListModel::IsFolderRole).toBool())
            uploadUrls(urls, m_blobs->accountId(), m_blobs->container(),
                       row.data(BlobListModel::FullNameRole).toString());
        else if (drop)
            uploadUrls(urls);
        return true;
    });
    browserLayout->addWidget(withPreviewPane(m_blobView));

    m_queueTabs = new QTabWidget(this);
    m_queueTabs->setObjectName(QStringLiteral("queueTabs"));
    for (auto tab : {TransferQueueModel::Tab::Queued, TransferQueueModel::Tab::Active,
                     TransferQueueModel::Tab::Failed, TransferQueueModel::Tab::Completed}) {
        auto *filter = new QueueFilterModel(tab, this);
        filter->setSourceModel(m_queue);
        auto *view = new QTableView(m_queueTabs);
        view->setObjectName(QStringLiteral("queueView%1").arg(int(tab)));
        view->setAccessibleName(tab == TransferQueueModel::Tab::Queued   ? tr("Queued transfers")
                                : tab == TransferQueueModel::Tab::Active ? tr("Active transfers")
                                : tab == TransferQueueModel::Tab::Failed
                                    ? tr("Failed transfers")
                                    : tr("Completed transfers"));
        view->setModel(filter);
        view->setItemDelegate(new ProgressDelegate(view));
        view->setSelectionBehavior(QAbstractItemView::SelectRows);
        view->setSelectionMode(QAbstractItemView::ExtendedSelection);
        view->verticalHeader()->hide();
        view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
        view->setShowGrid(false);
        view->setWordWrap(false);
        // A width of its own, not Stretch: with Ended, Source and Destination the columns are
        // wider than the pane, and a stretched name was squeezed to a few pixels ("lam").
        // Fixed first widths, not ResizeToContents (a pass over 100,000 rows): room for a
        // skip's or failure's reason in Status, less for the short figures before it.
        const int character = view->fontMetrics().averageCharWidth();
        QHeaderView *columns = view->horizontalHeader();
        columns->resizeSection(TransferQueueModel::NameColumn, 32 * character);
        columns->resizeSection(TransferQueueModel::DirectionColumn, 11 * character);
        columns->resizeSection(TransferQueueModel::ProgressColumn, 140);
        columns->resizeSection(TransferQueueModel::SpeedColumn, 12 * character);
        columns->resizeSection(TransferQueueModel::EtaColumn, 9 * character);
        columns->resizeSection(TransferQueueModel::StatusColumn, 44 * character);
        view->horizontalHeader()->setStretchLastSection(true);
        view->setContextMenuPolicy(Qt::ActionsContextMenu);
        view->addActions({m_pause, m_resume, m_moveTop, m_moveBottom, m_cancel, m_retry,
                          m_openDestination, m_copyError, m_removeFinished, m_removeFailed});
        connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
                &MainWindow::updateActions);
        m_queueTabs->addTab(view, QString());
        m_queueViews.append(view);
    }
    m_log = new QPlainTextEdit(m_queueTabs);
    m_log->setObjectName(QStringLiteral("logView"));
    m_log->setAccessibleName(tr("Log"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(kLogLines);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_queueTabs->addTab(m_log, tr("Log"));
    connect(m_queueTabs, &QTabWidget::currentChanged, this, &MainWindow::updateActions);
    // The tab a person picks is the one watched for emptying (followMovedRows).
    connect(m_queueTabs, &QTabWidget::currentChanged, this, &MainWindow::followMovedRows);

    auto *right = new QSplitter(Qt::Vertical, this);
    right->setObjectName(QStringLiteral("browseSplitter"));
    right->addWidget(browser);
    right->addWidget(m_queueTabs);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    auto *main = new QSplitter(Qt::Horizontal, this);
    main->setObjectName(QStringLiteral("mainSplitter"));
    main->addWidget(m_accountView);
    main->addWidget(right);
    main->setStretchFactor(1, 1);
    main->setSizes({220, 780});
    setCentralWidget(main);

    m_overall = new QProgressBar(this);
    m_overall->setObjectName(QStringLiteral("overallProgress"));
    m_overall->setRange(0, 1000);
    m_overall->setMaximumWidth(260);
    m_overall->setVisible(false);
    m_speed = new QLabel(this);
    m_speed->setObjectName(QStringLiteral("overallSpeed"));
    m_graph = new ThroughputGraph(this);
    statusBar()->addPermanentWidget(m_overall);
    statusBar()->addPermanentWidget(m_speed);
    statusBar()->addPermanentWidget(m_graph);
    resize(1100, 720);
}

} // namespace blobferry::ui
