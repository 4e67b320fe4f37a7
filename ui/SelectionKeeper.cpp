// SPDX-License-Identifier: MIT
#include "SelectionKeeper.h"

#include <QAbstractItemView>
#include <QItemSelectionModel>

namespace blobferry::ui {

SelectionKeeper::SelectionKeeper(QAbstractItemView *view, int nameRole,
                                 std::function<QString()> place, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_nameRole(nameRole)
    , m_place(std::move(place))
{
    QAbstractItemModel *model = view->model();
    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SelectionKeeper::note);
    connect(view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &SelectionKeeper::note);
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &parent, int first, int last) {
                if (!parent.isValid())
                    restore(first, last);
            });
    connect(model, &QAbstractItemModel::modelReset, this,
            [this] { restore(0, m_view->model()->rowCount() - 1); });
}

void SelectionKeeper::note()
{
    if (m_restoring)
        return;
    QItemSelectionModel *selection = m_view->selectionModel();
    m_notedPlace = m_place();
    m_names.clear();
    for (const QModelIndex &index : selection->selectedRows())
        m_names.insert(index.data(m_nameRole).toString());
    m_current = selection->currentIndex().data(m_nameRole).toString();
}

void SelectionKeeper::restore(int first, int last)
{
    if ((m_names.isEmpty() && m_current.isEmpty()) || m_place() != m_notedPlace)
        return;
    m_restoring = true;
    QAbstractItemModel *model = m_view->model();
    QItemSelectionModel *selection = m_view->selectionModel();
    QItemSelection rows;
    for (int row = first; row <= last; ++row) {
        const QModelIndex index = model->index(row, 0);
        const QString name = index.data(m_nameRole).toString();
        if (name == m_current)
            selection->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
        if (m_names.contains(name))
            rows.select(index, index);
    }
    if (!rows.isEmpty())
        selection->select(rows, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    m_restoring = false;
}

} // namespace blobferry::ui
