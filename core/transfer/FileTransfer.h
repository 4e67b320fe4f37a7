// SPDX-License-Identifier: MIT
#pragma once

#include "ConflictPolicy.h"
#include "ConflictResolver.h"
#include "SourceItem.h"
#include "TransferEvents.h"
#include "TransferSpec.h"
#include "azure/BlobRequests.h"
#include "net/HttpJob.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <limits>
#include <optional>

namespace blobferry::net {
class Requester;
}
namespace blobferry::journal {
class Journal;
}

namespace blobferry::transfer {

class ConflictQueue;
class DestinationIndex;

// What a file transfer borrows from its engine.
struct TransferContext
{
    const TransferSpec *spec = nullptr;
    const azure::BlobRequests *blobs = nullptr; // the blob side of the job
    net::Requester *requester = nullptr; // every request goes through it (and its --cap-mbps)
    journal::Journal *journal = nullptr; // null without /Z
    DestinationIndex *index = nullptr;   // uploads: what the destination holds, listed
    // The job's conflict policy, and where a question goes; null: the spec's rule, and a
    // question is answered No.
    ConflictQueue *conflicts = nullptr;
};

// One file's copy, driven through named phases. The driver (this class) decides the order of
// the phases, when a phase's request may go out and what ends the file; each kind (upload,
// page upload, download, copy) supplies only its requests and its work per phase, as AzCopy's
// senders do for its transfer driver. The engine pulls one request at a time, so a 1 GiB file
// and a thousand small ones share the same concurrency budget.
//
// clang-format off
//
//   begin ─► Look ───────► Settle ─(copy, overwrite)─► Prologue ─► Chunks ─► Commit ─► Completed
//    │       HEAD, index    │ ConflictPolicy,           create,      blocks,   │ Put Block List,
//    │       or a stat      │ else the user             resume       ranges    │ rename, verify
//    │                      ├─(skip, no)─► Skipped                             │
//    │                      └─(keep both)─► KeepBothProbe: HEAD of name(n)     │ 409/412: written
//    │                             n + 1 ◄─(taken)─┘  └─(free)─► Settle        │ since the Look
//    │                                                                         ▼
//    └─(/Y alone: no Look)─► Prologue                 Completed ◄─(ours)─ RaceRecheck: HEAD
//                                   Settle (overwrite: Commit again) ◄─(not ours)─┘
//   Any failed request, or an answer a phase does not wait for ─► Failed; cancel() ─► Cancelled.
//   A dry run ends in Settle, with what would have happened. A kind may go from Look straight
//   to Chunks (a page blob an interrupted run left, to resume into).
//
// clang-format on
class FileTransfer : public QObject
{
    Q_OBJECT
public:
    enum class Phase
    {
        Idle,          // not begun
        Look,          // what is at the destination: a HEAD, the index, or a stat
        Settle,        // ConflictPolicy decides, or the user is asked
        KeepBothProbe, // a HEAD of the next "name(n)" for "keep both"
        Prologue,      // before the bytes: a page blob's create, a resume's block list
        Chunks,        // blocks or ranges, several in flight
        Commit,        // Put Block List, Set Blob Metadata, the rename into place, …
        RaceRecheck,   // a write meant for an absent blob found one there: a HEAD
        Ended,         // completed, skipped, failed or cancelled
    };

    FileTransfer(SourceItem item, TransferContext context, QObject *parent = nullptr);

    // Called once when the engine activates the transfer.
    void begin();
    // Settle: what ConflictPolicy decided, or what the user's answer to the conflict this
    // transfer raised means (keep both: copy under a free "name(n)", if the kind can).
    void settleAs(ConflictPolicy::Decision decision);

    bool hasRequestReady() const { return !m_done && hasNextRequest(); }
    // Sends the next request through the requester (the engine asks only when it has a free
    // slot); requestFinished() follows when it ended.
    void startNextRequest();
    // Ends it as Cancelled, with `reason` ("cancelled" when empty). A stop keeps what arrived
    // for the resume (the journal, a part file); discarding (the user cancelled this file)
    // removes it too.
    enum class Leftovers
    {
        Keep,
        Discard,
    };
    void cancel(const QString &reason = {}, Leftovers leftovers = Leftovers::Keep);

