// SPDX-License-Identifier: MIT
#include "EngineHost.h"

#include "log/RunLog.h"
#include "transfer/TransferEngine.h"

namespace blobferry::host {

using transfer::TransferEngine;

EngineHost::EngineHost(const QString &threadName, const ThreadStarter &startThread, QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(threadName);
    if (startThread)
        startThread(&m_thread);
    else
        m_thread.start();
}

EngineHost::~EngineHost()
{
    for (auto it = m_engines.cbegin(); it != m_engines.cend(); ++it) {
        if (it.value() == Stage::Finished)
            continue; // its deleteLater() runs when the thread ends
        TransferEngine *engine = it.key();
        QMetaObject::invokeMethod(
            engine,
            [engine] {
                engine->cancel();
                delete engine;
            },
            Qt::BlockingQueuedConnection);
    }
    // After the engines (and any deletion already queued): nothing sends through it any more.
    if (net::Requester *shared = m_shared)
        QMetaObject::invokeMethod(
            shared, [shared] { delete shared; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void EngineHost::shareRequester(net::RequesterSettings settings)
{
    if (m_shared)
        return;
    // Made here and moved before any use: its managers start their sockets on first request.
    m_shared = new net::Requester(std::move(settings));
    m_shared->moveToThread(&m_thread);
}

void EngineHost::adjustShared(const net::RequesterSettings &settings)
{
    if (net::Requester *shared = m_shared)
        QMetaObject::invokeMethod(shared, [shared, settings] {
            shared->setProxy(settings.proxy);
            shared->setCap(settings.capBytesPerSecond);
            shared->setConcurrency(settings.concurrency);
        });
}

TransferEngine *EngineHost::add(transfer::TransferSpec spec, transfer::ConflictResolver *resolver)
{
    if (m_log)
        m_log->addSecrets(spec);
    const bool dryRun = spec.dryRun;
    auto *engine = new TransferEngine(std::move(spec), resolver);
    if (m_shared)
        engine->setRequester(m_shared);
    engine->moveToThread(&m_thread);
    m_engines.insert(engine, Stage::Running);
    wireLog(engine, dryRun);
    connect(engine, &TransferEngine::finished, this, [this, engine] { onFinished(engine); });
    // Queued from the engine's thread: it comes after every signal the engine sent before.
    connect(engine, &QObject::destroyed, this, [this, engine] { onDestroyed(engine); });
    return engine;
}

void EngineHost::wireLog(TransferEngine *engine, bool dryRun)
{
    if (!m_log)
        return;
    log::RunLog *runLog = m_log;
    // Outcomes in batches: one wake-up of this thread for many files.
    connect(engine, &TransferEngine::filesFinished, this,
            [this, runLog, engine, dryRun](const QList<transfer::FileOutcome> &outcomes) {
                const bool pausing = m_engines.value(engine) == Stage::Pausing;
                for (const transfer::FileOutcome &outcome : outcomes) {
                    // The log records what happened: a dry run's "would copy" is on the
                    // console only, and a paused file is neither cancelled nor done.
                    if (dryRun && outcome.state == transfer::TransferState::Completed)
                        continue;
                    if (pausing && outcome.state == transfer::TransferState::Cancelled)
                        continue;
                    runLog->logOutcome(outcome);
                }
            });
    connect(engine, &TransferEngine::notice, this,
            [runLog](const QString &text) { runLog->logNotice(text); });
}

void EngineHost::start(TransferEngine *engine)
{
    QMetaObject::invokeMethod(engine, &TransferEngine::start, Qt::QueuedConnection);
}

void EngineHost::cancel(TransferEngine *engine)
{
    if (m_engines.value(engine, Stage::Finished) == Stage::Finished)
        return;
    QMetaObject::invokeMethod(engine, &TransferEngine::cancel, Qt::QueuedConnection);
}

void EngineHost::pause(TransferEngine *engine)
{
    if (m_engines.value(engine, Stage::Finished) == Stage::Finished)
        return;
    m_engines.insert(engine, Stage::Pausing);
    QMetaObject::invokeMethod(engine, &TransferEngine::cancel, Qt::QueuedConnection);
}

void EngineHost::onFinished(TransferEngine *engine)
{
    if (!m_engines.contains(engine))
        return;
    m_engines.insert(engine, Stage::Finished);
    // On its own thread, after the calls already queued to it (a conflict's late answer).
    engine->deleteLater();
}

void EngineHost::onDestroyed(TransferEngine *engine)
{
    // Only the pointer's value: the engine is gone.
    if (m_engines.remove(engine) && m_engines.isEmpty())
        Q_EMIT idle();
}

} // namespace blobferry::host
