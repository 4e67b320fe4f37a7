// SPDX-License-Identifier: MIT
#include "TransferQueueModel.h"

#include "log/Printable.h"

#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <algorithm>
#include <iterator>

namespace blobferry::ui {

using transfer::TransferState;

namespace {

constexpr int kFlushIntervalMs = 100; // at most ten updates a second reach the views

QString formatDuration(qint64 seconds)
{
    if (seconds < 60)
        return QStringLiteral("%1 s").arg(seconds);
    if (seconds < 3600)
        return QStringLiteral("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return QStringLiteral("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
}

} // namespace

bool TransferQueueModel::isFinal(TransferState state)
{
    return state == TransferState::Completed || state == TransferState::Skipped ||
           state == TransferState::Failed || state == TransferState::Cancelled;
}

QString formatBytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

TransferQueueModel::TransferQueueModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    qRegisterMetaType<QueueRow>();
    m_clock.start();
    m_flush.setInterval(kFlushIntervalMs);
    m_flush.setSingleShot(true);
    connect(&m_flush, &QTimer::timeout, this, &TransferQueueModel::flush);
}

int TransferQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TransferQueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TransferQueueModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const QueueRow &row = m_rows.at(index.row());
    switch (role) {
    case StateRole:
        return int(row.state);
    case ProgressRole:
        // A skipped file is done with, not 0% done: its bar is full (and greyed).
        if (row.state == TransferState::Skipped || (row.size <= 0 && isFinal(row.state)))
            return 1000;
        return row.size > 0 ? int(row.done * 1000 / row.size) : 0;
    case JobRole:
        return row.job;
    case NameRole:
        return row.name;
    case Qt::ToolTipRole:
        if (index.column() == SourceColumn || index.column() == DestinationColumn)
            return data(index, Qt::DisplayRole);
        return row.status.isEmpty()
                   ? log::printable(row.name)
                   : log::printable(row.name) + QLatin1Char('\n') +
                         data(this->index(index.row(), StatusColumn), Qt::DisplayRole).toString();
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn || index.column() == SpeedColumn ||
            index.column() == EtaColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case NameColumn:
        return log::printable(row.name); // as in the log: no control reorders or drives the view
    case DirectionColumn:
        switch (row.direction) {
        case Direction::Upload:
            return tr("Upload");
        case Direction::Download:
            return tr("Download");
        case Direction::Copy:
            return tr("Copy");
        case Direction::Move:
            return tr("Move");
        }
        return {};
    case SizeColumn:
        return formatBytes(row.size);
    case ProgressColumn:
        if (row.state == TransferState::Skipped)
            return tr("Skipped");
        return row.size > 0 ? QStringLiteral("%1%").arg(row.done * 100 / row.size)
                            : QStringLiteral("-");
    case SpeedColumn:
        return row.state == TransferState::Active && row.speed > 0
                   ? formatBytes(qint64(row.speed)) + tr("/s")
                   : QString();
    case EtaColumn:
        if (row.state == TransferState::Active && row.speed > 1)
            return formatDuration(qint64(double(row.size - row.done) / row.speed));
        return QString();
    case StatusColumn:
        if (row.state == TransferState::Skipped)
            return row.status.isEmpty() ? tr("Skipped") : tr("Skipped: %1").arg(row.status);
        if (!row.status.isEmpty())
            return row.status;
        return transfer::stateName(row.state);
    case EndedColumn:
        return row.endedMs > 0 ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(row.endedMs),
                                                    QLocale::ShortFormat)
                               : QString();
    case SourceColumn:
    case DestinationColumn: {
        const JobPlaces where = places(row.job);
        const QString &base = index.column() == SourceColumn ? where.source : where.destination;
        return base.isEmpty() ? QString() : log::printable(base + row.name);
    }
    default:
        return {};
    }
}

QVariant TransferQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    // In column order; QT_TR_NOOP marks them for translation, tr() translates when shown.
    static const char *const titles[] = {QT_TR_NOOP("Name"),   QT_TR_NOOP("Direction"),
                                         QT_TR_NOOP("Size"),   QT_TR_NOOP("Progress"),
                                         QT_TR_NOOP("Speed"),  QT_TR_NOOP("ETA"),
                                         QT_TR_NOOP("Status"), QT_TR_NOOP("Ended"),
                                         QT_TR_NOOP("Source"), QT_TR_NOOP("Destination")};
    static_assert(std::size(titles) == ColumnCount);
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
        section >= ColumnCount)
        return {};
    return tr(titles[section]);
}

