// SPDX-License-Identifier: MIT
#pragma once

#include <QSortFilterProxyModel>

namespace blobferry::ui {

class BlobListModel;

// The blob list as sorted by a header click. A folder listed only in part is loaded whole
// first (BlobListModel::loadAll), then sorted: a sort of the first page alone would put the
// wrong names on top. Stopped early, the sort covers what was loaded (the window says so).
class BlobSortModel final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit BlobSortModel(BlobListModel *blobs, QObject *parent = nullptr);

    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    void applyPendingSort();

    BlobListModel *m_blobs;
    bool m_pending = false; // a sort waits for the rest of the folder
    int m_pendingColumn = -1;
    Qt::SortOrder m_pendingOrder = Qt::AscendingOrder;
};

} // namespace blobferry::ui
