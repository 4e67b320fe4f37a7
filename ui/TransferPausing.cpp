// SPDX-License-Identifier: MIT
// Pausing and resuming in the desktop queue: one file inside its batch (the batch's engine
// holds it, the others go on), or whole batches (Pause all: their engines stop). A batch
// whose other files are done ends with its paused files, which its journal keeps; resuming
// one starts the batch again with the rest still held. Held files are kept over a quit
// (queue.json), and Resume all leaves them held.
#include "TransferJob.h"
#include "TransferManager.h"

namespace blobferry::ui {

using transfer::TransferState;

void TransferManager::pauseRows(const QList<int> &rows)
{
    for (int row : rows) {
        const QueueRow &entry = m_queue->row(row);
        if (entry.state != TransferState::Queued && entry.state != TransferState::Active)
            continue;
        TransferJob *job = m_jobs.value(entry.job);
        if (!job)
            continue;
        if (m_scheduler.isWaiting(entry.job) && !job->record().enumerated) {
            // A batch waiting for its turn, its files not listed yet (its rows stand in for
            // them): it is paused where it stands, as a whole.
            pauseWaiting(entry.job);
        } else if (job->isRunning()) {
            job->pauseFile(entry.name); // the row is Paused once the engine says so
        } else if (!job->record().heldNames.contains(entry.name)) {
            // A batch not started yet: it will list the file and hold it.
            job->record().heldNames.append(entry.name);
            m_queue->pauseFile(entry.job, entry.name);
        }
    }
    scheduleSave();
}

void TransferManager::onFilePaused(int id, const QString &name)
{
    // A held file a resumed job lists again was said before.
    const int row = m_queue->find(id, name);
    if (row < 0 || m_queue->row(row).state == TransferState::Paused)
        return;
    m_queue->pauseFile(id, name);
    Q_EMIT logLine(tr("Paused: %1").arg(name));
    scheduleSave();
}

void TransferManager::resumeRows(const QList<int> &rows)
{
    // Names, not row numbers: a job's rows may move while others change.
    QHash<int, QStringList> byJob;
    for (int row : rows) {
        const QueueRow &entry = m_queue->row(row);
        if (entry.state == TransferState::Paused)
            byJob[entry.job].append(entry.name);
    }
    for (auto it = byJob.cbegin(); it != byJob.cend(); ++it) {
        const int id = it.key();
        TransferJob *job = m_jobs.value(id);
        if (!job)
            continue;
        if (job->isRunning()) {
            for (const QString &name : it.value()) {
                m_queue->unpauseFile(id, name);
                job->resumeFile(name);
            }
            continue;
        }
        if (m_scheduler.isWaiting(id)) { // files held in a batch waiting for its turn
            for (const QString &name : it.value()) {
                job->record().heldNames.removeAll(name);
                m_queue->unpauseFile(id, name);
            }
            continue;
        }
        if (job->state() != JobRecord::State::Paused)
            continue;
        JobRecord &record = job->record();
        // The job's other paused files stay paused: its new engine lists them and holds them.
        record.heldNames.clear();
        for (const QString &name : m_queue->names(id, {TransferState::Paused}))
            if (!it.value().contains(name))
                record.heldNames.append(name);
        // It waits its turn like a new batch (startJob lists only its unfinished files).
        enqueue(id);
    }
    m_scheduler.fill(); // after every one waits: the queue's order decides, not the rows'
    scheduleSave();
}

void TransferManager::pauseAll()
{
    // The waiting ones first: a running job's end would start them.
    for (TransferJob *job : std::as_const(m_jobs))
        if (m_scheduler.isWaiting(job->id()))
            pauseWaiting(job->id());
    for (TransferJob *job : std::as_const(m_jobs))
        job->pause();
}

bool TransferManager::isHeld(const QueueRow &row) const
{
    const TransferJob *job = m_jobs.value(row.job);
    return job && job->record().heldNames.contains(row.name);
}

int TransferManager::heldCount() const
{
    int held = 0;
    for (const TransferJob *job : std::as_const(m_jobs))
        for (const QString &name : job->record().heldNames)
            if (const int row = m_queue->find(job->id(), name);
                row >= 0 && m_queue->row(row).state == TransferState::Paused)
                ++held;
    return held;
}

void TransferManager::resumeAll()
{
    // Batches, as Pause all stops them: files the user paused one by one stay paused (they
    // have a Resume of their own), in this session and after a quit.
    QList<int> rows;
    for (int i = 0; i < m_queue->rowCount(); ++i)
        if (m_queue->row(i).state == TransferState::Paused && !isHeld(m_queue->row(i)))
            rows.append(i);
    resumeRows(rows);
}

} // namespace blobferry::ui
