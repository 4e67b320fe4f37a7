// SPDX-License-Identifier: MIT
#include "AccountTreeModel.h"

#include "Accounts.h"
#include "BlobOperations.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>

namespace blobferry::ui {

namespace {

constexpr quintptr kAccountLevel = 0; // internalId of account rows; containers: account + 1

} // namespace

AccountTreeModel::AccountTreeModel(AccountStore *accounts, net::Requester *requester,
                                   QObject *parent)
    : QAbstractItemModel(parent)
    , m_accounts(accounts)
    , m_requester(requester)
{
    connect(m_accounts, &AccountStore::accountsChanged, this, &AccountTreeModel::rebuild);
    connect(m_accounts, &AccountStore::secretsLoaded, this, [this] {
        // Accounts whose listing failed for want of a secret are tried again.
        for (Node &node : m_nodes)
            if (!node.error.isEmpty())
                refresh(node.accountId);
    });
    rebuild();
}

void AccountTreeModel::rebuild()
{
    beginResetModel();
    QHash<QString, Node> previous;
    for (const Node &node : std::as_const(m_nodes))
        previous.insert(node.accountId, node);
    m_nodes.clear();
    for (const Account &account : m_accounts->accounts()) {
        Node node = previous.value(account.id);
        node.accountId = account.id;
        node.fetching = false;
        if (!account.container.isEmpty()) { // a container SAS: just that container
            node.containers = {account.container};
            node.started = true;
            node.marker.clear();
            node.markers.clear();
        }
        m_nodes.append(node);
    }
    endResetModel();
}

QModelIndex AccountTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    if (!parent.isValid())
        return row < m_nodes.size() ? createIndex(row, 0, kAccountLevel) : QModelIndex();
    if (parent.internalId() != kAccountLevel || parent.row() >= m_nodes.size())
        return {};
    if (row >= m_nodes.at(parent.row()).containers.size())
        return {};
    return createIndex(row, 0, quintptr(parent.row()) + 1);
}

QModelIndex AccountTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kAccountLevel)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kAccountLevel);
}

int AccountTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_nodes.size());
    if (parent.internalId() == kAccountLevel && parent.row() < m_nodes.size())
        return int(m_nodes.at(parent.row()).containers.size());
    return 0;
}

int AccountTreeModel::columnCount(const QModelIndex &) const
{
    return 1;
}

bool AccountTreeModel::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() || parent.internalId() == kAccountLevel;
}

QVariant AccountTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const bool isAccount = index.internalId() == kAccountLevel;
    const Node &node = m_nodes.at(isAccount ? index.row() : int(index.internalId() - 1));
    const Account *account = m_accounts->account(node.accountId);
    switch (role) {
    case Qt::DisplayRole:
        if (isAccount)
            return account ? account->name : node.accountId;
        return node.containers.at(index.row());
    case Qt::DecorationRole:
        return QApplication::style()->standardIcon(isAccount ? QStyle::SP_DriveNetIcon
                                                             : QStyle::SP_DirIcon);
    case Qt::ToolTipRole:
        if (isAccount)
            return node.error.isEmpty() ? (account ? account->endpoint : QString()) : node.error;
        return {};
    case Qt::ForegroundRole:
        if (isAccount && !node.error.isEmpty())
            return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case AccountIdRole:
        return node.accountId;
    case ContainerRole:
        return isAccount ? QString() : node.containers.at(index.row());
    case ErrorRole:
        return isAccount ? node.error : QString();
    default:
        return {};
    }
}

bool AccountTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (!parent.isValid() || parent.internalId() != kAccountLevel)
        return false;
    const Node &node = m_nodes.at(parent.row());
    return !node.fetching && (!node.started || !node.marker.isEmpty());
}

void AccountTreeModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    const int row = parent.row();
    Node &node = m_nodes[row];
    QString error;
    const auto connection = m_accounts->connection(node.accountId, &error);
    const auto service =
        connection ? windowService(m_requester, *connection, {}, &error) : std::nullopt;
    if (!service) {
        node.error = error;
        node.started = true;
        Q_EMIT dataChanged(parent, parent);
        Q_EMIT accountError(node.accountId, error, false);
        return;
    }
    node.fetching = true;
    node.started = true;
    const QString accountId = node.accountId;
    service->listContainers(
        node.marker, this,
        [this, accountId](azure::CallOutcome outcome, const azure::ContainerListPage &page) {
            const QModelIndex index = accountIndex(accountId);
            if (!index.isValid())
                return;
            Node &node = m_nodes[index.row()];
            node.fetching = false;
            if (!outcome.ok() || !node.markers.follow(page.nextMarker, &outcome.error)) {
                node.error = outcome.error;
                node.marker.clear();
                Q_EMIT dataChanged(index, index);
                Q_EMIT accountError(accountId, node.error, outcome.status == 0);
                return;
            }
            node.error.clear();
            node.marker = page.nextMarker;
            if (!page.names.isEmpty()) {
                const int first = int(node.containers.size());
                beginInsertRows(index, first, first + int(page.names.size()) - 1);
                node.containers.append(page.names);
                endInsertRows();
            }
            Q_EMIT dataChanged(index, index);
        });
}

QModelIndex AccountTreeModel::accountIndex(const QString &accountId) const
{
    for (int row = 0; row < m_nodes.size(); ++row)
        if (m_nodes.at(row).accountId == accountId)
            return index(row, 0);
    return {};
}

QModelIndex AccountTreeModel::containerIndex(const QString &accountId,
                                             const QString &container) const
{
    const QModelIndex account = accountIndex(accountId);
    if (!account.isValid())
        return {};
    const int row = int(m_nodes.at(account.row()).containers.indexOf(container));
    return row < 0 ? QModelIndex() : index(row, 0, account);
}

void AccountTreeModel::refresh(const QString &accountId)
{
    const QModelIndex account = accountIndex(accountId);
    if (!account.isValid())
        return;
    Node &node = m_nodes[account.row()];
    const Account *entry = m_accounts->account(accountId);
    if (entry && !entry->container.isEmpty())
        return; // a container SAS lists nothing above its container
    if (!node.containers.isEmpty()) {
        beginRemoveRows(account, 0, int(node.containers.size()) - 1);
        node.containers.clear();
        endRemoveRows();
    }
    node.started = false;
    node.marker.clear();
    node.markers.clear();
    node.error.clear();
    fetchMore(account);
}

} // namespace blobferry::ui
