// SPDX-License-Identifier: MIT
#include "BlobSortModel.h"

#include "BlobListModel.h"

namespace blobferry::ui {

BlobSortModel::BlobSortModel(BlobListModel *blobs, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_blobs(blobs)
{
    setSourceModel(blobs);
    setSortRole(BlobListModel::SortRole);
    connect(blobs, &BlobListModel::loadingAllChanged, this, [this](bool loading) {
        if (!loading)
            applyPendingSort();
    });
}

void BlobSortModel::sort(int column, Qt::SortOrder order)
{
    m_pending = false;
    if (column >= 0 && m_blobs->hasLocation() && !m_blobs->isComplete()) {
        m_pending = true;
        m_pendingColumn = column;
        m_pendingOrder = order;
        m_blobs->loadAll();
        if (m_blobs->isLoadingAll())
            return;        // sorted when the last page is in, or when the user stops the loading
        m_pending = false; // nothing more can be listed (a failed listing): sort what is here
    }
    QSortFilterProxyModel::sort(column, order);
}

void BlobSortModel::applyPendingSort()
{
    if (!m_pending)
        return;
    m_pending = false;
    QSortFilterProxyModel::sort(m_pendingColumn, m_pendingOrder);
}

} // namespace blobferry::ui
