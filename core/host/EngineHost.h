// SPDX-License-Identifier: MIT
#pragma once

#include "net/Requester.h"
#include "transfer/TransferSpec.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QThread>
#include <functional>

namespace blobferry::log {
class RunLog;
}
namespace blobferry::transfer {
class ConflictResolver;
class TransferEngine;
} // namespace blobferry::transfer

namespace blobferry::host {

// Where a front end's engines run: one thread of their own, so the front end's thread stays
// free (for the window, or the console's prompt). The host makes each engine on that thread,
// starts and stops it there, deletes it there once it finished, and writes what it does to
// the run log: every file's outcome and every notice, one line each, with the job's secrets
// registered first. The command line runs one engine on it, the window one per job; the
// window's engines share one requester (shareRequester): one concurrency budget and one cap.
//
// An engine's life here:
// clang-format off
//   add() ─► start() ─► running ──────────────► finished ─► deleted on its thread ─► idle()
//   (the front end      │                          ▲         (when it was the last one)
//    connects here)     └── cancel() / pause() ────┘ (the files in flight end Cancelled)
// clang-format on
class EngineHost final : public QObject
{
    Q_OBJECT
public:
    // How the thread is started (the command line blocks signals in it); empty: start().
    using ThreadStarter = std::function<void(QThread *)>;

    explicit EngineHost(const QString &threadName, const ThreadStarter &startThread = {},
                        QObject *parent = nullptr);
    // Engines still running are cancelled and deleted on their thread (their journals stay),
    // then the thread ends: nothing waits in an event loop.
    ~EngineHost() override;

    // Outcomes, notices and secrets of the engines added from now on go to log (nullptr: to
    // none). The log must outlive the host.
    void setRunLog(log::RunLog *log) { m_log = log; }

    // Every engine added from now on sends through one requester made here, on the host's
    // thread: they share its concurrency, its bandwidth cap and its connections.
    void shareRequester(net::RequesterSettings settings);
    // Changes the shared requester's concurrency, cap and proxy to settings', for the requests
    // already running too (queued to its thread). Nothing without a shared requester.
    void adjustShared(const net::RequesterSettings &settings);

    // A new engine for spec on the host's thread, not started yet: connect to it, then
    // start(). The resolver is used from that thread and must outlive the engine.
    transfer::TransferEngine *add(transfer::TransferSpec spec,
                                  transfer::ConflictResolver *resolver);
    void start(transfer::TransferEngine *engine);
    // Stops an engine: the files in flight end Cancelled, the journal keeps what arrived,
    // and finished follows.
    void cancel(transfer::TransferEngine *engine);
    // The same, for a pause: its files come back on resume, so their Cancelled outcomes are
    // not written to the run log.
    void pause(transfer::TransferEngine *engine);

    // No engine is running or waiting to be deleted.
    bool isIdle() const { return m_engines.isEmpty(); }
    int count() const { return int(m_engines.size()); }

Q_SIGNALS:
    // The last engine is gone (deleted on its thread, after every front end heard its end).
    void idle();

private:
    enum class Stage
    {
        Running,
        Pausing,
        Finished, // deleteLater() sent to its thread
    };
    void wireLog(transfer::TransferEngine *engine, bool dryRun);
    void onFinished(transfer::TransferEngine *engine);
    void onDestroyed(transfer::TransferEngine *engine);

    QThread m_thread;
    log::RunLog *m_log = nullptr;
    net::Requester *m_shared = nullptr; // lives on m_thread; deleted there after the engines
    QHash<transfer::TransferEngine *, Stage> m_engines;
};

} // namespace blobferry::host
