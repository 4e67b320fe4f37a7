// SPDX-License-Identifier: MIT
#include "SnapshotsDialog.h"

#include "BlobFileFetch.h"
#include "Settings.h"
#include "TransferQueueModel.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QTimeZone>
#include <QVBoxLayout>

namespace blobferry::ui {

namespace {

constexpr int kSnapshotRole = Qt::UserRole + 1; // the snapshot's time as the service names it

QString lastSegment(const QString &blob)
{
    return blob.section(QLatin1Char('/'), -1);
}

} // namespace

QString snapshotTimeText(const QString &snapshot)
{
    // Up to 7 fractional digits; Qt reads 3.
    QDateTime time =
        QDateTime::fromString(snapshot.left(23), QStringLiteral("yyyy-MM-ddThh:mm:ss.zzz"));
    if (!time.isValid())
        time = QDateTime::fromString(snapshot.left(19), QStringLiteral("yyyy-MM-ddThh:mm:ss"));
    if (!time.isValid())
        return snapshot;
    time.setTimeZone(QTimeZone::utc());
    return QLocale().toString(time.toLocalTime(), QStringLiteral("yyyy-MM-dd hh:mm:ss.zzz"));
}

SnapshotsDialog::SnapshotsDialog(azure::BlobService service, QString blob, QWidget *parent)
    : QDialog(parent)
    , m_service(std::move(service))
    , m_blob(std::move(blob))
{
    setObjectName(QStringLiteral("snapshotsDialog"));
    setWindowTitle(tr("Snapshots of %1").arg(lastSegment(m_blob)));
    auto *layout = new QVBoxLayout(this);
    auto *intro =
        new QLabel(tr("Read-only copies of %1 as it was at each time.").arg(m_blob), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_table = new QTableWidget(0, 2, this);
    m_table->setObjectName(QStringLiteral("snapshotTable"));
    m_table->setAccessibleName(tr("Snapshots"));
    m_table->setHorizontalHeaderLabels({tr("Snapshot time"), tr("Size")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &SnapshotsDialog::updateButtons);
    layout->addWidget(m_table);

    auto *buttons = new QHBoxLayout;
    auto button = [this, buttons](const QString &text, const char *name,
                                  void (SnapshotsDialog::*slot)()) {
        auto *created = new QPushButton(text, this);
        created->setObjectName(QLatin1String(name));
        created->setAutoDefault(false);
        connect(created, &QPushButton::clicked, this, slot);
        buttons->addWidget(created);
        return created;
    };
    m_take = button(tr("Take snapshot"), "takeSnapshotButton", &SnapshotsDialog::take);
    m_promote = button(tr("Promote…"), "promoteSnapshotButton", &SnapshotsDialog::promote);
    m_download = button(tr("Download…"), "downloadSnapshotButton", &SnapshotsDialog::download);
    m_delete = button(tr("Delete…"), "deleteSnapshotButton", &SnapshotsDialog::remove);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("snapshotStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(close);
    resize(560, 360);
    reload();
}

void SnapshotsDialog::say(const QString &text)
{
    m_status->setText(text);
}

void SnapshotsDialog::reload()
{
    m_busy = true;
    updateButtons();
    m_service.listSnapshots(
        m_blob, this,
        [this](const azure::CallOutcome &outcome, const QList<azure::BlobEntry> &snapshots) {
            m_busy = false;
            if (!outcome.ok())
                say(tr("Cannot list the snapshots: %1").arg(outcome.error));
            else
                fill(snapshots);
            updateButtons();
        });
}

void SnapshotsDialog::fill(const QList<azure::BlobEntry> &snapshots)
{
    const QString selected = selectedSnapshot();
    m_table->setRowCount(0);
    // Newest first: the one just taken is at the top.
    for (auto it = snapshots.crbegin(); it != snapshots.crend(); ++it) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto *time = new QTableWidgetItem(snapshotTimeText(it->snapshot));
        time->setData(kSnapshotRole, it->snapshot);
        time->setToolTip(it->snapshot);
        m_table->setItem(row, 0, time);
        auto *size = new QTableWidgetItem(formatBytes(it->size));
        size->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(row, 1, size);
        if (it->snapshot == selected)
            m_table->selectRow(row);
    }
    m_table->resizeColumnToContents(0);
    if (snapshots.isEmpty())
        say(tr("%1 has no snapshots. Take one to keep the blob as it is now.").arg(m_blob));
}

QString SnapshotsDialog::selectedSnapshot() const
{
    const QList<QTableWidgetItem *> items = m_table->selectedItems();
    for (const QTableWidgetItem *item : items)
        if (item->column() == 0)
            return item->data(kSnapshotRole).toString();
    return {};
}

void SnapshotsDialog::updateButtons()
{
    const bool chosen = !selectedSnapshot().isEmpty();
    m_take->setEnabled(!m_busy);
    for (QPushButton *button : {m_promote, m_download, m_delete})
        button->setEnabled(!m_busy && chosen);
}

void SnapshotsDialog::take()
{
    m_busy = true;
    updateButtons();
    m_service.takeSnapshot(
        m_blob, this, [this](const azure::CallOutcome &outcome, const QString &snapshot) {
            if (!outcome.ok()) {
                say(tr("Cannot take a snapshot: %1").arg(outcome.error));
            } else {
                say(tr("Took a snapshot at %1").arg(snapshotTimeText(snapshot)));
                Q_EMIT logLine(tr("Took a snapshot of %1 (%2)").arg(m_blob, snapshot));
            }
            reload();
        });
}

void SnapshotsDialog::promote()
{
    const QString snapshot = selectedSnapshot();
    if (snapshot.isEmpty())
        return;
    const QString when = snapshotTimeText(snapshot);
    if (QMessageBox::question(this, tr("Promote snapshot"),
                              tr("Replace %1 with its snapshot of %2? The blob's current content "
                                 "is lost unless a snapshot keeps it (take one first).")
                                  .arg(m_blob, when),
                              QMessageBox::Yes | QMessageBox::Cancel,
                              QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    m_busy = true;
    updateButtons();
    m_service.promoteSnapshot(
        m_blob, snapshot, this,
        [this, when, snapshot](const azure::CallOutcome &outcome, const QByteArray &status) {
            if (!outcome.ok()) {
                say(tr("Cannot promote the snapshot: %1").arg(outcome.error));
            } else {
                // A copy within an account usually ends at once; Azure may still copy a
                // large one, which then shows in the blob's properties.
                say(status == "pending"
                        ? tr("Promoting the snapshot of %1: the service is still copying it")
                              .arg(when)
                        : tr("%1 now holds its snapshot of %2").arg(m_blob, when));
                Q_EMIT logLine(tr("Promoted the snapshot %1 of %2").arg(snapshot, m_blob));
                Q_EMIT blobChanged();
            }
            reload();
        });
}

void SnapshotsDialog::download()
{
    const QString snapshot = selectedSnapshot();
    if (snapshot.isEmpty())
        return;
    // The folder the last download went to, as "Download to…" remembers it.
    const QString suggested =
        Settings::lastFolder(QStringLiteral("download")) + QLatin1Char('/') + lastSegment(m_blob);
    const QString path =
        m_saveChooser ? m_saveChooser(suggested)
                      : QFileDialog::getSaveFileName(this, tr("Download snapshot"), suggested);
    if (path.isEmpty())
        return;
    Settings::rememberFolder(QStringLiteral("download"), QFileInfo(path).absolutePath());
    m_busy = true;
    updateButtons();
    say(tr("Downloading the snapshot of %1…").arg(snapshotTimeText(snapshot)));
    fetchToFile(m_service, m_blob, snapshot, path, {}, this, [this, path](const QString &error) {
        m_busy = false;
        updateButtons();
        if (!error.isEmpty()) {
            say(tr("Cannot download the snapshot: %1").arg(error));
            return;
        }
        say(tr("Saved the snapshot as %1").arg(path));
        Q_EMIT logLine(tr("Downloaded a snapshot of %1 to %2").arg(m_blob, path));
    });
}

void SnapshotsDialog::remove()
{
    const QString snapshot = selectedSnapshot();
    if (snapshot.isEmpty())
        return;
    const QString when = snapshotTimeText(snapshot);
    if (QMessageBox::question(
            this, tr("Delete snapshot"),
            tr("Delete the snapshot of %1 taken %2? The blob itself stays.").arg(m_blob, when),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    m_busy = true;
    updateButtons();
    m_service.deleteSnapshot(
        m_blob, snapshot, this, [this, when, snapshot](const azure::CallOutcome &outcome) {
            if (!outcome.ok()) {
                say(tr("Cannot delete the snapshot: %1").arg(outcome.error));
            } else {
                say(tr("Deleted the snapshot of %1").arg(when));
                Q_EMIT logLine(tr("Deleted the snapshot %1 of %2").arg(snapshot, m_blob));
            }
            reload();
        });
}

} // namespace blobferry::ui
