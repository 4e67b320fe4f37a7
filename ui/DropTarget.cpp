// SPDX-License-Identifier: MIT
#include "DropTarget.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>

namespace blobferry::ui {

QList<QUrl> localUrls(const QMimeData *mime)
{
    QList<QUrl> urls;
    if (!mime || !mime->hasUrls())
        return urls;
    for (const QUrl &url : mime->urls())
        if (url.isLocalFile())
            urls.append(url);
    return urls;
}

DropTarget::DropTarget(QAbstractItemView *view, Handler handler)
    : QObject(view)
    , m_view(view)
    , m_handler(std::move(handler))
{
    view->viewport()->setAcceptDrops(true);
    view->setDropIndicatorShown(true);
    view->viewport()->installEventFilter(this);
}

bool DropTarget::eventFilter(QObject *, QEvent *event)
{
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto *drag = static_cast<QDragMoveEvent *>(event);
        const auto urls = localUrls(drag->mimeData());
        const bool ok = !urls.isEmpty() && m_handler(urls, drag->position().toPoint(), false);
        highlight(ok);
        if (ok) {
            drag->setDropAction(Qt::CopyAction);
            drag->accept();
        } else {
            drag->ignore();
        }
        return true;
    }
    case QEvent::DragLeave:
        highlight(false);
        return true;
    case QEvent::Drop: {
        auto *drop = static_cast<QDropEvent *>(event);
        highlight(false);
        const auto urls = localUrls(drop->mimeData());
        if (!urls.isEmpty() && m_handler(urls, drop->position().toPoint(), true)) {
            drop->setDropAction(Qt::CopyAction);
            drop->accept();
        }
        return true;
    }
    default:
        return false;
    }
}

void DropTarget::highlight(bool on)
{
    if (m_view->property("dropHighlight").toBool() == on)
        return;
    m_view->setProperty("dropHighlight", on);
    m_view->setStyleSheet(on ? QStringLiteral("QAbstractItemView { border: 2px solid "
                                              "palette(highlight); }")
                             : QString());
}

} // namespace blobferry::ui
