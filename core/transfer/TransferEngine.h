// SPDX-License-Identifier: MIT
#pragma once

#include "ConflictResolver.h"
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
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QTimer;

namespace blobferry::azure {
class BlobRequests;
}
namespace blobferry::net {
class BandwidthLimiter;
class NetworkPool;
} // namespace blobferry::net
namespace blobferry::journal {
class Journal;
struct JobIdentity;
} // namespace blobferry::journal

namespace blobferry::transfer {

class ArchiveRecord;
class BlobNamePlanner;
class ConflictQueue;
class DeletionConfirmer;
class DestinationIndex;
class DownloadTransfer;
class Enumerator;
class FileTransfer;
class LocalNamePlanner;
class MirrorCleaner;
class SourceRemover;

// Runs one TransferSpec: enumerates the source in batches, turns items into FileTransfers and
// shares `concurrency` request slots among them. Lives in a thread of its own (the front end
// moves it there and calls start() through the event loop); reports through queued signals.
//
//   start ─► Preparing (destination, container) ─► Running (enumerate ∥ transfer) ─► finished
//              └─ fatal error ────────────────────────────────────────────────────► finished
class TransferEngine final : public QObject
{
    Q_OBJECT
public:
    // The resolver is used from the engine's thread and must outlive the engine.
    TransferEngine(TransferSpec spec, ConflictResolver *resolver, QObject *parent = nullptr);
    ~TransferEngine() override;

    Q_INVOKABLE void start();
    Q_INVOKABLE void cancel();
    // Cancels one file, queued or active; it ends as Cancelled.
    Q_INVOKABLE void cancelFile(const QString &name);
    // --mirror asks it before deleting; without one only deleteWithoutAsking deletes. Must
    // outlive the engine; used from the engine's thread.
    void setDeletionConfirmer(DeletionConfirmer *confirmer) { m_confirmer = confirmer; }
    // Flow control for a front end that takes filesFinished and calls acknowledgeOutcomes()
    // once it has shown them: with more than `backlog` outcomes unacknowledged the engine
    // starts no new file, so a slow console (a pipe into a pager) holds the engine back
    // instead of queueing a million outcomes in memory. 0 (the default): no limit. Call
    // before start().
    void setOutcomeBacklog(int backlog) { m_outcomeBacklog = backlog; }
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
    void finished(const blobferry::transfer::TransferSummary &summary);
    // --mirror: a destination item the source lacks was deleted (in a dry run: would be);
    // error says why it was not.
    void extraDeleted(const QString &name, const QString &error);

private:
    bool openJournal();
    journal::JobIdentity jobIdentity() const;
    bool doneInEarlierRun(const SourceItem &item) const;
    void prepareUpload();
    void startUploadEnumeration();
    // The destination container, created when missing; `then` runs unless that failed.
    void ensureContainer(std::function<void()> then);
    void prepareDownload();
    void startEnumeration();
    void onBatch(const QList<SourceItem> &items, bool atEnd);
    void schedulePump();
    void pump();
    bool activateNext();
    FileTransfer *makeTransfer(const SourceItem &item);
    FileTransfer *makeUpload(const SourceItem &item);
    FileTransfer *makeDownload(const SourceItem &item);
    void reportNotCopied(const SourceItem &item); // a link or special file (TransferEngineOptions)
    void reportRename(const QString &from, const QString &to, bool count = true);
    void saveNames(bool now);
    void recordOutcome(const FileOutcome &outcome);
    void onTransferFinished(FileTransfer *transfer);
    void releaseIfIdle(FileTransfer *transfer);
    void emitProgress();
    void flushOutcomes();
    void say(const QString &text); // notice(), after the outcomes gathered so far
    void announceRetry(int nextAttempt, int delayMs, const QString &why);
    void finishJob(const QString &fatalError = {});

    TransferSpec m_spec;
    ConflictQueue *m_conflicts; // the job's conflict policy, and its questions
    net::NetworkPool *m_pool = nullptr;
    std::unique_ptr<azure::BlobRequests> m_blobs;
    std::unique_ptr<journal::Journal> m_journal;
    QTimer *m_journalTimer = nullptr;
    // Names: blob → local path for downloads, local path → blob for uploads.
    std::unique_ptr<LocalNamePlanner> m_localNames;
    std::unique_ptr<BlobNamePlanner> m_blobNames;
    QHash<const FileTransfer *, int> m_tickets; // a download's ticket in m_localNames
    QHash<int, DownloadTransfer *> m_downloads; // live downloads, to redirect them
    QElapsedTimer m_namesSaved;
    Enumerator *m_enumerator = nullptr;
    DestinationIndex *m_index = nullptr; // uploads: the destination's names, listed
    QTimer *m_progressTimer = nullptr;
    QElapsedTimer m_clock;
    QElapsedTimer m_retryAnnounced; // when the last "Retrying" notice went out

    QSet<QString> m_onlyNames;   // of m_spec.onlyNames, for lookups
    PatternTally m_patternTally; // which of m_spec.patterns found something
    QQueue<SourceItem> m_pending;
    QList<FileTransfer *> m_active;
    bool m_fetching = false;
    bool m_enumerationDone = false;
    bool m_finished = false;
    bool m_cancelled = false;
    bool m_pumpScheduled = false;
    QString m_fatalError;
    int m_inFlight = 0;
    qint64 m_bytesFinished = 0;    // bytes of files that reached a final state
    QList<FileOutcome> m_outcomes; // for filesFinished, not yet sent
    int m_outcomeBacklog = 0;
    std::atomic<int> m_unacknowledged{0}; // sent through filesFinished, not yet acknowledged
    bool outcomesBacklogged() const
    {
        return m_outcomeBacklog > 0 && m_unacknowledged.load() >= m_outcomeBacklog;
    }
    ProgressSnapshot m_snapshot;
    TransferSummary m_summary;

    // --move and --mirror (TransferEngineOptions.cpp)
    void finishOrMirror(const QString &fatalError);
    void startMirror();
    void onExtrasFound(const QStringList &names);
    // --gzip: compresses the item's file on the thread pool, then queues the encoded item.
    void startEncoding(const SourceItem &item);
    int m_encoding = 0; // files being compressed
    // Blob to blob: m_blobs is the destination, m_copySource the source.
    void startCopy();
    void startCopyEnumeration();
    FileTransfer *makeCopy(const SourceItem &item);
    std::unique_ptr<azure::BlobRequests> m_copySource;
    // The source as the destination's service reads it, when that needs a SAS made from the
    // source's key (another account, or a destination authorized by SAS); else m_copySource.
    std::unique_ptr<azure::BlobRequests> m_copySourceUrl;
    // --archive
    void loadArchive();
    bool unchangedSinceArchive(const SourceItem &item);
    void saveArchive();
    std::unique_ptr<ArchiveRecord> m_archive;
    qint64 m_startedMs = 0;
    SourceRemover *m_remover = nullptr;
    MirrorCleaner *m_mirror = nullptr;
    DeletionConfirmer *m_confirmer = nullptr;
    QSet<QString> m_mirrorKeep;    // destination names the source planned
    QStringList m_mirrorKeepUnder; // "dir/": links to directories an upload did not follow
    std::unique_ptr<net::BandwidthLimiter> m_limiter; // --cap-mbps
};

} // namespace blobferry::transfer
