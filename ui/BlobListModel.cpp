// SPDX-License-Identifier: MIT
#include "BlobListModel.h"

#include "BlobOperations.h"
#include "TransferQueueModel.h"
#include "VirtualFolders.h"
#include "azure/ListingCursor.h"
#include "log/Printable.h"

#include <QApplication>
#include <QLocale>
#include <QStyle>
#include <iterator>

namespace blobferry::ui {

namespace {

constexpr int kPageSize = 5000;

} // namespace

BlobListModel::BlobListModel(net::Requester *requester, QObject *parent)
    : QAbstractTableModel(parent)
    , m_requester(requester)
    , m_pageSize(kPageSize)
{}

void BlobListModel::setLocation(const QString &accountId, const Connection &connection,
                                const QString &container, const QString &prefix)
{
    m_accountId = accountId;
    m_connection = connection;
    m_container = container;
    m_prefix = prefix;
    m_filter.clear();
    refresh();
}

void BlobListModel::setFilter(const QString &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    refresh();
}

void BlobListModel::clear()
{
    m_container.clear();
    refresh();
}

void BlobListModel::refresh()
{
    // No loadingChanged(false) for a listing dropped here: the new one starts at once, and
    // the window takes "stopped loading" to mean that a page arrived.
    if (m_cursor) {
        m_cursor->disconnect(this);
        m_cursor->deleteLater(); // and the page it was fetching with it
        m_cursor = nullptr;
    }
    m_complete = false;
    endLoadingAll(); // the new location is loaded as the view scrolls, until asked again
    beginResetModel();
    m_entries.clear();
    m_virtualShown.clear();
    if (hasLocation() && m_virtualFolders) {
        for (const QString &folder :
             m_virtualFolders->under(m_accountId, m_container, m_prefix, m_filter)) {
            m_entries.append({folder, true, 0, {}, {}, {}, {}, {}, {}});
            m_virtualShown.insert(folder);
        }
    }
    endResetModel();
    if (!hasLocation())
        return;
    QString error;
    const auto service = windowService(m_requester, m_connection, m_container, &error);
    if (!service) {
        Q_EMIT errorOccurred(error);
        return;
    }
    m_cursor = new azure::ListingCursor(*service, m_prefix + m_filter, QStringLiteral("/"),
                                        m_pageSize, this);
    connect(m_cursor, &azure::ListingCursor::pageReady, this,
            [this](const azure::BlobListPage &page, bool last) {
                m_complete = last;
                onPage(page);
                continueLoadingAll();
            });
    connect(m_cursor, &azure::ListingCursor::failed, this, &BlobListModel::onFailure);
    fetchMore({});
}

bool BlobListModel::isLoading() const
{
    return m_cursor && m_cursor->fetching();
}

int BlobListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int BlobListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BlobListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const Entry &entry = m_entries.at(index.row());
    switch (role) {
    case FullNameRole:
        return entry.name;
    case IsFolderRole:
        return entry.folder;
    case EtagRole:
        return entry.etag;
    case TierRole:
        return entry.tier;
    case SortRole:
        // Folders first, then by the column's value.
        switch (index.column()) {
        case SizeColumn:
            return entry.folder ? -1 : entry.size;
        case ModifiedColumn:
            return entry.modified;
        default:
            return QString(QLatin1Char(entry.folder ? '0' : '1') +
                           data(index, Qt::DisplayRole).toString().toLower());
        }
    case Qt::DecorationRole:
        if (index.column() == NameColumn)
            return QApplication::style()->standardIcon(entry.folder ? QStyle::SP_DirIcon
                                                                    : QStyle::SP_FileIcon);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        // A long name or content type is elided in its column: the tip shows all of it (the
        // name with its folders).
        if (index.column() == NameColumn)
            return log::printable(entry.name);
        if (index.column() == ContentTypeColumn)
            return entry.contentType;
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case NameColumn: {
        // Escaped as everywhere a name is shown: "rtl<U+202E>gnp.exe" must not read as
        // "rtlexe.png" (the blob keeps its real name; only its display is escaped).
        const QString shown = entry.name.mid(m_prefix.size());
        return log::printable(entry.folder && shown.endsWith(QLatin1Char('/')) ? shown.chopped(1)
                                                                               : shown);
    }
    case SizeColumn:
        return entry.folder ? QString() : formatBytes(entry.size);
    case ModifiedColumn:
        return entry.modified.isValid()
                   ? QLocale().toString(entry.modified.toLocalTime(), QLocale::ShortFormat)
                   : QString();
    case ContentTypeColumn:
        return entry.contentType;
    case BlobTypeColumn:
        return entry.folder ? tr("Folder") : entry.blobType;
    case TierColumn:
        return tierText(entry.tier, entry.archiveStatus);
    default:
        return {};
    }
}