TransferQueueModel::Tab TransferQueueModel::tabOf(TransferState state)
{
    switch (state) {
    case TransferState::Queued:
    case TransferState::Paused:
        return Tab::Queued;
    case TransferState::Active:
        return Tab::Active;
    case TransferState::Failed:
    case TransferState::Cancelled:
        return Tab::Failed;
    case TransferState::Completed:
    case TransferState::Skipped:
        return Tab::Completed;
    }
    return Tab::Queued;
}

int TransferQueueModel::count(Tab tab) const
{
    int total = 0;
    for (int state = 0; state < int(m_stateCounts.size()); ++state)
        if (tabOf(TransferState(state)) == tab)
            total += m_stateCounts[state];
    return total;
}

int TransferQueueModel::find(int job, const QString &name) const
{
    return m_index.value({job, name}, -1);
}

void TransferQueueModel::addFiles(int job, Direction direction,
                                  const QList<transfer::QueuedFile> &files)
{
    QVector<QueueRow> fresh;
    for (const transfer::QueuedFile &file : files) {
        const int existing = find(job, file.name);
        if (existing >= 0) {
            QueueRow &row = m_rows[existing];
            row.size = file.size;
            // A paused row stays paused: a resume unpauses the rows it lets go before the
            // listing, so what is still paused here is held.
            if ((!isFinal(row.state) && row.state != TransferState::Paused) ||
                row.state == TransferState::Failed)
                setState(existing, TransferState::Queued);
            continue;
        }
        QueueRow row;
        row.job = job;
        row.name = file.name;
        row.direction = direction;
        row.size = file.size;
        fresh.append(row);
    }
    if (fresh.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (const QueueRow &row : std::as_const(fresh)) {
        m_index.insert({job, row.name}, int(m_rows.size()));
        m_rows.append(row);
        ++m_stateCounts[int(row.state)];
    }
    endInsertRows();
    m_countsDirty = true;
    if (!m_flush.isActive())
        m_flush.start();
}

void TransferQueueModel::setStarted(int job, const QString &name)
{
    const int row = find(job, name);
    if (row < 0)
        return;
    QueueRow &entry = m_rows[row];
    entry.status.clear();
    entry.speed = 0;
    entry.sampleBytes = entry.done;
    entry.window.restart(now());
    setState(row, TransferState::Active);
}

void TransferQueueModel::setProgress(int job, const QList<transfer::FileProgress> &files)
{
    const qint64 at = now();
    for (const transfer::FileProgress &file : files) {
        const int index = find(job, file.name);
        if (index < 0)
            continue;
        QueueRow &row = m_rows[index];
        if (!row.window.isRunning())
            row.window.restart(at);
        if (row.resumeCredit) {
            // Until the engine credits the part already there, the row keeps what it showed.
            if (file.bytesDone > 0) {
                row.resumeCredit = false;
                row.done = row.sampleBytes = file.bytesDone;
            }
        } else {
            // A range sent again goes back first: what it sends again is speed once more.
            addMoved(row, file.bytesDone - row.sampleBytes, at);
            row.done = row.sampleBytes = file.bytesDone;
        }
        row.speed = row.window.bytesPerSecond(at);
        touch(index);
    }
}

void TransferQueueModel::setOutcome(int job, const transfer::FileOutcome &outcome)
{
    const int index = find(job, outcome.name);
    if (index < 0)
        return;
    QueueRow &row = m_rows[index];
    // A file the interrupted run had finished stays completed when the job is resumed.
    if (row.state == TransferState::Completed && outcome.state == TransferState::Skipped)
        return;
    row.status = outcome.reason;
    if (outcome.state == TransferState::Completed) {
        if (!row.resumeCredit) // a resumed file's last bytes are speed only once it said any
            addMoved(row, row.size - row.sampleBytes, now());
        row.done = row.size;
    }
    row.resumeCredit = false;
    row.speed = 0;
    row.window.stop();
    row.endedMs = QDateTime::currentMSecsSinceEpoch();
    setState(index, outcome.state);
    Q_EMIT fileEnded(row);
}

void TransferQueueModel::pauseJob(int job)
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).job == job)
            pauseRow(i);
}

