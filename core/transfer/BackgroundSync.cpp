// SPDX-License-Identifier: MIT
#include "BackgroundSync.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QMutex>
#include <QPromise>
#include <QThreadPool>
#include <map>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace blobferry::transfer {

namespace {

struct Request
{
    int fd; // a dup, closed once synced
    std::shared_ptr<QPromise<bool>> promise;
};

// The syncs asked for and not yet taken by the worker, and whether one is at work.
struct Pending
{
    QMutex mutex;
    std::vector<Request> requests;
    bool draining = false;
};

Pending &pending()
{
    static Pending shared;
    return shared;
}

// One thread: the syncs (and so their `done` calls) keep their order, and none takes a thread
// of the global pool, where the MD5s run.
QThreadPool *syncPool()
{
    static QThreadPool *const pool = [] {
        auto *created = new QThreadPool;
        created->setMaxThreadCount(1);
        return created;
    }();
    return pool;
}

// Makes the batch durable. One file: fdatasync. Several (small files finish many a second):
// one syncfs(2) per filesystem they are on, since each fdatasync is a journal commit and a
// disk flush of its own, which made a 2,000-file download with a journal wait on 2,000
// flushes one after another. syncfs writes the same bytes and reports their write errors
// (Linux 5.8 on); where it fails, each file gets its own fdatasync.
void syncBatch(const std::vector<Request> &batch)
{
    if (batch.size() == 1) {
        batch.front().promise->addResult(::fdatasync(batch.front().fd) == 0);
        return;
    }
    std::map<dev_t, int> deviceResult; // device → the syncfs outcome (1 synced, 0 failed)
    for (const Request &request : batch) {
        struct stat info = {};
        bool synced = false;
        if (::fstat(request.fd, &info) == 0) {
            auto [at, fresh] = deviceResult.try_emplace(info.st_dev, 0);
            if (fresh)
                at->second = ::syncfs(request.fd) == 0 ? 1 : 0;
            synced = at->second == 1;
        }
        if (!synced)
            synced = ::fdatasync(request.fd) == 0;
        request.promise->addResult(synced);
    }
}

// The worker: takes everything asked for so far as one batch, until nothing is left.
void drain()
{
    Pending &queue = pending();
    for (;;) {
        std::vector<Request> batch;
        {
            QMutexLocker lock(&queue.mutex);
            if (queue.requests.empty()) {
                queue.draining = false;
                return;
            }
            batch.swap(queue.requests);
        }
        syncBatch(batch);
        for (const Request &request : batch) {
            ::close(request.fd);
            request.promise->finish();
        }
    }
}

} // namespace

void BackgroundSync::sync(int fd, QObject *context, std::function<void(bool synced)> done)
{
    auto promise = std::make_shared<QPromise<bool>>();
    QFuture<bool> future = promise->future();
    promise->start();
    const int own = ::dup(fd);
    if (own < 0) { // no descriptor to spare: sync here, and still answer from the loop
        promise->addResult(::fdatasync(fd) == 0);
        promise->finish();
    } else {
        Pending &queue = pending();
        QMutexLocker lock(&queue.mutex);
        queue.requests.push_back({own, promise});
        if (!queue.draining) {
            queue.draining = true;
            syncPool()->start(drain);
        }
    }
    // The watcher is the context's child: its finished() comes through the context's event
    // loop, and never once the context is gone.
    auto *watcher = new QFutureWatcher<bool>(context);
    QObject::connect(
        watcher, &QFutureWatcherBase::finished, context, [watcher, done = std::move(done)] {
            const bool synced = watcher->future().resultCount() > 0 && watcher->result();
            watcher->deleteLater();
            done(synced);
        });
    watcher->setFuture(future);
}

} // namespace blobferry::transfer
