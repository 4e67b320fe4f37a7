// SPDX-License-Identifier: MIT
#pragma once

#include "Accounts.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QSet>
#include <QVector>

namespace blobferry::azure {
class ListingCursor;
struct BlobListPage;
struct CallOutcome;
} // namespace blobferry::azure
namespace blobferry::net {
class Requester;
}

namespace blobferry::ui {

// One folder level of a container: virtual folders (List Blobs with delimiter '/') and blobs,
// fetched a page (5,000) at a time as the view scrolls (or all of it, for a sort), so a container
// of a million blobs opens at once. The filter is a name prefix asked of the service, not a local
// search.
class VirtualFolders;

class BlobListModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        SizeColumn,
        ModifiedColumn,
        ContentTypeColumn,
        BlobTypeColumn,
        TierColumn,
        ColumnCount
    };
    enum Role
    {
        FullNameRole = Qt::UserRole + 1, // the blob name, or the folder prefix ending in '/'
        IsFolderRole,
        SortRole,
        EtagRole, // a blob's ETag when it was listed (QByteArray); empty for folders
        TierRole, // a blob's access tier as the service names it ("Archive"); empty for folders
    };
    // "Hot", or "Archive → Hot (rehydrating)" while x-ms-archive-status says so.
    static QString tierText(const QString &tier, const QString &archiveStatus);

    explicit BlobListModel(net::Requester *requester, QObject *parent = nullptr);

    // Shows `prefix` ("" or "dir/") of a container; filter narrows to names starting with it.
    void setLocation(const QString &accountId, const Connection &connection,
                     const QString &container, const QString &prefix);
    void setFilter(const QString &filter);
    void refresh();
    void clear();
    // Blobs asked for per page; the service's most, 5,000, unless set (tests use small pages).
    // Applies from the next refresh.
    void setPageSize(int pageSize) { m_pageSize = pageSize; }
    // New folders (New folder) shown first in their parent until the service lists them.
    void setVirtualFolders(VirtualFolders *folders) { m_virtualFolders = folders; }

    // Asks for page after page until the folder is whole (a sort over all of it); a failure,
    // stopLoadingAll() or another location ends it early. loadingAllChanged tells both ends.
    void loadAll();
    void stopLoadingAll();
    bool isLoadingAll() const { return m_loadingAll; }
    // The last page has arrived: every blob of the folder (and filter) is a row.
    bool isComplete() const { return m_complete; }

    const QString &accountId() const { return m_accountId; }
    const QString &container() const { return m_container; }
    const QString &prefix() const { return m_prefix; }
    const Connection &connection() const { return m_connection; }
    bool isLoading() const;
    bool hasLocation() const { return !m_container.isEmpty(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    void loadingAllChanged(bool loading);
    void errorOccurred(const QString &error);

private:
    struct Entry
    {
        QString name; // full blob name or prefix
        bool folder = false;
        qint64 size = 0;
        QDateTime modified;
        QString contentType;
        QString blobType;
        QByteArray etag;
        QString tier;
        QString archiveStatus;
    };
    void onPage(const azure::BlobListPage &page);
    void onFailure(const azure::CallOutcome &outcome);
    void continueLoadingAll();
    void endLoadingAll();

    net::Requester *m_requester;
    QString m_accountId;
    Connection m_connection;
    QString m_container;
    QString m_prefix;
    QString m_filter;
    QVector<Entry> m_entries;
    // The listing of the location shown; a new one for each refresh, so answers to an
    // earlier location never arrive. A marker met twice ends it with an error.
    azure::ListingCursor *m_cursor = nullptr;
    int m_pageSize;
    VirtualFolders *m_virtualFolders = nullptr;
    QSet<QString> m_virtualShown; // new folders among the rows, until a page lists them
    bool m_complete = false;
    bool m_loadingAll = false;
};

} // namespace blobferry::ui
