// SPDX-License-Identifier: MIT
// Moving around the blob list as in a file manager: back, forward and up (buttons, Alt+Left,
// Alt+Right, Alt+Up, Backspace), an address bar that takes a pasted blob URL, the window
// title and the status line's counts (and what a sort covers), loading a whole folder to
// sort it (a bar, Stop and Esc), and what the window remembers between sessions.
#include "ActionIcons.h"
#include "BlobAddress.h"
#include "BlobListModel.h"
#include "MainWindow.h"
#include "SelectionKeeper.h"
#include "Settings.h"
#include "TransferQueueModel.h"

#include <QAction>
#include <QBoxLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QToolButton>

namespace blobferry::ui {

QLayout *MainWindow::buildBrowseBar(QWidget *parent)
{
    auto action = [this](const QString &text, ActionIcon icon, const char *name,
                         QKeySequence::StandardKey key, std::function<void()> slot) {
        QAction *created = makeAction(text, name, std::move(slot));
        created->setIcon(actionIcon(icon));
        created->setShortcut(key);
        return created;
    };
    m_back = action(tr("Back"), ActionIcon::Back, "backAction", QKeySequence::Back,
                    [this] { goBack(); });
    m_forward = action(tr("Forward"), ActionIcon::Forward, "forwardAction", QKeySequence::Forward,
                       [this] { goForward(); });
    m_up = makeAction(tr("Up one folder"), "upAction", [this] { goUp(); });
    m_up->setIcon(actionIcon(ActionIcon::Up));
    m_up->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Up));
    auto *layout = new QHBoxLayout;
    for (QAction *step : {m_back, m_forward, m_up}) {
        auto *button = new QToolButton(parent);
        button->setDefaultAction(step);
        button->setAutoRaise(true);
        layout->addWidget(button);
    }
    m_address = new QLineEdit(parent);
    m_address->setObjectName(QStringLiteral("addressBar"));
    m_address->setAccessibleName(tr("Address"));
    m_address->setPlaceholderText(tr("Paste a blob or folder URL, or type container/path"));
    connect(m_address, &QLineEdit::returnPressed, this, [this] { openAddress(m_address->text()); });
    layout->addWidget(m_address, 1);
    return layout;
}

void MainWindow::connectBrowsing()
{
    // Backspace goes up only from the list: in a text field it deletes a character.
    auto *backspace = new QShortcut(QKeySequence(Qt::Key_Backspace), m_blobView);
    backspace->setContext(Qt::WidgetShortcut);
    connect(backspace, &QShortcut::activated, this, [this] { goUp(); });
    m_itemCount = new QLabel(this);
    m_itemCount->setObjectName(QStringLiteral("itemCount"));
    statusBar()->addWidget(m_itemCount);
    connectLoadingAll();
    connectListingErrors();
    connect(m_blobSort, &QAbstractItemModel::modelReset, this, &MainWindow::updateBrowseStatus);
    connect(m_blobSort, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateBrowseStatus);
    connect(m_blobSort, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateBrowseStatus);
    connect(m_blobSort, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateBrowseStatus);
    connect(m_blobView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateBrowseStatus);
    // Refresh, a tier change or a promoted snapshot reloads the folder: what was selected
    // stays selected.
    new SelectionKeeper(
        m_blobView, BlobListModel::FullNameRole,
        [this] {
            return m_blobs->accountId() + QLatin1Char('\n') + m_blobs->container() +
                   QLatin1Char('\n') + m_blobs->prefix();
        },
        this);
    // Queued: the model says it stopped loading before it inserts the page's rows.
    connect(
        m_blobs, &BlobListModel::loadingChanged, this,
        [this](bool loading) {
            if (!loading)
                showPendingName();
            updateBrowseStatus();
        },
        Qt::QueuedConnection);
    // The folder open when the window last closed, once the account's secret is read.
    connect(m_accounts, &AccountStore::secretsLoaded, this, [this] {
        if (m_blobs->hasLocation())
            return;
        auto settings = Settings::open();
        const QStringList last = settings->value(QStringLiteral("browse/last")).toStringList();
        if (last.size() == 3 && m_accounts->account(last.at(0)))
            openContainer(last.at(0), last.at(1), last.at(2));
    });
}

