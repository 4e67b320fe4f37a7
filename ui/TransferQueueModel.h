// SPDX-License-Identifier: MIT
#pragma once

#include "ThroughputMeter.h"
#include "transfer/TransferEvents.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QStyledItemDelegate>
#include <QTimer>
#include <QVector>
#include <array>
#include <functional>

namespace blobferry::ui {

enum class Direction
{
    Upload,
    Download,
    Copy, // blob to blob, copied by the service
    Move, // blob to blob, each source deleted once copied (rename and move)
};

// One file of the queue. Rows are keyed by (job, name): a job's engine names its files.
struct QueueRow
{
    int job = 0;
    QString name;
    Direction direction = Direction::Upload;
    qint64 size = 0;
    qint64 done = 0;
    transfer::TransferState state = transfer::TransferState::Queued;
    QString status;         // why it failed or was skipped; empty otherwise
    double speed = 0;       // bytes per second over the row's window (Active rows only)
    SpeedWindow window;     // restarted when the file starts, stopped when it stops
    qint64 sampleBytes = 0; // the bytes last reported: what moves beyond them is speed
    // Resumed with bytes done: the next report that says any is what was already there (the
    // engine credits it at once), not speed.
    bool resumeCredit = false;
    qint64 endedMs = 0; // when it reached a final state, ms since the epoch; 0: not (known)
};

// Where a job's files come from and go to, for the Source and Destination columns: a row's
// places are these plus its name. Local paths and blob URLs without any SAS or secret.
struct JobPlaces
{
    Direction direction = Direction::Upload;
    QString source;      // ends with '/' (or is empty: unknown)
    QString destination; // ends with '/' (or is empty: unknown)
};

// Every file of every job, in the order they were queued. Progress arrives in bulk several
// times a second per engine; the model applies it at once but tells the views at most ten
// times a second, in one dataChanged over the rows that changed (a queue of 100,000 files
// stays smooth).
class TransferQueueModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        DirectionColumn,
        SizeColumn,
        ProgressColumn,
        SpeedColumn,
        EtaColumn,
        StatusColumn,
        EndedColumn,
        SourceColumn,
        DestinationColumn,
        ColumnCount
    };
    enum Role
    {
        StateRole = Qt::UserRole + 1, // int(TransferState)
        ProgressRole,                 // per mille
        JobRole,
        NameRole,
    };
    // The queue's tabs; each state belongs to exactly one.
    enum class Tab
    {
        Queued, // queued and paused
        Active,
        Failed,
        Completed, // completed and skipped
    };

    explicit TransferQueueModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static Tab tabOf(transfer::TransferState state);
    static bool isFinal(transfer::TransferState state);
    int count(Tab tab) const;
    int count(transfer::TransferState state) const { return m_stateCounts[int(state)]; }
    const QueueRow &row(int row) const { return m_rows.at(row); }
    const QVector<QueueRow> &rows() const { return m_rows; }
    int find(int job, const QString &name) const;

    // Engine events. A file queued again (a resumed job) keeps its row; a completed one stays
    // completed.
    void addFiles(int job, Direction direction, const QList<transfer::QueuedFile> &files);
    void setStarted(int job, const QString &name);
    void setProgress(int job, const QList<transfer::FileProgress> &files);
    void setOutcome(int job, const transfer::FileOutcome &outcome);
    // Unfinished files of a job become paused, or paused ones queued again (but `held`).
    void pauseJob(int job);
    void unpauseJob(int job, const QStringList &held = {});
    // The same for one file (paused inside its running job).
    void pauseFile(int job, const QString &name);
    void unpauseFile(int job, const QString &name);
    // A job's unfinished files whose engine ended without a word on them (it could not run).
    void failUnfinished(int job, const QString &reason);
    // Rows of failed files going again: Queued, their reason cleared, their bar where the
    // part file and the journal let the retry continue from.
    void requeue(const QList<int> &rows);
    void removeRows(QList<int> rows);
    // "Clear finished" (the Completed tab) and "Remove failed" (the Failed tab).
    void removeFinished();
    void removeFailed();
    // Rows restored from the saved queue, with the places of jobs that are history only.
    void restore(const QVector<QueueRow> &rows, const QHash<int, JobPlaces> &places = {});

    // Where a job's places come from when it has none yet (the window asks its job records).
    void setPlaceResolver(std::function<JobPlaces(int job)> resolver)
    {
        m_resolvePlaces = std::move(resolver);
    }
    JobPlaces places(int job) const;
    // The places of every job that has a row (for the queue file).
    QHash<int, JobPlaces> jobPlaces() const;

    // The order jobs start in (the Queued tab lists their rows so): running ones first, then
    // the waiting and paused ones in the queue's order. jobOrderChanged when it changed.
    void setJobOrder(const QList<int> &jobs);
    // A job's place in that order; one not in it comes after every one that is.
    int jobRank(int job) const { return m_jobRanks.value(job, int(m_jobRanks.size())); }

    // Files of a job, by state.
    QStringList names(int job, std::initializer_list<transfer::TransferState> states) const;

    // Bytes the files moved so far, leaving out what resumed files found already there.
    qint64 bytesMoved() const { return m_bytesMoved; }
    // The files and bytes of these jobs (every row of theirs, finished or not).
    QueueFigures figures(const QSet<int> &jobs) const;
    // The steady clock speeds are measured on, in ms (tests pass a fake).
    void setClock(std::function<qint64()> clock) { m_now = std::move(clock); }

Q_SIGNALS:
    void countsChanged();
    void jobOrderChanged();
    // A file reached a final state (for the log pane).
    void fileEnded(const blobferry::ui::QueueRow &row);
    // Every change of a file's state, as it happens (the views hear of it up to 100 ms later).
    void fileStateChanged(int job, const QString &name, blobferry::transfer::TransferState state);

private:
    void setState(int row, transfer::TransferState state);
    void pauseRow(int row);
    void unpauseRow(int row);
    void touch(int row);
    void flush();
    void rebuildIndex();
    void addMoved(QueueRow &row, qint64 bytes, qint64 now);
    qint64 now() const { return m_now ? m_now() : m_clock.elapsed(); }

    QVector<QueueRow> m_rows;
    QHash<QPair<int, QString>, int> m_index;
    QHash<int, int> m_jobRanks;             // job -> its place in the start order
    mutable QHash<int, JobPlaces> m_places; // by job; filled from the resolver on first use
    std::function<JobPlaces(int job)> m_resolvePlaces;
    std::array<int, 7> m_stateCounts{};
    int m_dirtyFirst = -1;
    int m_dirtyLast = -1;
    bool m_countsDirty = false;
    QTimer m_flush;
    QElapsedTimer m_clock;
    std::function<qint64()> m_now;
    qint64 m_bytesMoved = 0;
};

// Paints the progress column as a bar.
class ProgressDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};

QString formatBytes(qint64 bytes);

} // namespace blobferry::ui

Q_DECLARE_METATYPE(blobferry::ui::QueueRow)
