// SPDX-License-Identifier: MIT
#pragma once

#include "JobRecord.h"
#include "JobScheduler.h"
#include "QueueSaver.h"
#include "Settings.h"
#include "ThroughputMeter.h"
#include "TransferQueueModel.h"
#include "transfer/ConflictResolver.h"
#include "transfer/TransferEvents.h"
#include "transfer/TransferSpec.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>
#include <functional>
#include <memory>
#include <optional>

namespace blobferry::host {
class EngineHost;
}
namespace blobferry::log {
class RunLog;
}

namespace blobferry::ui {

class AccountStore;
class TransferJob;

// The desktop's queue: turns user actions into jobs (TransferJob) on one engine host, keeps
// the queue model in step with them, pauses, resumes, cancels and retries by row, and keeps
// the queue file (QueueStore) so that jobs come back paused after a quit or a crash.
// Conflicts go out through conflictRaised (the window's ConflictPrompter asks them); a default
// answer chosen in Settings is the job's rule, so such a job never asks. The jobs share one
// budget (one requester on the host: Settings' concurrency and cap, changed at once for
// running transfers too) and at most Settings' jobsAtOnce run; the rest wait, in the
// JobScheduler's order.
class TransferManager final : public QObject
{
    Q_OBJECT
public:
    using Answer = std::function<void(transfer::ConflictAnswer)>;

    TransferManager(AccountStore *accounts, TransferQueueModel *queue, QObject *parent = nullptr);
    // Saves the queue; engines still running are stopped and deleted (their journals stay).
    ~TransferManager() override;

    // The concurrency, the cap and the proxy apply to running transfers too.
    void setSettings(const Settings &settings);
    // The proxy's password, read from the keychain by the window.
    void setProxyPassword(const QString &password);
    // This session's log file (under Settings' log directory); empty when it could not open.
    QString logFile() const;
    const Settings &settings() const { return m_settings; }

    int upload(const QString &accountId, const QString &container, const QString &blobPath,
               const QString &localDirectory, const QStringList &onlyNames, bool recursive);
    int download(const QString &accountId, const QString &container, const QString &blobPath,
                 const QString &localDirectory, const QStringList &onlyNames, bool recursive);
    // Blob to blob, copied by the service (the CLI's engine): onlyNames of source (or, with
    // recursive, every blob under it) into destination under the same relative names, or the
    // one name under renameTo. move: each source blob is deleted once copied, only if it is
    // still what was copied (If-Match), with its snapshots.
    int copy(const BlobFolder &source, const QStringList &onlyNames, bool recursive,
             const BlobFolder &destination, bool move, const QString &renameTo = {});

    // Pausing acts on the rows' files: each stops inside its running job (the others go on)
    // and keeps what it sent or received; resuming continues it in its job, on its journal.
    // "All" pauses whole jobs: their engines stop, their journals stay (TransferPausing.cpp).
    void pauseRows(const QList<int> &rows);
    void resumeRows(const QList<int> &rows);
    void pauseAll();
    // Every paused batch, without the files paused one by one (those stay held).
    void resumeAll();
    // Paused rows that are files paused one by one (Resume all leaves them): O(held files).
    int heldCount() const;
    bool isHeld(const QueueRow &row) const;
    // Cancel removes the rows and what a resume would have used: part files, and the journal
    // once its job has nothing left. Retry continues failed files on their job's journal.
    void cancelRows(const QList<int> &rows);
    void retryRows(const QList<int> &rows);
    void retryAllFailed();
    // The waiting (or paused) jobs of these rows start before (toTop) or after every other.
    void moveInQueue(const QList<int> &rows, bool toTop);

    const JobRecord *job(int id) const;
    // The local folder a row's file is in (upload: its source; download: its destination).
    QString localFolder(int row) const;
    bool isRunning(int job) const;
    // Wants to run, and waits for a place among Settings' jobsAtOnce.
    bool isWaiting(int job) const { return m_scheduler.isWaiting(job); }
    // No engine runs or waits to be deleted.
    bool isIdle() const;

    // Reads the saved queue: unfinished jobs come back paused; journals no job refers to
    // (and the part files they name) are removed.
    void restoreQueue();
    // Writes the queue file now, on this thread (a save in flight first). The timer's saves
    // of a running queue go to a thread of their own.
    void saveQueue();
    // For quitting: pauses every job (their journals stay); readyToQuit() once every engine
    // is gone, or after 10 s (said in the log), with the queue saved. Nothing waits here.
    void stopForQuit();

    QString queueFile() const;
    QueueSaver::Snapshot queueSnapshot() const;

Q_SIGNALS:
    // A line for the log file and the log pane.
    void logLine(const QString &line);
    // An engine's line (a file's end, a notice), for the log pane only: the engine host wrote
    // the same words to the log file, and one event is one line of the file.
    void engineLine(const QString &line);
    // Overall, twice a second: the running jobs' speed, files and bytes.
    void throughput(const blobferry::ui::ThroughputMeter::Reading &reading);
    // A conflict to ask the user about; answer() hands the choice back (any time, once).
    void conflictRaised(int job, blobferry::ui::Direction direction,
                        const blobferry::transfer::Conflict &conflict,
                        const blobferry::ui::TransferManager::Answer &answer);
    // A job's engine ended (finished, failed or paused).
    void jobEnded(int job);
    void readyToQuit();

private:
    int addJob(JobRecord record);
    // Rows, to be failed, for named files the job never found and had no row for.
    void addMissingRows(int id, const QStringList &missing);
    TransferJob *makeJob(const JobRecord &record);
    // The job waits for its turn (JobScheduler); startJob() when it comes.
    void enqueue(int id);
    void startJob(int id);
    // A copy's source side, with its account's credential (the engine signs a SAS from a key
    // when the destination's service must read another account).
    std::optional<transfer::Endpoint> serverCopySource(const JobRecord &record,
                                                       QString *error) const;
    // A job that waits is paused where it stands (it has no engine to stop).
    void pauseWaiting(int id);
    void removeStandIns(int id);
    // Tells the queue model the order jobs start in (running ones, then the queue's order).
    void publishOrder();
    void applyBudget();
    void onJobEnded(int id, const transfer::TransferSummary &summary);
    void failUnfinished(int id, const QString &reason);
    void onConflict(int id, const transfer::Conflict &conflict, const Answer &answer);
    void onFileEnded(int id, const transfer::FileOutcome &outcome);
    void onFilePaused(int id, const QString &name);
    // After a stopped job's rows were cancelled: their part files, or the whole journal.
    void discardLeftovers(int id, const QStringList &names);
    void finishQuit();
    void scheduleSave();
    void tick();
    QList<int> jobsOf(const QList<int> &rows) const;

    AccountStore *m_accounts;
    TransferQueueModel *m_queue;
    Settings m_settings;
    QString m_proxyPassword;
    std::unique_ptr<log::RunLog> m_log; // one per session, shared by every job
    QHash<int, TransferJob *> m_jobs;   // children of this
    // After the log and before the jobs' deletion: it goes first, with its engines.
    std::unique_ptr<host::EngineHost> m_host;
    JobScheduler m_scheduler;
    int m_nextId = 1;
    QTimer m_saveTimer;
    QueueSaver *m_saver = nullptr; // child of this
    QTimer m_tickTimer;
    QTimer m_quitTimer;
    bool m_quitting = false;
    QElapsedTimer m_clock;
    ThroughputMeter m_meter;
};

} // namespace blobferry::ui
