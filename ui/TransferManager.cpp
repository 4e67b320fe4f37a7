// SPDX-License-Identifier: MIT
#include "TransferManager.h"

#include "Accounts.h"
#include "Counted.h"
#include "QueueSaver.h"
#include "QueueStore.h"
#include "TransferJob.h"
#include "host/EngineHost.h"
#include "log/Printable.h"
#include "log/RunLog.h"
#include "transfer/JobLeftovers.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

namespace blobferry::ui {

using transfer::TransferState;

namespace {

constexpr int kSaveDelayMs = 1000;
constexpr int kTickMs = 500;
constexpr int kQuitWaitMs = 10000;

JobRecord newRecord(Direction direction, const QString &accountId, const QString &container,
                    const QString &blobPath, const QString &localPath, const QStringList &onlyNames,
                    bool recursive)
{
    JobRecord record;
    record.direction = direction;
    record.accountId = accountId;
    record.container = container;
    record.blobPath = blobPath;
    record.localPath = localPath;
    record.onlyNames = onlyNames;
    record.recursive = recursive;
    return record;
}

} // namespace

TransferManager::TransferManager(AccountStore *accounts, TransferQueueModel *queue, QObject *parent)
    : QObject(parent)
    , m_accounts(accounts)
    , m_queue(queue)
    , m_settings(Settings::load())
    , m_log(std::make_unique<log::RunLog>())
    , m_host(std::make_unique<host::EngineHost>(QStringLiteral("transfers")))
    , m_scheduler([this](int id) {
        publishOrder(); // it runs now: its queued files come first
        startJob(id);
    })
{
    // One budget for the window: every job's engine sends through this requester.
    m_host->shareRequester(m_settings.requester({}));
    m_scheduler.setLimit(m_settings.jobsAtOnce);
    m_saver = new QueueSaver(this);
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(kSaveDelayMs);
    // The changes of a running queue are saved off this thread (a large queue takes a while).
    connect(&m_saveTimer, &QTimer::timeout, this, [this] { m_saver->saveLater(queueSnapshot()); });
    connect(m_saver, &QueueSaver::failed, this, [this](const QString &path, const QString &error) {
        Q_EMIT logLine(tr("Cannot save the queue to %1: %2").arg(path, error));
    });
    m_tickTimer.setInterval(kTickMs);
    connect(&m_tickTimer, &QTimer::timeout, this, &TransferManager::tick);
    m_tickTimer.start();
    m_clock.start();
    m_quitTimer.setSingleShot(true);
    m_quitTimer.setInterval(kQuitWaitMs);
    connect(&m_quitTimer, &QTimer::timeout, this, [this] {
        Q_EMIT logLine(tr("The transfers did not stop within %1 s; quitting without waiting "
                          "(their journals stay)")
                           .arg(kQuitWaitMs / 1000));
        finishQuit();
    });
    connect(m_host.get(), &host::EngineHost::idle, this, [this] {
        if (m_quitting)
            finishQuit();
    });
    log::LogPolicy policy;
    policy.directory = m_settings.effectiveLogDirectory();
    QString logError;
    if (m_log->open(policy, QStringLiteral("blobferry"), &logError))
        m_host->setRunLog(m_log.get());
    else
        QMetaObject::invokeMethod(
            this, [this, logError] { Q_EMIT logLine(tr("No log file: %1").arg(logError)); },
            Qt::QueuedConnection);
    // One event, one line of the file: a line break in a name is shown, not followed.
    connect(this, &TransferManager::logLine, this, [this](const QString &line) {
        m_log->write(log::LogLevel::Info, log::printable(line));
    });
    connect(m_queue, &TransferQueueModel::fileEnded, this, &TransferManager::scheduleSave);
}

TransferManager::~TransferManager()
{
    saveQueue();
    m_host.reset(); // its engines go before the jobs whose resolvers they use
}

QString TransferManager::logFile() const
{
    return m_log && m_log->isOpen() ? m_log->path() : QString();
}

QString TransferManager::queueFile() const
{
    return m_settings.effectiveJournalDirectory() + QStringLiteral("/queue.json");
}

int TransferManager::upload(const QString &accountId, const QString &container,
                            const QString &blobPath, const QString &localDirectory,
                            const QStringList &onlyNames, bool recursive)
{
    return addJob(newRecord(Direction::Upload, accountId, container, blobPath, localDirectory,
                            onlyNames, recursive));
}

int TransferManager::download(const QString &accountId, const QString &container,
                              const QString &blobPath, const QString &localDirectory,
                              const QStringList &onlyNames, bool recursive)
{
    return addJob(newRecord(Direction::Download, accountId, container, blobPath, localDirectory,
                            onlyNames, recursive));
}

int TransferManager::copy(const BlobFolder &source, const QStringList &onlyNames, bool recursive,
                          const BlobFolder &destination, bool move, const QString &renameTo)
{
    JobRecord record = newRecord(move ? Direction::Move : Direction::Copy, destination.accountId,
                                 destination.container, destination.path, {}, onlyNames, recursive);
    record.sourceAccountId = source.accountId;
    record.sourceContainer = source.container;
    record.sourceBlobPath = source.path;
    record.renameTo = renameTo;
    return addJob(record);
}

int TransferManager::addJob(JobRecord record)
{
    record.id = m_nextId++;
    record.journalPath =
        m_settings.effectiveJournalDirectory() + QStringLiteral("/job-%1.journal").arg(record.id);
    record.state = JobRecord::State::Running;
    makeJob(record);
    Q_EMIT logLine(tr("Queued: %1").arg(record.describe()));
    enqueue(record.id);
    m_scheduler.fill();
    scheduleSave();
    return record.id;
}

TransferJob *TransferManager::makeJob(const JobRecord &record)
{
    auto *job = new TransferJob(record, m_host.get(), this);
    const int id = record.id;
    m_jobs.insert(id, job);
    connect(job, &TransferJob::filesQueued, this,
            [this, job](const QList<transfer::QueuedFile> &files) {
                m_queue->addFiles(job->id(), job->record().direction, files);
                scheduleSave();
            });
    connect(job, &TransferJob::fileStarted, this,
            [this, id](const QString &name) { m_queue->setStarted(id, name); });
    connect(job, &TransferJob::fileProgress, this,
            [this, id](const QList<transfer::FileProgress> &files) {
                m_queue->setProgress(id, files);
            });
    connect(job, &TransferJob::fileEnded, this,
            [this, id](const transfer::FileOutcome &outcome) { onFileEnded(id, outcome); });
    connect(job, &TransferJob::filePaused, this,
            [this, id](const QString &name) { onFilePaused(id, name); });
    connect(job, &TransferJob::notice, this, &TransferManager::engineLine);
    connect(job, &TransferJob::conflictRaised, this,
            [this, id](const transfer::Conflict &conflict, const Answer &answer) {
                onConflict(id, conflict, answer);
            });
    connect(job, &TransferJob::answersChanged, this, &TransferManager::scheduleSave);
    connect(job, &TransferJob::ended, this,
            [this, id](const transfer::TransferSummary &summary) { onJobEnded(id, summary); });
    return job;
}

void TransferManager::startJob(int id)
{
    TransferJob *job = m_jobs.value(id);
    JobRecord &record = job->record();
    QString error;
    const auto connection = m_accounts->connection(record.accountId, &error);
    const auto location =
        connection ? connection->location(record.container, record.blobPath, &error) : std::nullopt;
    if (!location) {
        job->fail(error);
        return;
    }
    transfer::TransferSpec spec;
    m_settings.applyTo(spec, m_proxyPassword);
    transfer::Endpoint blobSide;
    blobSide.blob = *location;
    blobSide.credential = connection->credential;
    if (record.isServerCopy()) {
        const auto source = serverCopySource(record, &error);
        if (!source) {
            job->fail(error);
            return;
        }
        spec.source = *source;
        spec.destination = blobSide;
        spec.move = record.direction == Direction::Move;
        if (!record.renameTo.isEmpty() && record.onlyNames.size() == 1)
            spec.renames.insert(record.onlyNames.first(), record.renameTo);
    } else {
        transfer::Endpoint localSide;
        localSide.localPath = record.localPath;
        spec.source = record.direction == Direction::Upload ? localSide : blobSide;
        spec.destination = record.direction == Direction::Upload ? blobSide : localSide;
    }
    spec.recursive = record.recursive;
    spec.onlyNames = record.onlyNames;
    spec.heldNames = record.heldNames;
    spec.restartable = true;
    spec.journalPath = record.journalPath;
    QDir().mkpath(QFileInfo(record.journalPath).absolutePath());
    m_queue->unpauseJob(id, record.heldNames);
    removeStandIns(id);
    // Once every file was listed, only the unfinished ones go (cancelled files stay gone);
    // otherwise the whole job is listed again and the journal skips the rest.
    if (record.enumerated)
        spec.onlyNames = record.onlyNames = m_queue->names(
            id, {TransferState::Paused, TransferState::Queued, TransferState::Active});
    job->start(spec);
}

std::optional<transfer::Endpoint> TransferManager::serverCopySource(const JobRecord &record,
                                                                    QString *error) const
{
    const auto connection = m_accounts->connection(record.sourceAccountId, error);
    const auto location =
        connection ? connection->location(record.sourceContainer, record.sourceBlobPath, error)
                   : std::nullopt;
    if (!location)
        return std::nullopt;
    transfer::Endpoint source;
    source.blob = *location;
    source.credential = connection->credential;
    return source;
}

void TransferManager::onFileEnded(int id, const transfer::FileOutcome &outcome)
{
    if (outcome.state == TransferState::Cancelled) {
        const int row = m_queue->find(id, outcome.name);
        if (row >= 0)
            m_queue->removeRows({row});
    } else {
        m_queue->setOutcome(id, outcome);
    }
    // The host wrote the log file's line; the pane shows the same words.
    Q_EMIT engineLine(log::RunLog::outcomeText(outcome));
}

void TransferManager::onJobEnded(int id, const transfer::TransferSummary &summary)
{
    const JobRecord &record = m_jobs.value(id)->record();
    // Named files the engine never found: gone from the source since they were chosen (rows
    // of their own when they had none yet), failed below with why, whatever the job's end.
    addMissingRows(id, summary.missingNames);
    if (record.state == JobRecord::State::Paused) {
        m_queue->pauseJob(id);
        Q_EMIT logLine(tr("Paused: %1").arg(record.describe()));
    } else if (!summary.fatalError.isEmpty()) {
        Q_EMIT logLine(tr("Failed: %1: %2").arg(record.describe(), summary.fatalError));
        // A job that could not even list its files still shows in Failed, with why.
        if (m_queue
                ->names(id,
                        {TransferState::Queued, TransferState::Active, TransferState::Paused,
                         TransferState::Completed, TransferState::Skipped, TransferState::Failed})
                .isEmpty())
            m_queue->addFiles(id, record.direction, {{record.describe(), 0}});
        failUnfinished(id, summary.fatalError);
    } else {
        failUnfinished(id, tr("no longer found at the source"));
        Q_EMIT logLine(tr("Done: %1: %2 copied, %3 skipped, %4 failed, %5 cancelled")
                           .arg(record.describe())
                           .arg(summary.succeeded)
                           .arg(summary.skipped)
                           .arg(summary.failed + int(summary.missingNames.size()))
                           .arg(summary.cancelled));
    }
    scheduleSave();
    Q_EMIT jobEnded(id);
    if (record.state == JobRecord::State::Finished)
        m_scheduler.remove(id); // a retry queues it again, at the bottom
    m_scheduler.ended(id);      // the next waiting job starts
    publishOrder();
}

void TransferManager::addMissingRows(int id, const QStringList &missing)
{
    QList<transfer::QueuedFile> rows;
    for (const QString &name : missing)
        if (m_queue->find(id, name) < 0)
            rows.append({name, 0});
    if (!rows.isEmpty())
        m_queue->addFiles(id, m_jobs.value(id)->record().direction, rows);
}

void TransferManager::failUnfinished(int id, const QString &reason)
{
    // Files the engine said nothing of: each fails here, one line in the file and the pane.
    const QStringList names =
        m_queue->names(id, {TransferState::Queued, TransferState::Active, TransferState::Paused});
    m_queue->failUnfinished(id, reason);
    const QString jobRow = m_jobs.value(id)->record().describe();
    for (const QString &name : names) {
        if (name == jobRow)
            continue; // the job's own row: its "Failed:" line says it
        transfer::FileOutcome outcome;
        outcome.name = name;
        outcome.state = TransferState::Failed;
        outcome.reason = reason;
        m_log->logOutcome(outcome);
        Q_EMIT engineLine(log::RunLog::outcomeText(outcome));
    }
}

QList<int> TransferManager::jobsOf(const QList<int> &rows) const
{
    QList<int> jobs;
    for (int row : rows) {
        const int job = m_queue->row(row).job;
        if (!jobs.contains(job))
            jobs.append(job);
    }
    return jobs;
}

void TransferManager::cancelRows(const QList<int> &rows)
{
    // A running job's engine cancels the file and removes its part file itself; a stopped
    // job's (paused, or ended with failures) leftovers go here, from what its journal names.
    QList<int> removeNow;
    QHash<int, QStringList> stopped;
    for (int row : rows) {
        const QueueRow &entry = m_queue->row(row);
        TransferJob *job = m_jobs.value(entry.job);
        if (job && job->isRunning()) {
            job->cancelFile(entry.name);
        } else if (TransferQueueModel::tabOf(entry.state) != TransferQueueModel::Tab::Completed) {
            removeNow.append(row);
            if (job)
                stopped[entry.job].append(entry.name);
        }
    }
    m_queue->removeRows(removeNow);
    for (auto it = stopped.cbegin(); it != stopped.cend(); ++it)
        discardLeftovers(it.key(), it.value());
    scheduleSave();
}

void TransferManager::discardLeftovers(int id, const QStringList &names)
{
    const JobRecord &record = m_jobs.value(id)->record();
    const bool nothingLeft = m_queue
                                 ->names(id, {TransferState::Queued, TransferState::Active,
                                              TransferState::Paused, TransferState::Failed})
                                 .isEmpty();
    if (nothingLeft) {
        // The journal and every part file it names: the job has nothing to resume or retry.
        transfer::JobLeftovers::discardJob(record.journalPath);
        m_scheduler.remove(id);
        Q_EMIT logLine(tr("Cancelled: %1").arg(record.describe()));
        return;
    }
    if (record.direction == Direction::Download)
        transfer::JobLeftovers::discardFiles(record.journalPath, names);
}

void TransferManager::retryRows(const QList<int> &rows)
{
    // Failed files go again in their own job, on its journal: a download continues from its
    // part file, an upload from the blocks the service already holds. Names, not row numbers,
    // are kept: removing one job's rows moves the others'.
    QHash<int, QStringList> byJob;
    for (int row : rows) {
        const QueueRow &entry = m_queue->row(row);
        if (entry.state == TransferState::Failed && !isRunning(entry.job) &&
            m_jobs.contains(entry.job))
            byJob[entry.job].append(entry.name);
    }
    for (auto it = byJob.cbegin(); it != byJob.cend(); ++it) {
        JobRecord &record = m_jobs.value(it.key())->record();
        QList<int> found;
        for (const QString &name : it.value())
            if (const int row = m_queue->find(it.key(), name); row >= 0)
                found.append(row);
        if (it.value().contains(record.describe())) {
            m_queue->removeRows(found); // the job never listed its files: run it as it was
        } else {
            // Its paused files go too, or they would wait on a job that has ended.
            record.onlyNames = it.value() + m_queue->names(it.key(), {TransferState::Paused,
                                                                      TransferState::Queued});
            record.enumerated = false;
            m_queue->requeue(found);
        }
        Q_EMIT logLine(tr("Retrying: %1").arg(record.describe()));
        enqueue(it.key());
    }
    m_scheduler.fill();
    scheduleSave();
}

void TransferManager::retryAllFailed()
{
    QList<int> rows;
    for (int i = 0; i < m_queue->rowCount(); ++i)
        if (m_queue->row(i).state == TransferState::Failed)
            rows.append(i);
    retryRows(rows);
}

const JobRecord *TransferManager::job(int id) const
{
    const TransferJob *job = m_jobs.value(id);
    return job ? &job->record() : nullptr;
}

bool TransferManager::isRunning(int id) const
{
    const TransferJob *job = m_jobs.value(id);
    return job && job->isRunning();
}

bool TransferManager::isIdle() const
{
    return m_host->isIdle();
}

QString TransferManager::localFolder(int row) const
{
    const QueueRow &entry = m_queue->row(row);
    const JobRecord *record = job(entry.job);
    if (!record)
        return {};
    const QString path = record->localPath + QLatin1Char('/') + entry.name;
    return QFileInfo(path).absolutePath();
}

void TransferManager::onConflict(int id, const transfer::Conflict &conflict, const Answer &answer)
{
    const JobRecord *record = job(id);
    Q_EMIT conflictRaised(id, record ? record->direction : Direction::Upload, conflict, answer);
}

void TransferManager::saveQueue()
{
    m_saveTimer.stop();
    m_saver->saveNow(queueSnapshot());
}

QueueSaver::Snapshot TransferManager::queueSnapshot() const
{
    // One pass over the rows (there may be 100,000): the jobs with something left to resume
    // or retry.
    QSet<int> kept;
    for (const QueueRow &row : m_queue->rows())
        if (TransferQueueModel::tabOf(row.state) != TransferQueueModel::Tab::Completed)
            kept.insert(row.job);
    QueueSaver::Snapshot snapshot;
    snapshot.path = queueFile();
    // In the queue's order: a restart resumes them in it.
    for (int id : m_scheduler.order())
        if (m_jobs.contains(id) && kept.remove(id))
            snapshot.jobs.append(m_jobs.value(id)->record());
    for (const TransferJob *job : std::as_const(m_jobs))
        if (kept.contains(job->id()))
            snapshot.jobs.append(job->record());
    // Finished rows are the history: they stay, with where they went (QueueStore caps them).
    snapshot.rows = m_queue->rows();
    snapshot.places = m_queue->jobPlaces();
    return snapshot;
}

void TransferManager::restoreQueue()
{
    const QueueStore::Contents saved = QueueStore(queueFile()).load();
    if (!saved.problem.isEmpty())
        Q_EMIT logLine(
            saved.keptAside.isEmpty()
                ? tr("The saved queue %1 cannot be read (%2)").arg(queueFile(), saved.problem)
                : tr("The saved queue cannot be read (%1); it is kept as %2")
                      .arg(saved.problem, saved.keptAside));
    QSet<int> restored;
    for (const JobRecord &record : saved.jobs) {
        if (m_jobs.contains(record.id))
            continue;
        makeJob(record);
        if (record.state != JobRecord::State::Finished)
            m_scheduler.add(record.id); // its place in the queue, as saved
        restored.insert(record.id);
        m_nextId = std::max(m_nextId, record.id + 1);
    }
    publishOrder(); // the Queued tab lists the restored jobs in their saved order
    // Unfinished rows come back with their jobs; finished ones are history, with or without.
    QVector<QueueRow> rows;
    for (const QueueRow &row : saved.rows) {
        if (restored.contains(row.job) || TransferQueueModel::isFinal(row.state))
            rows.append(row);
        m_nextId = std::max(m_nextId, row.job + 1); // a new job never takes a history row's id
    }
    m_queue->restore(rows, saved.places);
    // Only when the queue file was read: a damaged one may name journals still wanted.
    if (saved.problem.isEmpty()) {
        QStringList keep;
        for (const TransferJob *job : std::as_const(m_jobs))
            keep.append(QFileInfo(job->record().journalPath).absoluteFilePath());
        const QStringList swept =
            transfer::JobLeftovers::sweep(m_settings.effectiveJournalDirectory(), keep);
        if (!swept.isEmpty())
            Q_EMIT logLine(counted(int(swept.size()),
                                   tr("Removed 1 journal of a transfer no longer queued."),
                                   tr("Removed %1 journals of transfers no longer queued.")));
    }
    if (!saved.jobs.isEmpty())
        Q_EMIT logLine(counted(m_queue->count(TransferQueueModel::Tab::Queued),
                               tr("Restored 1 unfinished file from the last session, paused."),
                               tr("Restored %1 unfinished files from the last session, "
                                  "paused.")));
}

void TransferManager::tick()
{
    // The rows of the running jobs are the figures: what a resumed job had done is in them.
    QSet<int> running;
    bool counting = false;
    for (const TransferJob *job : std::as_const(m_jobs)) {
        if (!job->isRunning())
            continue;
        running.insert(job->id());
        counting = counting || !job->record().enumerated;
    }
    Q_EMIT throughput(m_meter.sample(m_clock.elapsed(), m_queue->bytesMoved(), !running.isEmpty(),
                                     m_queue->figures(running), counting));
}

void TransferManager::scheduleSave()
{
    if (!m_saveTimer.isActive())
        m_saveTimer.start();
}

void TransferManager::stopForQuit()
{
    if (m_quitting)
        return;
    m_quitting = true;
    if (m_host->isIdle()) {
        QMetaObject::invokeMethod(this, &TransferManager::finishQuit, Qt::QueuedConnection);
        return;
    }
    Q_EMIT logLine(tr("Stopping the transfers to quit; they come back paused on the next start"));
    pauseAll();
    m_quitTimer.start();
}

void TransferManager::finishQuit()
{
    if (!m_quitting)
        return; // said already (the engines went after the 10 s)
    m_quitting = false;
    m_quitTimer.stop();
    saveQueue();
    Q_EMIT readyToQuit();
}

} // namespace blobferry::ui
