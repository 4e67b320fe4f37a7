// SPDX-License-Identifier: MIT
#include "BlobListModel.h"

#include "ServiceCall.h"
#include "TransferQueueModel.h"
#include "azure/AzureError.h"
#include "azure/BlobRequests.h"
#include "azure/BlobXml.h"
#include "log/Printable.h"

#include <QApplication>
#include <QLocale>
#include <QStyle>

namespace blobferry::ui {

namespace {

constexpr int kPageSize = 5000;

} // namespace

BlobListModel::BlobListModel(QNetworkAccessManager *nam, QObject *parent)
    : QAbstractTableModel(parent)
    , m_nam(nam)
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
    ++m_generation;
    beginResetModel();
    m_entries.clear();
    m_marker.clear();
    m_markers.clear();
    m_started = false;
    m_fetching = false;
    endResetModel();
    if (hasLocation())
        fetchMore({});
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
    default:
        return {};
    }
}

QVariant BlobListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case SizeColumn:
        return tr("Size");
    case ModifiedColumn:
        return tr("Modified");
    case ContentTypeColumn:
        return tr("Content type");
    case BlobTypeColumn:
        return tr("Blob type");
    default:
        return {};
    }
}

Qt::ItemFlags BlobListModel::flags(const QModelIndex &index) const
{
    return QAbstractTableModel::flags(index) | Qt::ItemIsDropEnabled;
}

bool BlobListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && hasLocation() && !m_fetching && (!m_started || !m_marker.isEmpty());
}

void BlobListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    QString error;
    const auto location = m_connection.location(m_container, {}, &error);
    if (!location) {
        Q_EMIT errorOccurred(error);
        return;
    }
    m_started = true;
    m_fetching = true;
    Q_EMIT loadingChanged(true);
    auto requests = std::make_shared<azure::BlobRequests>(*location, m_connection.credential);
    const QString prefix = m_prefix + m_filter;
    const QString marker = m_marker;
    const int generation = m_generation;
    callService(
        m_nam,
        [requests, prefix, marker] {
            return requests->listBlobs(prefix, QStringLiteral("/"), marker, kPageSize);
        },
        this,
        [this, requests, generation](const net::HttpResult &result) {
            if (generation != m_generation)
                return;
            m_fetching = false;
            Q_EMIT loadingChanged(false);
            azure::BlobListPage page;
            QString error;
            if (!result.ok() || !azure::xml::parseBlobList(result.body, &page, &error) ||
                !m_markers.follow(page.nextMarker, &error)) {
                m_marker.clear();
                Q_EMIT errorOccurred(
                    result.ok()
                        ? error
                        : azure::describeFailure(result, requests->location().containerUrl()));
                return;
            }
            m_marker = page.nextMarker;
            QVector<Entry> fresh;
            fresh.reserve(page.prefixes.size() + page.blobs.size());
            for (const QString &folder : std::as_const(page.prefixes))
                fresh.append({folder, true, 0, {}, {}, {}});
            for (const azure::BlobEntry &blob : std::as_const(page.blobs)) {
                const qint64 size = blob.fileLength >= 0 ? blob.fileLength : blob.size;
                const QDateTime modified =
                    blob.fileModifiedMs > 0
                        ? QDateTime::fromMSecsSinceEpoch(blob.fileModifiedMs, Qt::UTC)
                        : blob.lastModified;
                fresh.append({blob.name, false, size, modified, blob.contentType, blob.blobType});
            }
            if (fresh.isEmpty())
                return;
            const int first = int(m_entries.size());
            beginInsertRows({}, first, first + int(fresh.size()) - 1);
            m_entries.append(fresh);
            endInsertRows();
        });
}

} // namespace blobferry::ui
