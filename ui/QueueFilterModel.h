// SPDX-License-Identifier: MIT
#pragma once

#include "TransferQueueModel.h"

#include <QSortFilterProxyModel>

namespace blobferry::ui {

// One tab of the queue: the rows whose state belongs to it. The Queued tab lists them in the
// order their jobs will start (TransferQueueModel::jobRank; a job's own files as queued), so
// Move to top and Move to bottom move its rows; the other tabs keep the queue's order.
class QueueFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    QueueFilterModel(TransferQueueModel::Tab tab, QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *source) override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    const TransferQueueModel *queue() const
    {
        return static_cast<const TransferQueueModel *>(sourceModel());
    }

    TransferQueueModel::Tab m_tab;
};

} // namespace blobferry::ui
