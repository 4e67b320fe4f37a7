// SPDX-License-Identifier: MIT
#pragma once

#include "azure/BlobService.h"

#include <QDialog>
#include <QMap>

class QDialogButtonBox;
class QLabel;

namespace blobferry::azure {
class ListingCursor;
}

namespace blobferry::ui {

// Statistics…: how many blobs a folder or a container holds and their total size, by access
// tier too, counted over every page of List Blobs under its prefix (no delimiter). The figures
// grow as pages arrive; Cancel (or Esc) stops the listing and closes.
class FolderStatisticsDialog final : public QDialog
{
    Q_OBJECT
public:
    // prefix "": the whole container; else a folder ("dir/"). `title`: what the user chose.
    FolderStatisticsDialog(azure::BlobService service, QString prefix, const QString &title,
                           QWidget *parent = nullptr);

    bool isFinished() const { return m_finished; }
    qint64 blobCount() const { return m_count; }
    qint64 totalBytes() const { return m_bytes; }

Q_SIGNALS:
    void countingEnded(); // the last page was counted, or the listing failed

private:
    void count(const azure::BlobListPage &page, bool last);
    void fail(const azure::CallOutcome &outcome);
    void showFigures();

    azure::ListingCursor *m_cursor;
    QLabel *m_countLabel;
    QLabel *m_sizeLabel;
    QLabel *m_tierLabel;
    QLabel *m_stateLabel;
    QDialogButtonBox *m_buttons;
    qint64 m_count = 0;
    qint64 m_bytes = 0;
    QMap<QString, QPair<qint64, qint64>> m_byTier; // tier → (blobs, bytes)
    bool m_finished = false;
};

} // namespace blobferry::ui
