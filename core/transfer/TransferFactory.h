// SPDX-License-Identifier: MIT
#pragma once

#include "FileTransfer.h"
#include "JobResources.h"

#include <QList>

namespace blobferry::transfer {

class ConflictQueue;
class Enumerator;
class JobReport;
class MirrorStage;

// What a job's direction supplies to the engine: where the items come from, and how each
// becomes a FileTransfer — its name at the destination planned, the plan's ticket kept, the
// names manifest saved. One per direction: UploadFactory, DownloadFactory, CopyFactory. The
// engine schedules; a factory sends no request of its own.
class TransferFactory
{
public:
    // What every factory borrows from its engine; `owner` parents the QObjects it makes.
    struct Parts
    {
        const TransferSpec *spec = nullptr; // the engine's (an answer "All" changes it)
        JobResources *resources = nullptr;
        ConflictQueue *conflicts = nullptr; // the job's conflict policy and questions
        JobReport *report = nullptr;
        MirrorStage *mirror = nullptr; // null without --mirror
        QObject *owner = nullptr;
    };
    explicit TransferFactory(Parts parts);
    virtual ~TransferFactory();
    TransferFactory(const TransferFactory &) = delete;
    TransferFactory &operator=(const TransferFactory &) = delete;

    // The source's items, streamed; made once, a child of the owner.
    virtual Enumerator *enumerator() = 0;
    // Items to queue before the enumerator's first batch (an upload's folder markers).
    virtual QList<SourceItem> initialItems() { return {}; }
    // The transfer of `item` (a child of the owner), or null when it needs none: its outcome
    // is recorded already, or it comes back later (--gzip).
    virtual FileTransfer *make(const SourceItem &item) = 0;
    // A link or special file the walk did not take: recorded as skipped.
    virtual void notCopied(const SourceItem &item);
    // A transfer make() returned has ended; its outcome is final.
    virtual void ended(FileTransfer *transfer) { Q_UNUSED(transfer) }
    // A transfer make() returned was paused: make() is asked again for its item on resume and
    // must give it the same destination.
    virtual void paused(FileTransfer *transfer) { Q_UNUSED(transfer) }
    // Group commit: what must reach the disk with the journal (downloads' part files).
    virtual void checkpoint() {}
    // The names manifest, at most every 2 s unless `now`.
    virtual void saveNames(bool now) { Q_UNUSED(now) }

    // Whether an interrupted run (the journal) finished this item already.
    bool doneInEarlierRun(const SourceItem &item) const;

protected:
    TransferContext context(DestinationIndex *index = nullptr) const;
    // The virtual directory an endpoint's blob path names ("" or ending in '/').
    static QString blobDirectory(const Endpoint &endpoint);

    const Parts m_parts;
    const TransferSpec &m_spec;
};

} // namespace blobferry::transfer
