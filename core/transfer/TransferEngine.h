// SPDX-License-Identifier: MIT
#pragma once

#include "ConflictResolver.h"
#include "JobResources.h"
#include "PatternTally.h"
#include "SourceItem.h"
#include "TransferEvents.h"
#include "TransferSpec.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QQueue>
#include <QSet>
#include <memory>
#include <optional>

class QTimer;

namespace blobferry::net {
class Requester;
}

namespace blobferry::transfer {

class ArchiveStage;
class ConflictQueue;
class DeletionConfirmer;
class Enumerator;
class FileTransfer;
class JobPreflight;
class JobReport;
class MirrorStage;
class SourceRemover;
class TransferFactory;

// Runs one TransferSpec: schedules its files. JobPreflight prepares the job (TLS, requester,
// journal, container); a TransferFactory of the job's direction turns the enumerated items
// into FileTransfers; the engine feeds the requester's free slots from them; ConflictQueue
// asks about existing destinations; JobReport tells the front end; ArchiveStage and
// MirrorStage run at the ends. Lives in a thread of its own (the front end moves it there and
// calls start() through the event loop); reports through queued signals.
//
//   start ─► Preparing (JobPreflight) ─► Running (enumerate ∥ transfer) ─► [Mirror] ─► finished
//              └─ fatal error or cancel ──────────────────────────────────────────────► finished
class TransferEngine final : public QObject
{
    Q_OBJECT
public:
    // The resolver is used from the engine's thread and must outlive the engine.
    TransferEngine(TransferSpec spec, ConflictResolver *resolver, QObject *parent = nullptr);
    ~TransferEngine() override;

    // Every request of the job goes through `requester` (its concurrency, TLS, proxy and
    // bandwidth cap; those of the spec are then not used), shared with other engines of the
    // same thread. Call before start(); it must outlive the engine and live in its thread.
    // Without one, the engine builds its own from the spec.
    void setRequester(net::Requester *requester) { m_requester = requester; }

    Q_INVOKABLE void start();
    Q_INVOKABLE void cancel();
    // Cancels one file, queued, active or paused; it ends as Cancelled.
    Q_INVOKABLE void cancelFile(const QString &name);
    // Pauses one file, queued or active: its requests stop, what it sent or received stays
    // (part file, blocks, journal), and filePaused() says so; the others go on. A job whose
    // other files are done ends with it paused (TransferSummary::paused, the journal kept).
    Q_INVOKABLE void pauseFile(const QString &name);
    // Lets a paused (or held: TransferSpec::heldNames) file go again, next in line; it
    // continues from the journal as a later run would.
    Q_INVOKABLE void resumeFile(const QString &name);
    // --mirror asks it before deleting; without one only deleteWithoutAsking deletes. Must
    // outlive the engine; used from the engine's thread.
    void setDeletionConfirmer(DeletionConfirmer *confirmer) { m_confirmer = confirmer; }
    // Flow control for a front end that takes filesFinished and calls acknowledgeOutcomes()
    // once it has shown them: with more than `backlog` outcomes unacknowledged the engine
    // starts no new file, so a slow console (a pipe into a pager) holds the engine back
    // instead of queueing a million outcomes in memory. 0 (the default): no limit. Call
    // before start().
    void setOutcomeBacklog(int backlog);
    // Thread-safe: `count` outcomes of filesFinished were taken care of.
    void acknowledgeOutcomes(int count);

Q_SIGNALS:
    void fileFinished(const blobferry::transfer::FileOutcome &outcome);
    // The same outcomes gathered per pass of the engine's event loop (built only while
    // connected): a front end printing a million files is woken per batch, not per file.
    // Notices, deletions and the end come after the outcomes reported before them.
    void filesFinished(const QList<blobferry::transfer::FileOutcome> &outcomes);
    void progress(const blobferry::transfer::ProgressSnapshot &snapshot);
    void notice(const QString &text);
    // For front ends that show every file; built only while something is connected.
    void filesQueued(const QList<blobferry::transfer::QueuedFile> &files);
    void fileStarted(const QString &name);
    void fileProgress(const QList<blobferry::transfer::FileProgress> &files);
    // pauseFile() took effect (or a held file was listed): no request of it is in flight.
    void filePaused(const QString &name);
    void finished(const blobferry::transfer::TransferSummary &summary);
    // --mirror: a destination item the source lacks was deleted (in a dry run: would be);
    // error says why it was not.
    void extraDeleted(const QString &name, const QString &error);

private:
    void endPreflight();
    // A checkpoint's sync of the journal answered (off this thread).
    void journalSynced(bool synced);
    void onPrepared();
    void startEnumeration();
    void onBatch(const QList<SourceItem> &items, bool atEnd);
    void schedulePump();
    void pump();
    bool activateNext();
    FileTransfer *makeTransfer(const SourceItem &item);
    // --gzip: compresses the item's file on the thread pool, then queues the encoded item.
    void startEncoding(const SourceItem &item);
    void onTransferFinished(FileTransfer *transfer);
    // A listed item the user holds: kept aside until resumeFile().
    void holdItem(const SourceItem &item);
    // A file cancelled before it became active again: what an earlier run left goes too.
    void cancelWaiting(const SourceItem &item);
    void releaseIfIdle(FileTransfer *transfer);
    void finishOrMirror(const QString &fatalError);
    void finishJob(const QString &fatalError = {});

    TransferSpec m_spec;
    ConflictQueue *m_conflicts;            // the job's conflict policy, and its questions
    net::Requester *m_requester = nullptr; // injected; else the preflight builds the job's own
    DeletionConfirmer *m_confirmer = nullptr;
    JobReport *m_report;
    JobPreflight *m_preflight = nullptr; // while the job is prepared
    JobResources m_resources;            // what the preflight prepared
    std::unique_ptr<TransferFactory> m_factory;
    std::unique_ptr<ArchiveStage> m_archive; // --archive
    MirrorStage *m_mirror = nullptr;         // --mirror
    SourceRemover *m_remover = nullptr;      // --move
    Enumerator *m_enumerator = nullptr;
    QTimer *m_progressTimer = nullptr;
    QTimer *m_journalTimer = nullptr;
    QElapsedTimer m_clock;

    QSet<QString> m_onlyNames;   // of m_spec.onlyNames, for lookups
    QSet<QString> m_unseenNames; // of m_onlyNames, not listed (yet)
    PatternTally m_patternTally; // which of m_spec.patterns found something
    QQueue<SourceItem> m_pending;
    QSet<QString> m_held;                // names the user paused (pauseFile, heldNames)
    QHash<QString, SourceItem> m_paused; // held items, out of every queue
    QList<FileTransfer *> m_active;
    bool m_fetching = false;
    bool m_enumerationDone = false;
    bool m_finished = false;
    bool m_cancelled = false;
    bool m_pumpScheduled = false;
    bool m_toldJournalSync = false; // a failed journal sync is said once
    QString m_fatalError;
    // Requests of this job's transfers not yet ended (the budget itself is the requester's).
    int m_inFlight = 0;
    int m_encoding = 0; // files being compressed
};

} // namespace blobferry::transfer
