// SPDX-License-Identifier: MIT
#pragma once

#include "azure/ListingMarkers.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QStringList>

namespace blobferry::net {
class Requester;
}

namespace blobferry::ui {

class AccountStore;

// The tree on the left: accounts, each with its containers (listed when first expanded, page
// by page). An account that cannot be listed shows why in its tooltip and in grey.
class AccountTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Role
    {
        AccountIdRole = Qt::UserRole + 1,
        ContainerRole, // empty on account rows
        ErrorRole,
    };

    AccountTreeModel(AccountStore *accounts, net::Requester *requester, QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    QModelIndex accountIndex(const QString &accountId) const;
    QModelIndex containerIndex(const QString &accountId, const QString &container) const;
    // Lists the account's containers again.
    void refresh(const QString &accountId);

Q_SIGNALS:
    // Listing an account failed: connection refused, wrong key…
    void accountError(const QString &accountId, const QString &error, bool unreachable);

private:
    struct Node
    {
        QString accountId;
        QStringList containers;
        QString marker;
        azure::ListingMarkers markers; // a marker met twice ends the listing with an error
        bool started = false;
        bool fetching = false;
        QString error;
    };
    void rebuild();

    AccountStore *m_accounts;
    net::Requester *m_requester;
    QList<Node> m_nodes;
};

} // namespace blobferry::ui
