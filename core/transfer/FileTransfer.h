// SPDX-License-Identifier: MIT
#pragma once

#include "ConflictPolicy.h"
#include "ConflictResolver.h"
#include "SourceItem.h"
#include "TransferEvents.h"
#include "TransferSpec.h"
#include "azure/BlobRequests.h"
#include "net/HttpJob.h"

#include <QObject>
#include <QSet>
#include <optional>

namespace blobferry::net {
class BandwidthLimiter;
class NetworkPool;
} // namespace blobferry::net
namespace blobferry::journal {
class Journal;
}

namespace blobferry::transfer {

class DestinationIndex;

// What a file transfer borrows from its engine.
struct TransferContext
{
    const TransferSpec *spec = nullptr;
    const azure::BlobRequests *blobs = nullptr; // the blob side of the job
    net::NetworkPool *pool = nullptr;
    journal::Journal *journal = nullptr;      // null without /Z
    net::BandwidthLimiter *limiter = nullptr; // --cap-mbps; null without a cap
    DestinationIndex *index = nullptr;        // uploads: what the destination holds, listed
};

// One file's copy: an explicit state machine (see the subclasses) that hands the engine one
// request at a time. The engine decides when a request may start, so a 1 GiB file and a
// thousand small ones share the same concurrency budget.
class FileTransfer : public QObject
{
    Q_OBJECT
public:
    FileTransfer(SourceItem item, TransferContext context, QObject *parent = nullptr);

    // Called once when the engine activates the transfer.
    virtual void begin() = 0;
    // The user's answer to the conflict this transfer raised.
    void resolveConflict(bool overwrite);
    // The answer "keep both": copy under a free "name(n)" instead (the default refuses).
    virtual void keepBoth();

    bool hasRequestReady() const { return !m_failed && !m_done && hasNextRequest(); }
    // Starts the next request; the engine counts it in flight until requestFinished().
    void startNextRequest();
    void cancel();

    const SourceItem &item() const { return m_item; }
    const FileOutcome &outcome() const { return m_outcome; }
    qint64 bytesDone() const { return m_bytesDone; }
    bool isDone() const { return m_done; }
    int requestsInFlight() const { return int(m_jobs.size()); }

Q_SIGNALS:
    void requestFinished();
    // A request became ready without one finishing (work done off-thread): pump again.
    void requestReady();
    void conflictRaised(const blobferry::transfer::Conflict &conflict);
    // Something the user should read (resuming, restarting from zero, …).
    void notice(const QString &text);
    void finished();

protected:
    // Keep-both support for subclasses: continue as if the destination had been free.
    void proceedWithoutConflict() { proceedOrPretend(false); }

    struct Request
    {
        net::HttpJob::Factory factory;
        net::HttpJob::Sink sink;
        net::HttpJob::Check check; // optional: see HttpJob::Check
        std::function<void(const net::HttpResult &)> done;
        QUrl url; // for error messages
    };

    virtual bool hasNextRequest() const = 0;
    virtual Request takeNextRequest() = 0;
    // Release resources after a failure or cancellation (temporary files…).
    virtual void cleanUp() {}

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

    const SourceItem m_item;
    const TransferContext m_context;

private:
    void end(TransferState state, const QString &reason);

    void proceedOrPretend(bool overwriting);

protected:
    // A HEAD of the destination blob: `looked` gets a 2xx or a 404 (also a missing container,
    // which a dry run does not create); any other answer fails the file.
    Request destinationCheck(const QString &blobName,
                             std::function<void(const net::HttpResult &)> looked);
    // The source side of a copy from a listed blob: size and time as listed, its Content-MD5.
    ConflictPolicy::Side listedSourceSide() const;
    // What a HEAD of the destination blob says, for the ConflictPolicy; absent unless 2xx.
    static ConflictPolicy::Side blobSide(const net::HttpResult &head);
    // The same from a listing's entry; absent for nullptr.
    static ConflictPolicy::Side blobSide(const azure::BlobEntry *entry);

private:
    FileOutcome m_outcome;
    std::function<void()> m_proceed;
    QSet<net::HttpJob *> m_jobs;
    qint64 m_bytesDone = 0;
    bool m_failed = false;
    bool m_done = false;
};

} // namespace blobferry::transfer
