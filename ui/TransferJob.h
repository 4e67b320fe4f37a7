// SPDX-License-Identifier: MIT
#pragma once

#include "JobRecord.h"
#include "transfer/ConflictResolver.h"
#include "transfer/TransferEvents.h"
#include "transfer/TransferSpec.h"

#include <QObject>
#include <functional>
#include <memory>

namespace blobferry::host {
class EngineHost;
}
namespace blobferry::transfer {
class TransferEngine;
}

namespace blobferry::ui {

// One job of the desktop queue: its record (what the queue file keeps), its engine on the
// host's thread while it runs, and the resolver through which that engine asks about
// conflicts. It tells what its engine does in its own signals, with a paused engine's
// cancelled files left out (they are paused, not cancelled).
//
// clang-format off
//   new ─── start() ───► Running ─── its engine ends ───► Finished
//    │                    │   ▲                              ▲
//    │            pause() │   │ start() (resume, on the      │
//    │          then ends ▼   │ same journal)                │
//    │                   Paused ◄── restored from the queue  │
//    │        (also when it ends with files paused one by one) │
//    └── fail() (it cannot start) ───────────────────────────┘
// clang-format on
class TransferJob final : public QObject
{
    Q_OBJECT
public:
    using Answer = std::function<void(transfer::ConflictAnswer)>;

    TransferJob(JobRecord record, host::EngineHost *host, QObject *parent = nullptr);
    ~TransferJob() override;

    int id() const { return m_record.id; }
    const JobRecord &record() const { return m_record; }
    JobRecord &record() { return m_record; }
    JobRecord::State state() const { return m_record.state; }
    bool isRunning() const { return m_engine != nullptr; }

    // Runs spec on a new engine (the journal continues what an earlier one did).
    void start(const transfer::TransferSpec &spec);
    // It could not start: Finished, and ended() with the error.
    void fail(const QString &error);
    // Stops the engine; the journal stays, and the job ends Paused.
    void pause();
    void cancelFile(const QString &name);
    // One file of the running engine stops (filePaused), or goes again; the record's
    // heldNames follow, so a later engine of the job holds the same files.
    void pauseFile(const QString &name);
    void resumeFile(const QString &name);

Q_SIGNALS:
    void filesQueued(const QList<blobferry::transfer::QueuedFile> &files);
    void fileStarted(const QString &name);
    void fileProgress(const QList<blobferry::transfer::FileProgress> &files);
    void fileEnded(const blobferry::transfer::FileOutcome &outcome);
    void filePaused(const QString &name);
    void progressed(const blobferry::transfer::ProgressSnapshot &snapshot);
    void notice(const QString &text);
    // The engine asks; answer() hands the choice to it, if it still runs by then. A question
    // the job's record has an answer to (given to an earlier engine) is answered unasked.
    void conflictRaised(const blobferry::transfer::Conflict &conflict,
                        const blobferry::ui::TransferJob::Answer &answer);
    // The user answered a conflict: the record's answers changed (the queue file keeps them).
    void answersChanged();
    // The engine ended: state() is Paused or Finished.
    void ended(const blobferry::transfer::TransferSummary &summary);

private:
    class Resolver;

    void onConflict(const transfer::Conflict &conflict, const Answer &engineAnswer);
    void onFinished(const transfer::TransferSummary &summary);

    JobRecord m_record;
    host::EngineHost *m_host;
    std::unique_ptr<Resolver> m_resolver; // outlives every engine of the job
    transfer::TransferEngine *m_engine = nullptr;
    int m_run = 0; // engines started so far: an answer goes to the engine that asked
    bool m_pausing = false;
};

} // namespace blobferry::ui
