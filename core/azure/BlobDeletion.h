// SPDX-License-Identifier: MIT
#pragma once

#include "BlobService.h"

#include <QObject>
#include <QQueue>
#include <QStringList>

namespace blobferry::azure {

class ListingCursor;

// Deletes many blobs with at most `maxInFlight` Delete Blob requests at once, each carrying
// the ETag the blob had when it was listed (If-Match): a blob written since answers 412 and
// stays, reported Changed — never deleted unseen. A folder is everything under its prefix,
// listed page by page and deleted with the ETags of that listing; the next page is asked for
// only once the queue has room, so memory stays at one page whatever the folder holds.
// Deleting the object aborts what is in flight.
//
//   add() / addUnder() ─► start() ─► Deleting: ≤ maxInFlight at once, listing on as room frees
//                                       ├─ blobDone(name, result, error)   each blob
//                                       ├─ listingFailed(prefix, error)    a folder not listed
//                                       └─ finished()   nothing queued, in flight or to list
//   stop(): takes nothing more (queue and folders dropped), lets what is in flight end, then
//           finished()
class BlobDeletion final : public QObject
{
    Q_OBJECT
public:
    enum class Result
    {
        Deleted,
        Gone,    // 404: not there any more, as wanted
        Changed, // 412: written after it was listed; kept
        Failed,  // error says why
    };

    BlobDeletion(BlobService service, int maxInFlight, QObject *parent = nullptr);

    // etag: the blob's when listed (empty: deleted whatever it holds now).
    void add(const QString &name, const QByteArray &etag);
    // Everything whose name starts with prefix ("dir/").
    void addUnder(const QString &prefix);
    // After the adds; finished() follows through the event loop even when there is nothing.
    void start();
    // Sends nothing more; finished() follows once nothing is in flight (through the event
    // loop when nothing is). Nothing after finished().
    void stop();
    int inFlight() const { return m_inFlight; }
    bool isFinished() const { return m_finished; }

Q_SIGNALS:
    void blobDone(const QString &name, blobferry::azure::BlobDeletion::Result result,
                  const QString &error);
    void listingFailed(const QString &prefix, const QString &error);
    void finished();

private:
    struct Target
    {
        QString name;
        QByteArray etag;
    };
    void pump();
    void send(const Target &target);
    void listNextFolder();
    void listed(const BlobListPage &page, bool last);

    BlobService m_service;
    int m_maxInFlight;
    QQueue<Target> m_queue;
    QStringList m_folders; // still to list
    ListingCursor *m_cursor = nullptr;
    int m_inFlight = 0;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace blobferry::azure
