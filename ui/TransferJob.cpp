// SPDX-License-Identifier: MIT
#include "TransferJob.h"

#include "host/EngineHost.h"
#include "transfer/TransferEngine.h"

#include <QPointer>

namespace blobferry::ui {

using transfer::ConflictAnswer;
using transfer::TransferEngine;
using transfer::TransferState;

// The engine asks from its own thread; the question hops to the job's.
class TransferJob::Resolver final : public transfer::ConflictResolver
{
public:
    explicit Resolver(TransferJob *job)
        : m_job(job)
    {}
    void resolve(const transfer::Conflict &conflict,
                 std::function<void(ConflictAnswer)> answer) override
    {
        QMetaObject::invokeMethod(m_job, [job = m_job, conflict, answer = std::move(answer)] {
            job->onConflict(conflict, answer);
        });
    }

private:
    TransferJob *m_job;
};

TransferJob::TransferJob(JobRecord record, host::EngineHost *host, QObject *parent)
    : QObject(parent)
    , m_record(std::move(record))
    , m_host(host)
    , m_resolver(std::make_unique<Resolver>(this))
{}

TransferJob::~TransferJob() = default;

void TransferJob::start(const transfer::TransferSpec &spec)
{
    m_record.state = JobRecord::State::Running;
    m_pausing = false;
    ++m_run;
    m_engine = m_host->add(spec, m_resolver.get());
    connect(m_engine, &TransferEngine::filesQueued, this, &TransferJob::filesQueued);
    connect(m_engine, &TransferEngine::fileStarted, this, &TransferJob::fileStarted);
    connect(m_engine, &TransferEngine::fileProgress, this, &TransferJob::fileProgress);
    connect(m_engine, &TransferEngine::fileFinished, this,
            [this](const transfer::FileOutcome &outcome) {
                // A pause cancels the engine: its files are paused, not cancelled.
                if (outcome.state == TransferState::Cancelled && m_pausing)
                    return;
                m_record.heldNames.removeAll(outcome.name);
                Q_EMIT fileEnded(outcome);
            });
    connect(m_engine, &TransferEngine::filePaused, this, [this](const QString &name) {
        if (!m_record.heldNames.contains(name))
            m_record.heldNames.append(name);
        Q_EMIT filePaused(name);
    });
    connect(m_engine, &TransferEngine::progress, this,
            [this](const transfer::ProgressSnapshot &snapshot) {
                if (snapshot.enumerationDone)
                    m_record.enumerated = true;
                Q_EMIT progressed(snapshot);
            });
    connect(m_engine, &TransferEngine::notice, this, &TransferJob::notice);
    connect(m_engine, &TransferEngine::finished, this, &TransferJob::onFinished);
    m_host->start(m_engine);
}

void TransferJob::fail(const QString &error)
{
    m_record.state = JobRecord::State::Finished;
    transfer::TransferSummary summary;
    summary.fatalError = error;
    Q_EMIT ended(summary);
}

void TransferJob::pause()
{
    if (!m_engine)
        return;
    m_pausing = true;
    m_host->pause(m_engine);
}

void TransferJob::cancelFile(const QString &name)
{
    if (TransferEngine *engine = m_engine)
        QMetaObject::invokeMethod(engine, [engine, name] { engine->cancelFile(name); });
}

void TransferJob::pauseFile(const QString &name)
{
    if (TransferEngine *engine = m_engine)
        QMetaObject::invokeMethod(engine, [engine, name] { engine->pauseFile(name); });
}

void TransferJob::resumeFile(const QString &name)
{
    m_record.heldNames.removeAll(name);
    if (TransferEngine *engine = m_engine)
        QMetaObject::invokeMethod(engine, [engine, name] { engine->resumeFile(name); });
}

void TransferJob::onConflict(const transfer::Conflict &conflict, const Answer &engineAnswer)
{
    // Only to the engine that asked, while it runs: one that stopped took its question with it.
    const auto toEngine = [job = QPointer<TransferJob>(this), run = m_run,
                           engineAnswer](ConflictAnswer choice) {
        if (!job || !job->m_engine || job->m_run != run)
            return;
        QMetaObject::invokeMethod(job->m_engine, [engineAnswer, choice] { engineAnswer(choice); });
    };
    // Answered before (this engine's predecessor asked, before a pause or a quit): not again.
    if (const auto given = m_record.answers.recall(conflict)) {
        toEngine(*given);
        return;
    }
    // The answer is the job's even when the engine that asked has stopped meanwhile.
    const Answer answer = [job = QPointer<TransferJob>(this), conflict,
                           toEngine](ConflictAnswer choice) {
        if (job) {
            job->m_record.answers.remember(conflict, choice);
            Q_EMIT job->answersChanged();
        }
        toEngine(choice);
    };
    Q_EMIT conflictRaised(conflict, answer);
}

void TransferJob::onFinished(const transfer::TransferSummary &summary)
{
    m_engine = nullptr; // the host deletes it on its thread
    // Files paused one by one keep the job for their resume.
    const bool held = summary.paused > 0 && summary.fatalError.isEmpty();
    m_record.state = m_pausing || held ? JobRecord::State::Paused : JobRecord::State::Finished;
    m_pausing = false;
    Q_EMIT ended(summary);
}

} // namespace blobferry::ui