// A header click on a folder listed in part loads the rest first (BlobSortModel): a busy bar
// and Stop (or Esc) show while it does; stopped, the status line says what the sort covers.
void MainWindow::connectLoadingAll()
{
    auto *bar = new QProgressBar(this);
    bar->setObjectName(QStringLiteral("loadAllProgress"));
    bar->setRange(0, 0); // the service does not say how many there are
    bar->setMaximumWidth(120);
    bar->setAccessibleName(tr("Loading the whole folder"));
    bar->hide();
    auto *stop = new QToolButton(this);
    stop->setObjectName(QStringLiteral("stopLoadingButton"));
    stop->setText(tr("Stop"));
    stop->setToolTip(tr("Stop loading the folder and sort what is loaded (Esc)"));
    stop->hide();
    statusBar()->addWidget(bar);
    statusBar()->addWidget(stop);
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    escape->setEnabled(false);
    connect(escape, &QShortcut::activated, m_blobs, &BlobListModel::stopLoadingAll);
    connect(stop, &QToolButton::clicked, m_blobs, &BlobListModel::stopLoadingAll);
    connect(m_blobs, &BlobListModel::loadingAllChanged, this, [this, bar, stop, escape](bool on) {
        bar->setVisible(on);
        stop->setVisible(on);
        escape->setEnabled(on);
        updateBrowseStatus();
    });
}

// A listing that fails (403, a container deleted elsewhere, nothing answering) says so above
// the list it was to fill, until the next listing starts; the Log tab keeps the line.
void MainWindow::connectListingErrors()
{
    auto *banner = new QLabel(this);
    banner->setObjectName(QStringLiteral("listingError"));
    banner->setWordWrap(true);
    banner->setTextFormat(Qt::PlainText);
    banner->setFrameShape(QFrame::StyledPanel);
    banner->setMargin(6);
    banner->setAccessibleName(tr("Listing error"));
    banner->hide();
    if (auto *layout = qobject_cast<QBoxLayout *>(m_blobView->parentWidget()->layout()))
        layout->insertWidget(layout->indexOf(m_blobView), banner);
    connect(m_blobs, &QAbstractItemModel::modelReset, banner, &QLabel::hide);
    connect(m_blobs, &BlobListModel::errorOccurred, this, [this, banner](const QString &error) {
        const QString line =
            tr("Cannot list %1: %2")
                .arg(m_blobs->container() + QLatin1Char('/') + m_blobs->prefix(), error);
        appendLog(line);
        banner->setText(line);
        banner->show();
    });
}

void MainWindow::onLocationShown()
{
    const BrowseLocation here{m_blobs->accountId(), m_blobs->container(), m_blobs->prefix()};
    m_history.visit(here);
    m_back->setEnabled(m_history.canGoBack());
    m_forward->setEnabled(m_history.canGoForward());
    m_up->setEnabled(here.parent().has_value());
    const Account *account = m_accounts->account(here.accountId);
    m_address->setText(account ? addressOf(*account, here) : QString());
    const QString folder = here.container + QLatin1Char('/') + here.prefix;
    setWindowTitle(account ? QStringLiteral("%1 — %2 — blobferry").arg(folder, account->name)
                           : QStringLiteral("blobferry"));
    updateBrowseStatus();
}

void MainWindow::goBack()
{
    if (const auto location = m_history.back())
        openContainer(location->accountId, location->container, location->prefix);
}

void MainWindow::goForward()
{
    if (const auto location = m_history.forward())
        openContainer(location->accountId, location->container, location->prefix);
}

void MainWindow::goUp()
{
    const BrowseLocation here{m_blobs->accountId(), m_blobs->container(), m_blobs->prefix()};
    if (const auto parent = here.parent())
        openContainer(parent->accountId, parent->container, parent->prefix);
}

void MainWindow::openAddress(const QString &text)
{
    QString error;
    const BrowseLocation here{m_blobs->accountId(), m_blobs->container(), m_blobs->prefix()};
    const auto target = resolveAddress(text, m_accounts->accounts(), here, &error);
    if (!target) {
        statusBar()->showMessage(error, 10000);
        return;
    }
    m_pendingName = target->name;
    // The name is looked for when the folder's listing arrives (loadingChanged).
    openContainer(target->folder.accountId, target->folder.container, target->folder.prefix);
}

