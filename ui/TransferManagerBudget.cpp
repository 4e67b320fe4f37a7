// SPDX-License-Identifier: MIT
// The queue's one budget: Settings' concurrency, cap and proxy on the requester every job
// shares (running transfers included), and the jobs that wait for one of Settings' jobsAtOnce
// places, in the JobScheduler's order, with rows standing in for a batch not listed yet.
#include "TransferJob.h"
#include "TransferManager.h"
#include "host/EngineHost.h"

namespace blobferry::ui {

using transfer::TransferState;

void TransferManager::setSettings(const Settings &settings)
{
    m_settings = settings;
    applyBudget();
}

void TransferManager::setProxyPassword(const QString &password)
{
    m_proxyPassword = password;
    applyBudget();
}

void TransferManager::applyBudget()
{
    m_host->adjustShared(m_settings.requester(m_proxyPassword));
    m_scheduler.setLimit(m_settings.jobsAtOnce);
    m_scheduler.fill();
}

void TransferManager::enqueue(int id)
{
    JobRecord &record = m_jobs.value(id)->record();
    record.state = JobRecord::State::Running;
    m_queue->unpauseJob(id, record.heldNames);
    // Until a new batch is listed, what was picked shows waiting (the batch, when it is all).
    if (m_queue
            ->names(id, {TransferState::Queued, TransferState::Active, TransferState::Paused,
                         TransferState::Completed, TransferState::Skipped, TransferState::Failed})
            .isEmpty()) {
        QList<transfer::QueuedFile> picked;
        for (const QString &name : std::as_const(record.onlyNames))
            picked.append({name, 0});
        m_queue->addFiles(id, record.direction,
                          picked.isEmpty() ? QList<transfer::QueuedFile>{{record.describe(), 0}}
                                           : picked);
    }
    m_scheduler.wait(id);
    publishOrder();
}

void TransferManager::pauseWaiting(int id)
{
    JobRecord &record = m_jobs.value(id)->record();
    m_scheduler.unwait(id);
    record.state = JobRecord::State::Paused;
    m_queue->pauseJob(id);
    Q_EMIT logLine(tr("Paused: %1").arg(record.describe()));
    scheduleSave();
    Q_EMIT jobEnded(id);
}

void TransferManager::removeStandIns(int id)
{
    // The engine lists the batch's files now: what stood for them while it waited goes (a
    // file picked comes back at once, with its size).
    const JobRecord &record = m_jobs.value(id)->record();
    if (record.enumerated)
        return;
    QList<int> standIns;
    for (const QString &name : record.onlyNames + QStringList{record.describe()}) {
        const int row = m_queue->find(id, name);
        if (row < 0)
            continue;
        const QueueRow &entry = m_queue->row(row);
        if (entry.state == TransferState::Queued && entry.size == 0 && entry.done == 0)
            standIns.append(row);
    }
    m_queue->removeRows(standIns);
}

void TransferManager::moveInQueue(const QList<int> &rows, bool toTop)
{
    m_scheduler.move(jobsOf(rows), toTop);
    publishOrder();
    scheduleSave();
}

void TransferManager::publishOrder()
{
    QList<int> running;
    QList<int> later;
    for (int id : m_scheduler.order())
        (m_scheduler.isRunning(id) ? running : later).append(id);
    m_queue->setJobOrder(running + later);
}

} // namespace blobferry::ui