    const SourceItem &item() const { return m_item; }
    // What it writes: a blob name or a local path (keep both or a redirect changes it).
    QString destination() const;
    const FileOutcome &outcome() const { return m_outcome; }
    // What progress shows: the bytes done for good, plus the request bodies going out now.
    qint64 bytesDone() const { return m_bytesDone + m_bytesSending; }
    bool isDone() const { return m_done; }
    // For a download's ranges: one manager's connections (NetworkPool), so one big blob keeps
    // one HTTP thread busy, not three. On two cores a 256 MiB download took 20-30 % less CPU
    // and 15 MiB less memory so (docs/PERFORMANCE.md, session 6); rclone uses 4 streams.
    static constexpr int kDownloadStreams = 6;
    int requestsInFlight() const { return int(m_jobs.size()); }
    Phase phase() const { return m_phase; }
    static QString phaseName(Phase phase);

Q_SIGNALS:
    void requestFinished();
    // A request became ready without one finishing (work done off-thread): pump again.
    void requestReady();
    // Something the user should read (resuming, restarting from zero, …).
    void notice(const QString &text);
    void finished();

protected:
    struct Request
    {
        net::HttpJob::Factory factory;
        net::HttpJob::Sink sink;
        net::HttpJob::Check check; // optional: see HttpJob::Check
        std::function<void(const net::HttpResult &)> done;
        QUrl url; // for error messages
        // An upload's body: its bytes show in bytesDone() as they are sent, and are taken back
        // when the attempt fails or ends; `done` adds them for good (addBytes) on success.
        bool showsSentBytes = false;
    };

    // ---- What a kind supplies: its requests and its work per phase ----
    // The blob or local path that is looked at, asked about and written.
    virtual QString destinationName() const = 0;
    // The source, for ConflictPolicy (default: the listed blob, with its Content-MD5).
    virtual ConflictPolicy::Side sourceSide() const;
    // True when the Look is needed even under /Y alone (to find a resumable blob, say).
    virtual bool mustLook() const { return false; }
    // Look: default a HEAD of destinationName(). A kind that looks otherwise calls lookedAt().
    virtual void look();
    // The HEAD's answer (2xx or 404); default: lookedAt(what it says).
    virtual void looked(const net::HttpResult &head);
    // True for kinds whose commit carries If-None-Match: * when the destination was absent.
    virtual bool writesOnlyIfAbsent() const { return false; }
    // Keep both: rename the destination to name(n) and call probeNextName() (or, for a local
    // destination, find a free name and call lookedAt()). Default: not possible, skipped.
    virtual void keepBothInstead();
    // Keep both for a blob destination: `name` becomes the next "original(n)" and is probed
    // (in a dry run no name is checked: the name counts as free).
    void keepBothBlob(const QString &original, int &counter, QString &name);
    // Prologue: local work, then queuePhaseRequest() for prologueRequest(), or startChunks().
    virtual void prologue();
    virtual std::optional<Request> prologueRequest() { return std::nullopt; }
    // Chunks: the kind calls chunksDone() when the last one landed.
    virtual bool hasChunk() const { return false; }
    virtual std::optional<Request> takeChunk() { return std::nullopt; }
    // The most chunks of this file in flight at once (the job's other slots go to other files).
    virtual int maxChunksInFlight() const { return std::numeric_limits<int>::max(); }
    // Commit: default queuePhaseRequest() for commitRequest(), sent once commitReady().
    virtual void commit();
    virtual bool commitReady() const { return true; }
    virtual std::optional<Request> commitRequest() { return std::nullopt; }
    // RaceRecheck: the bytes found there are this transfer's (a retried write had landed).
    virtual bool isOwnWrite(const net::HttpResult &) const { return false; }
    // The commit landed: journal, outcome, complete().
    virtual void committed();
    // Release resources after a failure or cancellation (temporary files…); discarding() says
    // whether what a resume would continue from goes too.
    virtual void cleanUp() {}
    bool discarding() const { return m_leftovers == Leftovers::Discard; }

