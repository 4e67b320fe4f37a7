// SPDX-License-Identifier: MIT
#include "TransferManager.h"

#include "Accounts.h"
#include "ConflictDialog.h"
#include "log/Printable.h"
#include "log/RunLog.h"
#include "transfer/TransferEngine.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QSet>

namespace blobferry::ui {

using transfer::ConflictAnswer;
using transfer::TransferEngine;
using transfer::TransferState;

namespace {

constexpr int kSaveDelayMs = 1000;
constexpr int kTickMs = 500;
constexpr int kShutdownWaitMs = 10000;

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

QString JobRecord::describe() const
{
    const QString blob = container + QLatin1Char('/') + blobPath;
    return direction == Direction::Upload ? localPath + QStringLiteral(" → ") + blob
                                          : blob + QStringLiteral(" → ") + localPath;
}

// The engine asks from its own thread; the question hops to the manager's.
class TransferManager::JobResolver final : public transfer::ConflictResolver
{
public:
    JobResolver(TransferManager *manager, int job)
        : m_manager(manager)
        , m_job(job)
    {}
    void resolve(const transfer::Conflict &conflict,
                 std::function<void(ConflictAnswer)> answer) override
    {
        QMetaObject::invokeMethod(
            m_manager, [manager = m_manager, job = m_job, conflict, answer = std::move(answer)] {
                manager->onConflict(job, conflict, answer);
            });
    }

private:
    TransferManager *m_manager;
    int m_job;
};

TransferManager::TransferManager(AccountStore *accounts, TransferQueueModel *queue,
                                 QWidget *dialogParent, QObject *parent)
    : QObject(parent)
    , m_accounts(accounts)
    , m_queue(queue)
    , m_dialogParent(dialogParent)
    , m_settings(Settings::load())
{
    m_thread.setObjectName(QStringLiteral("transfers"));
    m_thread.start();
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(kSaveDelayMs);
    connect(&m_saveTimer, &QTimer::timeout, this, &TransferManager::saveQueue);
    m_tickTimer.setInterval(kTickMs);
    connect(&m_tickTimer, &QTimer::timeout, this, &TransferManager::tick);
    m_tickTimer.start();
    m_clock.start();
    m_log = std::make_unique<log::RunLog>();
    log::LogPolicy policy;
    policy.directory = m_settings.effectiveLogDirectory();
    QString logError;
    if (!m_log->open(policy, QStringLiteral("blobferry"), &logError))
        QMetaObject::invokeMethod(
            this, [this, logError] { Q_EMIT logLine(tr("No log file: %1").arg(logError)); },
            Qt::QueuedConnection);
    // One event, one line of the file: a line break in a name is shown, not followed.
    connect(this, &TransferManager::logLine, this, [this](const QString &line) {
        m_log->write(log::LogLevel::Info, log::printable(line));
    });
    connect(m_queue, &TransferQueueModel::fileEnded, this, [this](const QueueRow &row) {
        switch (row.state) {
        case TransferState::Completed:
            Q_EMIT outcomeLine(tr("Finished Transfer: %1").arg(row.name));
            break;
        case TransferState::Skipped:
            Q_EMIT outcomeLine(tr("Skipped: %1 (%2)").arg(row.name, row.status));
            break;
        case TransferState::Failed:
            Q_EMIT outcomeLine(tr("Failed: %1: %2").arg(row.name, row.status));
            break;
        default:
            break;
        }
        scheduleSave();
    });
}

TransferManager::~TransferManager()
{
    shutdown();
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

int TransferManager::addJob(JobRecord record)
{
    record.id = m_nextId++;
    record.journalPath =
        m_settings.effectiveJournalDirectory() + QStringLiteral("/job-%1.journal").arg(record.id);
    record.state = JobRecord::State::Running;
    m_jobs.insert(record.id, record);
    Q_EMIT logLine(tr("Queued: %1").arg(record.describe()));
    startJob(record.id);
    scheduleSave();
    return record.id;
}

void TransferManager::startJob(int id)
{
    JobRecord &record = m_jobs[id];
    QString error;
    const auto connection = m_accounts->connection(record.accountId, &error);
    const auto location =
        connection ? connection->location(record.container, record.blobPath, &error) : std::nullopt;
    if (!location) {
        record.state = JobRecord::State::Finished;
        transfer::TransferSummary summary;
        summary.fatalError = error;
        onEngineFinished(id, summary);
        return;
    }
    transfer::TransferSpec spec;
    m_settings.applyTo(spec, m_proxyPassword);
    transfer::Endpoint blobSide;
    blobSide.blob = *location;
    blobSide.credential = connection->credential;
    transfer::Endpoint localSide;
    localSide.localPath = record.localPath;
    spec.source = record.direction == Direction::Upload ? localSide : blobSide;
    spec.destination = record.direction == Direction::Upload ? blobSide : localSide;
    spec.recursive = record.recursive;
    spec.onlyNames = record.onlyNames;
    spec.restartable = true;
    spec.journalPath = record.journalPath;
    QDir().mkpath(QFileInfo(record.journalPath).absolutePath());

    m_log->addSecrets(spec);
    auto resolver = std::make_shared<JobResolver>(this, id);
    m_resolvers.insert(id, resolver);
    auto *engine = new TransferEngine(spec, resolver.get());
    engine->moveToThread(&m_thread);
    m_engines.insert(id, engine);
    record.state = JobRecord::State::Running;
    m_queue->unpauseJob(id);

    const Direction direction = record.direction;
    connect(engine, &TransferEngine::filesQueued, this,
            [this, id, direction](const QList<transfer::QueuedFile> &files) {
                m_queue->addFiles(id, direction, files);
                scheduleSave();
            });
    connect(engine, &TransferEngine::fileStarted, this,
            [this, id](const QString &name) { m_queue->setStarted(id, name); });
    connect(engine, &TransferEngine::fileProgress, this,
            [this, id](const QList<transfer::FileProgress> &files) {
                m_queue->setProgress(id, files);
            });
    connect(engine, &TransferEngine::fileFinished, this,
            [this, id](const transfer::FileOutcome &outcome) {
                if (outcome.state != TransferState::Cancelled || !m_pausing.contains(id))
                    m_log->logOutcome(outcome);
                // A pause cancels the engine: its files are paused, not cancelled.
                if (outcome.state == TransferState::Cancelled && m_pausing.contains(id))
                    return;
                if (outcome.state == TransferState::Cancelled) {
                    const int row = m_queue->find(id, outcome.name);
                    if (row >= 0)
                        m_queue->removeRows({row});
                    return;
                }
                m_queue->setOutcome(id, outcome);
            });
    connect(engine, &TransferEngine::progress, this,
            [this, id](const transfer::ProgressSnapshot &snapshot) {
                const transfer::ProgressSnapshot previous = m_snapshots.value(id);
                m_bytesMoved += std::max<qint64>(0, snapshot.bytesDone - previous.bytesDone);
                m_snapshots.insert(id, snapshot);
                if (snapshot.enumerationDone && m_jobs.contains(id))
                    m_jobs[id].enumerated = true;
            });
    connect(engine, &TransferEngine::notice, this,
            [this](const QString &text) { Q_EMIT logLine(text); }); // to the log file too
    connect(
        engine, &TransferEngine::finished, this,
        [this, id](const transfer::TransferSummary &summary) { onEngineFinished(id, summary); });
    QMetaObject::invokeMethod(engine, &TransferEngine::start, Qt::QueuedConnection);
}

void TransferManager::onEngineFinished(int id, const transfer::TransferSummary &summary)
{
    if (TransferEngine *engine = m_engines.take(id))
        engine->deleteLater(); // in the engine thread, after its last queued call
    m_resolvers.remove(id);
    m_snapshots.remove(id);
    if (!m_jobs.contains(id))
        return;
    JobRecord &record = m_jobs[id];
    const bool paused = m_pausing.remove(id);
    if (paused) {
        record.state = JobRecord::State::Paused;
        m_queue->pauseJob(id);
        Q_EMIT logLine(tr("Paused: %1").arg(record.describe()));
    } else {
        record.state = JobRecord::State::Finished;
        if (!summary.fatalError.isEmpty()) {
            Q_EMIT logLine(tr("Failed: %1: %2").arg(record.describe(), summary.fatalError));
            // A job that could not even list its files still shows in Failed, with why.
            if (m_queue
                    ->names(id, {TransferState::Queued, TransferState::Active,
                                 TransferState::Paused, TransferState::Completed,
                                 TransferState::Skipped, TransferState::Failed})
                    .isEmpty())
                m_queue->addFiles(id, record.direction, {{record.describe(), 0}});
            m_queue->failUnfinished(id, summary.fatalError);
        } else {
            // Named files the engine never found: gone from the source since they were queued.
            m_queue->failUnfinished(id, tr("no longer found at the source"));
            Q_EMIT logLine(tr("Done: %1: %2 copied, %3 skipped, %4 failed")
                               .arg(record.describe())
                               .arg(summary.succeeded)
                               .arg(summary.skipped)
                               .arg(summary.failed));
        }
    }
    // Conflicts still waiting for this job have nobody to answer now.
    m_conflicts.erase(std::remove_if(m_conflicts.begin(), m_conflicts.end(),
                                     [id](const PendingConflict &c) { return c.job == id; }),
                      m_conflicts.end());
    scheduleSave();
    Q_EMIT jobEnded(id);
}

void TransferManager::stopJob(int id, bool pause)
{
    TransferEngine *engine = m_engines.value(id);
    if (!engine)
        return;
    if (pause)
        m_pausing.insert(id);
    QMetaObject::invokeMethod(engine, &TransferEngine::cancel, Qt::QueuedConnection);
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

void TransferManager::pauseRows(const QList<int> &rows)
{
    for (int job : jobsOf(rows))
        stopJob(job, true);
}

void TransferManager::resumeRows(const QList<int> &rows)
{
    for (int job : jobsOf(rows)) {
        if (m_engines.contains(job) || !m_jobs.contains(job) ||
            m_jobs.value(job).state != JobRecord::State::Paused)
            continue;
        JobRecord &record = m_jobs[job];
        // Once every file was listed, only the unfinished ones come back (cancelled files
        // stay gone); otherwise the whole job is listed again and the journal skips the rest.
        if (record.enumerated)
            record.onlyNames = m_queue->names(
                job, {TransferState::Paused, TransferState::Queued, TransferState::Active});
        startJob(job);
    }
    scheduleSave();
}

void TransferManager::pauseAll()
{
    const auto running = m_engines.keys();
    for (int job : running)
        stopJob(job, true);
}

void TransferManager::resumeAll()
{
    QList<int> rows;
    for (int i = 0; i < m_queue->rowCount(); ++i)
        if (m_queue->row(i).state == TransferState::Paused)
            rows.append(i);
    resumeRows(rows);
}

void TransferManager::cancelRows(const QList<int> &rows)
{
    QList<int> removeNow;
    for (int row : rows) {
        const QueueRow &entry = m_queue->row(row);
        if (TransferEngine *engine = m_engines.value(entry.job)) {
            const QString name = entry.name;
            QMetaObject::invokeMethod(engine, [engine, name] { engine->cancelFile(name); });
        } else if (TransferQueueModel::tabOf(entry.state) != TransferQueueModel::Tab::Completed) {
            removeNow.append(row);
        }
    }
    m_queue->removeRows(removeNow);
    scheduleSave();
}

void TransferManager::retryRows(const QList<int> &rows)
{
    // Failed files of each finished job go to one new job that copies just them.
    QHash<int, QList<int>> byJob;
    for (int row : rows) {
        const QueueRow &entry = m_queue->row(row);
        if (entry.state == TransferState::Failed && !m_engines.contains(entry.job))
            byJob[entry.job].append(row);
    }
    for (auto it = byJob.cbegin(); it != byJob.cend(); ++it) {
        const JobRecord *original = job(it.key());
        if (!original)
            continue;
        JobRecord retry = *original;
        QStringList names;
        bool wholeJob = false;
        for (int row : it.value()) {
            const QString &name = m_queue->row(row).name;
            wholeJob = wholeJob || name == original->describe();
            names.append(name);
        }
        QList<int> moved = it.value();
        if (wholeJob) { // the job never listed its files: run it again as it was
            m_queue->removeRows(moved);
            moved.clear();
        } else {
            retry.onlyNames = names;
        }
        retry.id = m_nextId++;
        retry.journalPath = m_settings.effectiveJournalDirectory() +
                            QStringLiteral("/job-%1.journal").arg(retry.id);
        retry.enumerated = false;
        m_jobs.insert(retry.id, retry);
        if (!moved.isEmpty())
            m_queue->moveToJob(moved, retry.id);
        Q_EMIT logLine(tr("Retrying: %1").arg(retry.describe()));
        startJob(retry.id);
    }
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
    const auto it = m_jobs.constFind(id);
    return it == m_jobs.cend() ? nullptr : &*it;
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

void TransferManager::onConflict(int job, const transfer::Conflict &conflict,
                                 std::function<void(ConflictAnswer)> answer)
{
    if (m_conflictHook) {
        if (const auto choice = m_conflictHook(conflict)) {
            deliver(job, answer, *choice);
            return;
        }
    }
    m_conflicts.enqueue({job, conflict, std::move(answer)});
    askNextConflict();
}

void TransferManager::askNextConflict()
{
    if (m_asking || m_conflicts.isEmpty())
        return;
    const PendingConflict next = m_conflicts.dequeue();
    const JobRecord *record = job(next.job);
    m_asking = true;
    auto *dialog = new ConflictDialog(
        next.conflict, record && record->direction == Direction::Upload, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConflictDialog::answered, this, [this, next](ConflictAnswer choice) {
        m_asking = false;
        deliver(next.job, next.answer, choice);
        QMetaObject::invokeMethod(this, &TransferManager::askNextConflict, Qt::QueuedConnection);
    });
    dialog->open();
    Q_EMIT conflictDialogOpened(dialog);
}

void TransferManager::deliver(int job, const std::function<void(ConflictAnswer)> &answer,
                              ConflictAnswer choice)
{
    // Only to a live engine: one that stopped took its question with it.
    TransferEngine *engine = m_engines.value(job);
    if (!engine)
        return;
    QMetaObject::invokeMethod(engine, [answer, choice] { answer(choice); });
}

void TransferManager::tick()
{
    const qint64 now = m_clock.elapsed();
    if (now > m_lastTickMs) {
        const double instant =
            double(m_bytesMoved - m_lastTickBytes) * 1000.0 / double(now - m_lastTickMs);
        m_speed = 0.6 * m_speed + 0.4 * instant;
    }
    m_lastTickBytes = m_bytesMoved;
    m_lastTickMs = now;
    qint64 done = 0;
    qint64 total = 0;
    for (const transfer::ProgressSnapshot &snapshot : std::as_const(m_snapshots)) {
        done += snapshot.bytesDone;
        total += snapshot.bytesKnown;
    }
    Q_EMIT throughput(m_speed, done, total);
}

void TransferManager::scheduleSave()
{
    if (!m_saveTimer.isActive())
        m_saveTimer.start();
}

void TransferManager::shutdown()
{
    if (!m_thread.isRunning())
        return;
    const auto running = m_engines.keys();
    for (int job : running)
        stopJob(job, true);
    if (!m_engines.isEmpty()) {
        QEventLoop loop;
        QTimer guard;
        guard.setSingleShot(true);
        connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
        QTimer poll;
        connect(&poll, &QTimer::timeout, &loop, [this, &loop] {
            if (m_engines.isEmpty())
                loop.quit();
        });
        poll.start(20);
        guard.start(kShutdownWaitMs);
        loop.exec();
    }
    m_saveTimer.stop();
    saveQueue();
    m_thread.quit();
    m_thread.wait();
    // Engines that did not stop in time are deleted with their thread's objects gone.
    qDeleteAll(m_engines);
    m_engines.clear();
}

} // namespace blobferry::ui
