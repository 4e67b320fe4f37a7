// SPDX-License-Identifier: MIT
#include "QueueFilterModel.h"

namespace blobferry::ui {

QueueFilterModel::QueueFilterModel(TransferQueueModel::Tab tab, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_tab(tab)
{
    setDynamicSortFilter(true);
}

void QueueFilterModel::setSourceModel(QAbstractItemModel *source)
{
    QSortFilterProxyModel::setSourceModel(source);
    if (m_tab != TransferQueueModel::Tab::Queued)
        return;
    // The name column: the queue model never reports it changed, so progress does not sort.
    sort(TransferQueueModel::NameColumn);
    connect(static_cast<TransferQueueModel *>(source), &TransferQueueModel::jobOrderChanged, this,
            &QueueFilterModel::invalidate);
}

bool QueueFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    return TransferQueueModel::tabOf(queue()->row(sourceRow).state) == m_tab;
}

bool QueueFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const int leftRank = queue()->jobRank(queue()->row(left.row()).job);
    const int rightRank = queue()->jobRank(queue()->row(right.row()).job);
    return leftRank != rightRank ? leftRank < rightRank : left.row() < right.row();
}

} // namespace blobferry::ui
