// SPDX-License-Identifier: MIT
#pragma once

#include "DirectSaveMimeData.h"

#include <QTableView>

namespace blobferry::ui {

// The list of one folder's blobs and folders (over BlobListModel, sorted or not). Its selected
// rows drag out onto a file manager, which downloads them into the folder dropped on: an X
// direct save (DirectSaveMimeData) proposing the first row's name. Where the platform has no
// direct save (Wayland, offscreen) rows do not drag at all and a press-and-move selects rows.
class BlobListView final : public QTableView
{
public:
    explicit BlobListView(QWidget *parent = nullptr);

    // What a drop onto a file manager does: queue the selection's download into a local
    // directory (false if it cannot). Until set, rows do not drag.
    void setSaveInto(DirectSaveMimeData::SaveInto saveInto);
    // Shown in the middle of the view while it has no rows ("This folder is empty…"); also
    // its accessible description, so a screen reader hears it.
    void setPlaceholder(const QString &text);
    QString placeholder() const { return m_placeholder; }

protected:
    void startDrag(Qt::DropActions supportedActions) override;
    void paintEvent(QPaintEvent *event) override;

private:
    DirectSaveMimeData::SaveInto m_saveInto;
    QString m_placeholder;
};

} // namespace blobferry::ui
