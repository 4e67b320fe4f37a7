// SPDX-License-Identifier: MIT
#include "BlobListView.h"

#include "BlobListModel.h"

#include <QDrag>
#include <QIcon>
#include <QPainter>
#include <QTimer>

namespace blobferry::ui {

namespace {

// "photos/2024/" → "2024", "photos/a.jpg" → "a.jpg".
QString baseName(QString fullName)
{
    if (fullName.endsWith(QLatin1Char('/')))
        fullName.chop(1);
    return fullName.mid(fullName.lastIndexOf(QLatin1Char('/')) + 1);
}

} // namespace

BlobListView::BlobListView(QWidget *parent)
    : QTableView(parent)
{}

void BlobListView::setSaveInto(DirectSaveMimeData::SaveInto saveInto)
{
    m_saveInto = std::move(saveInto);
    setDragEnabled(m_saveInto && DirectSaveMimeData::available());
}

void BlobListView::startDrag(Qt::DropActions)
{
    const QModelIndexList rows = selectionModel()->selectedRows(BlobListModel::NameColumn);
    if (rows.isEmpty() || !m_saveInto)
        return;
    // XDS names one file; with several rows the target's folder is what counts, and the
    // whole selection lands there.
    auto *mime = new DirectSaveMimeData(
        baseName(rows.first().data(BlobListModel::FullNameRole).toString()), m_saveInto);
    auto *drag = new QDrag(this);
    drag->setMimeData(mime);
    const auto icon = rows.first().data(Qt::DecorationRole).value<QIcon>();
    if (!icon.isNull())
        drag->setPixmap(icon.pixmap(32));
    // Qt's drag window owns XdndSelection only once exec() has begun: announce from its loop.
    QTimer::singleShot(0, mime, [mime] { mime->announce(); });
    drag->exec(Qt::CopyAction, Qt::CopyAction);
}

void BlobListView::setPlaceholder(const QString &text)
{
    if (text == m_placeholder)
        return;
    m_placeholder = text;
    setAccessibleDescription(text);
    viewport()->update();
}

void BlobListView::paintEvent(QPaintEvent *event)
{
    QTableView::paintEvent(event);
    if (m_placeholder.isEmpty() || !model() || model()->rowCount(rootIndex()) > 0)
        return;
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::Disabled, QPalette::Text));
    painter.drawText(viewport()->rect().adjusted(24, 24, -24, -24),
                     Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
}

} // namespace blobferry::ui
