// SPDX-License-Identifier: MIT
#pragma once

#include "Settings.h"
#include "TransferQueueModel.h"
#include "transfer/ConflictResolver.h"
#include "transfer/TransferEvents.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QQueue>
#include <QThread>
#include <QTimer>
#include <functional>
#include <memory>
#include <optional>

namespace blobferry::transfer {
class TransferEngine;
}
namespace blobferry::log {
class RunLog;
}

namespace blobferry::ui {

class AccountStore;

// One user action: a drop, a download of a selection, a retry. It runs as one engine job,
// with a restart journal of its own, so pausing it (or quitting) and resuming continues every
// file where it stopped.
struct JobRecord
{
    enum class State
    {
        Running,
        Paused,
        Finished,
    };

    int id = 0;
    Direction direction = Direction::Upload;
    QString accountId;
    QString container;
    QString blobPath;  // the blob side within the container: "" or "dir/"
    QString localPath; // upload: the source directory; download: the destination directory
    QStringList onlyNames;
    bool recursive = false;
    QString journalPath;
    State state = State::Running;
    bool enumerated = false; // every file of the job is in the queue

    QString describe() const; // for messages: what the job copies where
};

// Runs the desktop's jobs on one engine thread and keeps the queue model in step with them.
// Conflicts come back here and are asked one at a time in a ConflictDialog (or answered by a
// hook); a default answer chosen in Settings is the job's rule, so it never asks. The queue
// survives quitting and crashes:
// jobs and rows are saved beside the journals, and come back paused.
class TransferManager final : public QObject
{
    Q_OBJECT
public:
    using ConflictHook =
        std::function<std::optional<transfer::ConflictAnswer>(const transfer::Conflict &)>;

    TransferManager(AccountStore *accounts, TransferQueueModel *queue, QWidget *dialogParent,
                    QObject *parent = nullptr);
    ~TransferManager() override;

    void setSettings(const Settings &settings) { m_settings = settings; }
    // The proxy's password, read from the keychain by the window.
    void setProxyPassword(const QString &password) { m_proxyPassword = password; }
    // This session's log file (under Settings' log directory); empty when it could not open.
    QString logFile() const;
    const Settings &settings() const { return m_settings; }

    int upload(const QString &accountId, const QString &container, const QString &blobPath,
               const QString &localDirectory, const QStringList &onlyNames, bool recursive);
    int download(const QString &accountId, const QString &container, const QString &blobPath,
                 const QString &localDirectory, const QStringList &onlyNames, bool recursive);

    // Pausing acts on a row's job: its engine stops, its journal stays for the resume.
    void pauseRows(const QList<int> &rows);
    void resumeRows(const QList<int> &rows);
    void pauseAll();
    void resumeAll();
    void cancelRows(const QList<int> &rows);
    void retryRows(const QList<int> &rows);
    void retryAllFailed();

    const JobRecord *job(int id) const;
    // The local folder a row's file is in (upload: its source; download: its destination).
    QString localFolder(int row) const;
    bool isRunning(int job) const { return m_engines.contains(job); }

    // Tests answer conflicts here instead of in the dialog; nullopt shows the dialog.
    void setConflictHook(ConflictHook hook) { m_conflictHook = std::move(hook); }

    // Reads the saved queue: unfinished jobs come back paused.
    void restoreQueue();
    // Stops every engine (their journals stay), waits for them, saves the queue.
    void shutdown();

    QString queueFile() const;

Q_SIGNALS:
    void logLine(const QString &line);
    // A file's end, for the log pane only: the log file already has the engine's own line for
    // it (RunLog::logOutcome, with its byte count), and one event is one line of the file.
    void outcomeLine(const QString &line);
    // Overall: bytes per second (smoothed), bytes done and known of the running jobs.
    void throughput(double bytesPerSecond, qint64 done, qint64 total);
    void conflictDialogOpened(QWidget *dialog);
    // A job's engine ended (finished, failed or paused).
    void jobEnded(int job);

private:
    struct PendingConflict
    {
        int job = 0;
        transfer::Conflict conflict;
        std::function<void(transfer::ConflictAnswer)> answer;
    };
    class JobResolver;

    int addJob(JobRecord record);
    void startJob(int id);
    void stopJob(int id, bool pause);
    void onEngineFinished(int id, const transfer::TransferSummary &summary);
    void onConflict(int job, const transfer::Conflict &conflict,
                    std::function<void(transfer::ConflictAnswer)> answer);
    void askNextConflict();
    void deliver(int job, const std::function<void(transfer::ConflictAnswer)> &answer,
                 transfer::ConflictAnswer choice);
    void scheduleSave();
    void saveQueue();
    void tick();
    QList<int> jobsOf(const QList<int> &rows) const;

    AccountStore *m_accounts;
    TransferQueueModel *m_queue;
    QPointer<QWidget> m_dialogParent;
    Settings m_settings;
    QString m_proxyPassword;
    std::unique_ptr<log::RunLog> m_log; // one per session, shared by every job
    QThread m_thread;
    QHash<int, JobRecord> m_jobs;
    QHash<int, transfer::TransferEngine *> m_engines;
    QHash<int, std::shared_ptr<JobResolver>> m_resolvers;
    QHash<int, transfer::ProgressSnapshot> m_snapshots;
    QSet<int> m_pausing; // engines stopping because of a pause, not a failure
    int m_nextId = 1;
    ConflictHook m_conflictHook;
    QQueue<PendingConflict> m_conflicts;
    bool m_asking = false;
    QTimer m_saveTimer;
    QTimer m_tickTimer;
    QElapsedTimer m_clock;
    qint64 m_bytesMoved = 0;
    qint64 m_lastTickBytes = 0;
    qint64 m_lastTickMs = 0;
    double m_speed = 0;
};

} // namespace blobferry::ui
