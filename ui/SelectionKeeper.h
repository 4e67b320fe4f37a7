// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QSet>
#include <QString>
#include <functional>

class QAbstractItemView;
class QModelIndex;

namespace blobferry::ui {

// Keeps a list's selection across a reload of the same place (Refresh, a tier change, a
// snapshot promoted): the rows selected there are selected again as their names come back,
// page by page, and the current row with them. A model reset clears a view's selection
// without a word, so what the user chose is noted on each change they make, with the place
// it was made in; another place shown, or a new choice, replaces it.
class SelectionKeeper final : public QObject
{
    Q_OBJECT
public:
    // nameRole: the role whose text names a row for good; place: where the view looks now
    // (account, container and folder), so a selection comes back only where it was made.
    SelectionKeeper(QAbstractItemView *view, int nameRole, std::function<QString()> place,
                    QObject *parent = nullptr);

private:
    void note();
    void restore(int first, int last);

    QAbstractItemView *m_view;
    int m_nameRole;
    std::function<QString()> m_place;
    QString m_notedPlace;
    QSet<QString> m_names;
    QString m_current;
    bool m_restoring = false;
};

} // namespace blobferry::ui
