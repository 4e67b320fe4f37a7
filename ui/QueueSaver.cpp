// SPDX-License-Identifier: MIT
#include "QueueSaver.h"

#include <QPromise>
#include <memory>

namespace blobferry::ui {

namespace {

// The error of one save, empty when it was written.
QString write(const QueueSaver::Snapshot &snapshot)
{
    const QueueStore store(snapshot.path);
    QString error;
    if (store.save(snapshot.jobs, snapshot.rows, &error, snapshot.places))
        return {};
    return error.isEmpty() ? QStringLiteral("unknown error") : error;
}

} // namespace

QueueSaver::QueueSaver(QObject *parent)
    : QObject(parent)
{
    // A thread of its own: the global pool is where the downloads' MD5s run.
    m_thread.setMaxThreadCount(1);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] {
        m_running = false;
        if (const QString error = m_watcher.result(); !error.isEmpty())
            Q_EMIT failed(m_runningPath, error);
        startNext();
    });
}

QueueSaver::~QueueSaver()
{
    m_watcher.waitForFinished();
}

void QueueSaver::saveLater(Snapshot snapshot)
{
    m_waiting = std::move(snapshot);
    if (!m_running) // until its finished() is handled, not only until the save ends
        startNext();
}

void QueueSaver::saveNow(const Snapshot &snapshot)
{
    m_waiting.reset();
    m_watcher.waitForFinished(); // its finished() still comes, and finds nothing waiting
    if (const QString error = write(snapshot); !error.isEmpty())
        Q_EMIT failed(snapshot.path, error);
}

void QueueSaver::startNext()
{
    if (!m_waiting)
        return;
    Snapshot snapshot = std::move(*m_waiting);
    m_waiting.reset();
    m_runningPath = snapshot.path;
    m_running = true;
    auto promise = std::make_shared<QPromise<QString>>();
    m_watcher.setFuture(promise->future());
    promise->start();
    m_thread.start([promise, snapshot = std::move(snapshot)] {
        promise->addResult(write(snapshot));
        promise->finish();
    });
}

} // namespace blobferry::ui