    // ---- What the driver offers a kind ----
    // The current phase's one request goes out when the engine has a slot (again, if it was
    // sent before: a poll).
    void queuePhaseRequest();
    // What the Look found (a stat, the index): settle it.
    void lookedAt(const ConflictPolicy::Side &destination);
    // Keep both: a HEAD of destinationName(), renamed by the kind.
    void probeNextName();
    void startChunks();
    void chunksDone();
    // The destination was absent when looked at: the commit must not replace what appears.
    bool createOnly() const { return m_createOnly; }

    void complete();
    void skip(const QString &reason);
    void fail(const QString &reason);
    void failRequest(const QString &what, const net::HttpResult &result, const QUrl &url);
    void addBytes(qint64 bytes) { m_bytesDone += bytes; }
    // Uploads: false (and why) when the local file is gone or differs from when it was listed;
    // finishing then would publish a mix of two versions.
    bool sourceUnchanged(QString *why) const;
    // Uploads: the blob properties every kind of upload sets (the file's mtime as metadata).
    azure::BlobProperties uploadProperties() const;
    // The destination was looked at: copy (calling `proceed`), skip, or ask first. In a dry
    // run the file ends here with what would have happened.
    void settle(const QString &destinationName, const ConflictPolicy::Side &source,
                const ConflictPolicy::Side &destination, std::function<void()> proceed);
    // The source side of an upload: the local file, its MD5 read only when it decides.
    ConflictPolicy::Side localSourceSide() const;
    // The source side of a copy from a listed blob: size and time as listed, its Content-MD5.
    ConflictPolicy::Side listedSourceSide() const;
    // What a HEAD of the destination blob says, for the ConflictPolicy; absent unless 2xx.
    static ConflictPolicy::Side blobSide(const net::HttpResult &head);
    // The same from a listing's entry; absent for nullptr.
    static ConflictPolicy::Side blobSide(const azure::BlobEntry *entry);

    const SourceItem m_item;
    const TransferContext m_context;

private:
    bool hasNextRequest() const;
    std::optional<Request> takeNextRequest();
    void enter(Phase phase);
    // A HEAD of destinationName() for Look, KeepBothProbe and RaceRecheck.
    Request headRequest(Phase phase);
    void headAnswered(Phase phase, const net::HttpResult &head);
    // The commit's request, with the race re-check before the kind sees a 409/412.
    std::optional<Request> raceCheckedCommit();
    // A write meant for an absent blob found one there (someone wrote it since it was looked at).
    bool appeared(const net::HttpResult &result) const;
    void afterRace(const net::HttpResult &head);
    // Something arrived that the current phase does not wait for: a fault, never a commit.
    void unexpected(const QString &what);
    void end(TransferState state, const QString &reason);
    void proceedOrPretend(bool overwriting);
    // The job's policy (its queue's, with the standing answer), else the spec's rule.
    ConflictPolicy policy() const;

    FileOutcome m_outcome;
    Phase m_phase = Phase::Idle;
    bool m_phaseRequestQueued = false; // the current phase's one request waits for a slot
    bool m_destinationExists = false;  // what the last Look or probe found
    bool m_createOnly = false;
    std::function<void()> m_proceed;
    QSet<net::HttpJob *> m_jobs;
    qint64 m_bytesDone = 0;
    // showsSentBytes requests in flight: what their current attempt has sent.
    QHash<net::HttpJob *, qint64> m_sending;
    qint64 m_bytesSending = 0;
    void sendingProgress(net::HttpJob *job, qint64 sent);
    bool m_done = false;
    Leftovers m_leftovers = Leftovers::Keep;
};

} // namespace blobferry::transfer
