// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractItemView>
#include <QList>
#include <QUrl>
#include <functional>

class QMimeData;

namespace blobferry::ui {

// Local files among dropped URLs; a drop of anything else is refused.
QList<QUrl> localUrls(const QMimeData *mime);

// Makes a view's viewport a drop target for local files and outlines the view while a drag is
// over it (property "dropHighlight"). The handler says whether a drop at a position is taken
// (drop = false while dragging, true on the drop itself).
class DropTarget final : public QObject
{
public:
    using Handler = std::function<bool(const QList<QUrl> &, const QPoint &, bool drop)>;
    DropTarget(QAbstractItemView *view, Handler handler);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void highlight(bool on);

    QAbstractItemView *m_view;
    Handler m_handler;
};

} // namespace blobferry::ui