QVariant BlobListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    // In column order; QT_TR_NOOP marks them for translation, tr() translates when shown.
    static const char *const titles[] = {QT_TR_NOOP("Name"),      QT_TR_NOOP("Size"),
                                         QT_TR_NOOP("Modified"),  QT_TR_NOOP("Content type"),
                                         QT_TR_NOOP("Blob type"), QT_TR_NOOP("Access tier")};
    static_assert(std::size(titles) == ColumnCount);
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::ToolTipRole && section == ModifiedColumn)
        return tr("The file's own modified time, kept when it was uploaded; otherwise when the "
                  "blob was last written (Properties shows both)");
    if (role != Qt::DisplayRole)
        return {};
    return tr(titles[section]);
}

Qt::ItemFlags BlobListModel::flags(const QModelIndex &index) const
{
    // Rows drag out (BlobListView): onto a file manager, which downloads them.
    return QAbstractTableModel::flags(index) | Qt::ItemIsDropEnabled |
           (index.isValid() ? Qt::ItemIsDragEnabled : Qt::NoItemFlags);
}

bool BlobListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_cursor && !m_cursor->fetching() && !m_cursor->atEnd();
}

void BlobListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_cursor->next();
    Q_EMIT loadingChanged(true);
}

void BlobListModel::loadAll()
{
    if (m_loadingAll || !m_cursor || m_complete || m_cursor->atEnd())
        return;
    m_loadingAll = true;
    Q_EMIT loadingAllChanged(true);
    fetchMore({}); // nothing if a page is on its way: its arrival asks for the next
}

void BlobListModel::stopLoadingAll()
{
    endLoadingAll(); // a page on its way still arrives and is shown
}

void BlobListModel::continueLoadingAll()
{
    if (!m_loadingAll)
        return;
    if (canFetchMore({}))
        fetchMore({});
    else if (!isLoading())
        endLoadingAll();
}

void BlobListModel::endLoadingAll()
{
    if (!m_loadingAll)
        return;
    m_loadingAll = false;
    Q_EMIT loadingAllChanged(false);
}

void BlobListModel::onFailure(const azure::CallOutcome &outcome)
{
    endLoadingAll();
    Q_EMIT loadingChanged(false);
    Q_EMIT errorOccurred(outcome.error);
}

void BlobListModel::onPage(const azure::BlobListPage &page)
{
    Q_EMIT loadingChanged(false);
    QVector<Entry> fresh;
    fresh.reserve(page.prefixes.size() + page.blobs.size());
    for (const QString &folder : std::as_const(page.prefixes)) {
        // A new folder that now holds something: its row is there already.
        if (m_virtualShown.contains(folder)) {
            if (m_virtualFolders)
                m_virtualFolders->forget(m_accountId, m_container, folder);
            continue;
        }
        fresh.append({folder, true, 0, {}, {}, {}, {}, {}, {}});
    }
    for (const azure::BlobEntry &blob : std::as_const(page.blobs))
        fresh.append({blob.name, false, blob.fileSize(), blob.fileModified(), blob.contentType,
                      blob.blobType, blob.etag, blob.accessTier, blob.archiveStatus});
    if (fresh.isEmpty())
        return;
    const int first = int(m_entries.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    m_entries.append(fresh);
    endInsertRows();
}

QString BlobListModel::tierText(const QString &tier, const QString &archiveStatus)
{
    // rehydrate-pending-to-hot: still Archive (unreadable) for hours, on its way to Hot.
    const QString pending = QStringLiteral("rehydrate-pending-to-");
    if (archiveStatus.startsWith(pending, Qt::CaseInsensitive)) {
        QString target = archiveStatus.mid(pending.size());
        if (!target.isEmpty())
            target[0] = target[0].toUpper();
        return tr("Archive → %1 (rehydrating)").arg(target);
    }
    return tier;
}

} // namespace blobferry::ui