void TransferQueueModel::unpauseJob(int job, const QStringList &held)
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).job == job && !held.contains(m_rows.at(i).name))
            unpauseRow(i);
}

void TransferQueueModel::pauseFile(int job, const QString &name)
{
    if (const int row = find(job, name); row >= 0)
        pauseRow(row);
}

void TransferQueueModel::unpauseFile(int job, const QString &name)
{
    if (const int row = find(job, name); row >= 0)
        unpauseRow(row);
}

void TransferQueueModel::pauseRow(int row)
{
    QueueRow &entry = m_rows[row];
    if (isFinal(entry.state))
        return;
    entry.speed = 0;
    entry.window.stop();
    setState(row, TransferState::Paused);
}

void TransferQueueModel::unpauseRow(int row)
{
    QueueRow &entry = m_rows[row];
    if (isFinal(entry.state))
        return;
    // The engine finds what was done on disk (or on the service) and credits it at once.
    entry.resumeCredit = entry.done > 0;
    entry.speed = 0;
    entry.window.stop();
    if (entry.state == TransferState::Paused)
        setState(row, TransferState::Queued);
}

void TransferQueueModel::failUnfinished(int job, const QString &reason)
{
    for (int i = 0; i < m_rows.size(); ++i) {
        const QueueRow &row = m_rows.at(i);
        if (row.job == job && !isFinal(row.state)) {
            m_rows[i].status = reason;
            m_rows[i].speed = 0;
            m_rows[i].window.stop();
            m_rows[i].endedMs = QDateTime::currentMSecsSinceEpoch();
            setState(i, TransferState::Failed);
            Q_EMIT fileEnded(m_rows.at(i));
        }
    }
}

void TransferQueueModel::requeue(const QList<int> &rows)
{
    for (int index : rows) {
        QueueRow &row = m_rows[index];
        row.status.clear();
        // A retry continues from the part already there: that is credit, not speed.
        row.resumeCredit = row.done > 0;
        row.speed = 0;
        row.window.stop();
        row.endedMs = 0;
        setState(index, TransferState::Queued);
    }
}

void TransferQueueModel::removeRows(QList<int> rows)
{
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    if (rows.isEmpty())
        return;
    const int lowestRemoved = rows.last();
    // Contiguous runs, from the bottom, so each removal keeps the other indexes valid.
    int i = 0;
    while (i < rows.size()) {
        int last = rows.at(i);
        int first = last;
        while (i + 1 < rows.size() && rows.at(i + 1) == first - 1)
            first = rows.at(++i);
        ++i;
        beginRemoveRows({}, first, last);
        for (int r = first; r <= last; ++r)
            --m_stateCounts[int(m_rows.at(r).state)];
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
    }
    // Rows changed but not yet told (a file that just started) are still owed their
    // dataChanged, or the tabs' filters keep them where they were: those below the removed
    // rows moved up, so the range starts at the first removed row at the latest.
    if (m_dirtyFirst >= 0) {
        m_dirtyFirst = std::min(m_dirtyFirst, lowestRemoved);
        m_dirtyLast = std::min(m_dirtyLast, int(m_rows.size()) - 1);
        if (m_dirtyFirst > m_dirtyLast)
            m_dirtyFirst = m_dirtyLast = -1;
    }
    rebuildIndex();
    m_countsDirty = true;
    flush();
}

void TransferQueueModel::removeFinished()
{
    QList<int> finished;
    for (int i = 0; i < m_rows.size(); ++i)
        if (tabOf(m_rows.at(i).state) == Tab::Completed)
            finished.append(i);
    removeRows(finished);
}

void TransferQueueModel::removeFailed()
{
    QList<int> failed;
    for (int i = 0; i < m_rows.size(); ++i)
        if (tabOf(m_rows.at(i).state) == Tab::Failed)
            failed.append(i);
    removeRows(failed);
}

void TransferQueueModel::restore(const QVector<QueueRow> &rows, const QHash<int, JobPlaces> &places)
{
    beginResetModel();
    m_rows = rows;
    for (auto it = places.cbegin(); it != places.cend(); ++it)
        m_places.insert(it.key(), it.value());
    m_dirtyFirst = m_dirtyLast = -1;
    m_stateCounts.fill(0);
    for (const QueueRow &row : std::as_const(m_rows))
        ++m_stateCounts[int(row.state)];
    rebuildIndex();
    endResetModel();
    Q_EMIT countsChanged();
}

