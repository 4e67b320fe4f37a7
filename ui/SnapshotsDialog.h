// SPDX-License-Identifier: MIT
#pragma once

#include "azure/BlobService.h"

#include <QDialog>
#include <functional>

class QLabel;
class QPushButton;
class QTableWidget;

namespace blobferry::ui {

// Snapshots…: one blob's snapshots (time, size) with Take snapshot, Promote… (Copy Blob from
// the snapshot over the blob, asked first), Download… and Delete… (asked first). Each call
// runs while the dialog stays usable; its end reloads the list and says what happened below it.
class SnapshotsDialog final : public QDialog
{
    Q_OBJECT
public:
    SnapshotsDialog(azure::BlobService service, QString blob, QWidget *parent = nullptr);

    // Where Download… saves (QFileDialog::getSaveFileName); "" cancels. Tests put a function
    // here instead.
    void setSaveChooser(std::function<QString(const QString &suggested)> chooser)
    {
        m_saveChooser = std::move(chooser);
    }

Q_SIGNALS:
    // The blob itself changed (a snapshot was promoted): the list behind should refresh.
    void blobChanged();
    void logLine(const QString &line);

private:
    void reload();
    void fill(const QList<azure::BlobEntry> &snapshots);
    QString selectedSnapshot() const;
    void updateButtons();
    void say(const QString &text);
    void take();
    void promote();
    void download();
    void remove();

    azure::BlobService m_service;
    QString m_blob;
    std::function<QString(const QString &)> m_saveChooser;
    QTableWidget *m_table;
    QLabel *m_status;
    QPushButton *m_take;
    QPushButton *m_promote;
    QPushButton *m_download;
    QPushButton *m_delete;
    bool m_busy = false;
};

// "2026-12-06T21:30:15.1234567Z" as the user's local time, to the millisecond.
QString snapshotTimeText(const QString &snapshot);

} // namespace blobferry::ui
