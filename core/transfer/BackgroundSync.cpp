// SPDX-License-Identifier: MIT
#include "BackgroundSync.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QPromise>
#include <QThreadPool>
#include <memory>
#include <unistd.h>

namespace blobferry::transfer {

namespace {

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
        syncPool()->start([promise, own] {
            promise->addResult(::fdatasync(own) == 0);
            ::close(own);
            promise->finish();
        });
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
