// SPDX-License-Identifier: MIT
#include "SequentialHasher.h"

#include "ContentHash.h"

#include <QMetaObject>
#include <QMutex>
#include <QPointer>
#include <QQueue>
#include <QThreadPool>

namespace blobferry::transfer {

struct SequentialHasher::State
{
    QMutex mutex;
    QString path;
    QQueue<std::tuple<int, qint64, qint64>> queue;
    Md5 whole;
    bool segmentDigests = true;
    bool running = false;
    SequentialHasher *owner = nullptr; // null once the owner is gone
};

SequentialHasher::SequentialHasher(const QString &path, QObject *parent)
    : SequentialHasher(path, Digests::SegmentsAndWhole, parent)
{}

SequentialHasher::SequentialHasher(const QString &path, Digests digests, QObject *parent)
    : QObject(parent)
    , m_state(std::make_shared<State>())
{
    m_state->path = path;
    m_state->segmentDigests = digests == Digests::SegmentsAndWhole;
    m_state->owner = this;
}

SequentialHasher::~SequentialHasher()
{
    // After this, the worker posts nothing more to us (it checks under the same lock).
    QMutexLocker lock(&m_state->mutex);
    m_state->owner = nullptr;
    m_state->queue.clear();
}

void SequentialHasher::add(int id, qint64 offset, qint64 length)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->queue.enqueue({id, offset, length});
    if (!m_state->running) {
        m_state->running = true;
        lock.unlock();
        startWorker();
    }
}

void SequentialHasher::setPath(const QString &path)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->path = path;
}

QByteArray SequentialHasher::result() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->whole.result();
}

void SequentialHasher::startWorker()
{
    std::shared_ptr<State> state = m_state;
    QThreadPool::globalInstance()->start([state] {
        for (;;) {
            std::tuple<int, qint64, qint64> segment;
            QString path;
            {
                QMutexLocker lock(&state->mutex);
                if (state->queue.isEmpty() || !state->owner) {
                    state->running = false;
                    return;
                }
                segment = state->queue.dequeue();
                path = state->path;
            }
            const auto [id, offset, length] = segment;
            QString error;
            // Only this worker touches `whole` while running is set.
            QByteArray md5;
            bool ok = false;
            if (state->segmentDigests) {
                Md5 own;
                ok = hashRange(path, offset, length, &own, &state->whole, &error);
                md5 = own.result();
            } else {
                ok = hashRange(path, offset, length, &state->whole, nullptr, &error);
            }
            QMutexLocker lock(&state->mutex);
            if (!state->owner)
                continue; // the loop ends at the top
            SequentialHasher *owner = state->owner;
            if (!ok) {
                QMetaObject::invokeMethod(
                    owner, [owner, error] { Q_EMIT owner->failed(error); }, Qt::QueuedConnection);
                state->queue.clear();
                continue;
            }
            const QByteArray encoded = state->segmentDigests ? md5.toBase64() : QByteArray();
            QMetaObject::invokeMethod(
                owner, [owner, id = id, encoded] { Q_EMIT owner->segmentHashed(id, encoded); },
                Qt::QueuedConnection);
        }
    });
}

} // namespace blobferry::transfer