// After an address named a blob: select it, or open it when it is a folder; a later page
// may hold it.
void MainWindow::showPendingName()
{
    if (m_pendingName.isEmpty())
        return;
    const QString full = m_blobs->prefix() + m_pendingName;
    for (int row = 0; row < m_blobSort->rowCount(); ++row) {
        const QModelIndex index = m_blobSort->index(row, 0);
        const QString name = index.data(BlobListModel::FullNameRole).toString();
        if (name == full + QLatin1Char('/')) {
            m_pendingName.clear();
            openContainer(m_blobs->accountId(), m_blobs->container(), name);
            return;
        }
        if (name == full) {
            m_pendingName.clear();
            m_blobView->setCurrentIndex(index);
            m_blobView->selectRow(row);
            m_blobView->scrollTo(index);
            m_blobView->setFocus();
            return;
        }
    }
    if (m_blobs->canFetchMore({})) {
        m_blobs->fetchMore({});
        return;
    }
    m_pendingName.clear();
    statusBar()->showMessage(tr("%1 is not in %2").arg(full, m_blobs->container()), 10000);
}

void MainWindow::updateBrowseStatus()
{
    if (!m_blobs->hasLocation()) {
        m_itemCount->clear();
        m_blobView->setPlaceholder({});
        return;
    }
    const int rows = m_blobSort->rowCount();
    // An empty pane says why, and what to do next.
    if (rows > 0)
        m_blobView->setPlaceholder({});
    else if (m_blobs->isLoading())
        m_blobView->setPlaceholder(tr("Loading…"));
    else if (!m_filter->text().isEmpty())
        m_blobView->setPlaceholder(tr("Nothing here starts with “%1”.").arg(m_filter->text()));
    else
        m_blobView->setPlaceholder(
            tr("This folder is empty.\nDrop files here, or use Upload files… (Ctrl+U)."));
    const QString count = QLocale().toString(rows);
    // In full, not %n: no translator is loaded to turn "item(s)" into "items".
    QString text = rows == 1 ? tr("1 item") : tr("%1 items").arg(count);
    if (m_blobs->isLoadingAll())
        text = tr("Loading the whole folder to sort it: %1 so far (Esc stops)").arg(text);
    else if (m_blobSort->sortColumn() >= 0 && !m_blobs->isComplete() && rows > 0)
        text = tr("Sorted the first %1; the folder has more").arg(text);
    else if (m_blobs->canFetchMore({}))
        text += tr(" so far");
    const QModelIndexList selected = m_blobView->selectionModel()->selectedRows();
    if (!selected.isEmpty()) {
        qint64 bytes = 0;
        int files = 0;
        for (const QModelIndex &index : selected) {
            if (index.data(BlobListModel::IsFolderRole).toBool())
                continue; // a folder's size is unknown until its blobs are listed
            ++files;
            bytes += index.siblingAtColumn(BlobListModel::SizeColumn)
                         .data(BlobListModel::SortRole)
                         .toLongLong();
        }
        const int folders = int(selected.size()) - files;
        if (folders == 0)
            text += tr(" · %1 selected (%2)").arg(selected.size()).arg(formatBytes(bytes));
        else if (files == 0)
            text += tr(" · %1 selected (folders: size not listed)").arg(selected.size());
        else
            text += tr(" · %1 selected (%2 in %3 files, and folders)")
                        .arg(selected.size())
                        .arg(formatBytes(bytes))
                        .arg(files);
    }
    m_itemCount->setText(text);
}

void MainWindow::restoreWindowState()
{
    auto settings = Settings::open();
    restoreGeometry(settings->value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings->value(QStringLiteral("window/state")).toByteArray());
    for (auto *splitter : findChildren<QSplitter *>())
        splitter->restoreState(
            settings->value(QStringLiteral("window/") + splitter->objectName()).toByteArray());
    for (int tab = 0; tab < m_queueViews.size(); ++tab)
        m_queueViews.at(tab)->horizontalHeader()->restoreState(
            settings->value(QStringLiteral("window/queueColumns")).toByteArray());
}

void MainWindow::saveWindowState()
{
    auto settings = Settings::open();
    // Once, on close: not a settings-file write on every folder opened.
    if (m_blobs->hasLocation())
        settings->setValue(
            QStringLiteral("browse/last"),
            QStringList{m_blobs->accountId(), m_blobs->container(), m_blobs->prefix()});
    settings->setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings->setValue(QStringLiteral("window/state"), saveState());
    for (auto *splitter : findChildren<QSplitter *>())
        settings->setValue(QStringLiteral("window/") + splitter->objectName(),
                           splitter->saveState());
    // The tab shown is the one whose widths the user last set.
    if (QTableView *view = m_queueViews.value(m_queueTabs->currentIndex()))
        settings->setValue(QStringLiteral("window/queueColumns"),
                           view->horizontalHeader()->saveState());
}

} // namespace blobferry::ui