JobPlaces TransferQueueModel::places(int job) const
{
    auto it = m_places.constFind(job);
    if (it != m_places.cend())
        return *it;
    if (!m_resolvePlaces)
        return {};
    return *m_places.insert(job, m_resolvePlaces(job));
}

QHash<int, JobPlaces> TransferQueueModel::jobPlaces() const
{
    QHash<int, JobPlaces> all;
    int last = 0; // rows come in runs of one job: one lookup per run
    for (const QueueRow &row : m_rows) {
        if (row.job == last && !all.isEmpty())
            continue;
        last = row.job;
        if (!all.contains(row.job))
            all.insert(row.job, places(row.job));
    }
    return all;
}

QStringList TransferQueueModel::names(int job, std::initializer_list<TransferState> states) const
{
    QStringList names;
    for (const QueueRow &row : m_rows)
        if (row.job == job && std::find(states.begin(), states.end(), row.state) != states.end())
            names.append(row.name);
    return names;
}

QueueFigures TransferQueueModel::figures(const QSet<int> &jobs) const
{
    QueueFigures figures;
    if (jobs.isEmpty())
        return figures;
    for (const QueueRow &row : m_rows) {
        if (!jobs.contains(row.job))
            continue;
        ++figures.files;
        figures.bytesTotal += row.size;
        const bool done =
            row.state == TransferState::Completed || row.state == TransferState::Skipped;
        figures.filesDone += done ? 1 : 0;
        figures.bytesDone += done ? row.size : std::clamp<qint64>(row.done, 0, row.size);
    }
    return figures;
}

void TransferQueueModel::addMoved(QueueRow &row, qint64 bytes, qint64 now)
{
    if (bytes <= 0)
        return;
    m_bytesMoved += bytes;
    row.window.add(now, bytes);
}

void TransferQueueModel::setState(int row, TransferState state)
{
    QueueRow &entry = m_rows[row];
    if (entry.state != state) {
        --m_stateCounts[int(entry.state)];
        entry.state = state;
        ++m_stateCounts[int(state)];
        m_countsDirty = true;
        Q_EMIT fileStateChanged(entry.job, entry.name, state);
    }
    touch(row);
}

void TransferQueueModel::touch(int row)
{
    m_dirtyFirst = m_dirtyFirst < 0 ? row : std::min(m_dirtyFirst, row);
    m_dirtyLast = std::max(m_dirtyLast, row);
    if (!m_flush.isActive())
        m_flush.start();
}

void TransferQueueModel::flush()
{
    if (m_dirtyFirst >= 0 && m_dirtyLast < m_rows.size())
        // From the size on: a row's name and direction never change, and leaving out the name
        // (the Queued tab's sort column) keeps that tab from sorting again at every report.
        Q_EMIT dataChanged(index(m_dirtyFirst, SizeColumn), index(m_dirtyLast, ColumnCount - 1));
    m_dirtyFirst = m_dirtyLast = -1;
    if (m_countsDirty) {
        m_countsDirty = false;
        Q_EMIT countsChanged();
    }
}

void TransferQueueModel::rebuildIndex()
{
    m_index.clear();
    m_index.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_index.insert({m_rows.at(i).job, m_rows.at(i).name}, i);
}

void TransferQueueModel::setJobOrder(const QList<int> &jobs)
{
    QHash<int, int> ranks;
    ranks.reserve(jobs.size());
    for (int job : jobs)
        ranks.insert(job, int(ranks.size()));
    if (ranks == m_jobRanks)
        return;
    m_jobRanks = std::move(ranks);
    Q_EMIT jobOrderChanged();
}

void ProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    if (index.column() != TransferQueueModel::ProgressColumn) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionProgressBar bar;
    bar.rect = option.rect.adjusted(2, 2, -2, -2);
    bar.minimum = 0;
    bar.maximum = 1000;
    bar.progress = index.data(TransferQueueModel::ProgressRole).toInt();
    bar.text = index.data(Qt::DisplayRole).toString();
    bar.textVisible = true;
    bar.state = option.state | QStyle::State_Horizontal;
    // A skipped file's full bar is greyed: nothing was copied, and nothing is left to do.
    if (index.data(TransferQueueModel::StateRole).toInt() == int(TransferState::Skipped))
        bar.state &= ~QStyle::State_Enabled;
    const QStyle *style = option.widget ? option.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, option.widget);
}

} // namespace blobferry::ui
