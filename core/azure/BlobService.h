// SPDX-License-Identifier: MIT
#pragma once

#include "BlobDetails.h"
#include "BlobEntry.h"
#include "BlobRequests.h"
#include "BlobXml.h"
#include "net/HttpJob.h"
#include "net/RetryPolicy.h"

#include <QString>
#include <functional>
#include <memory>

class QObject;

namespace blobferry::net {
class Requester;
struct HttpResult;
} // namespace blobferry::net

namespace blobferry::azure {

// How one call to the service ended.
struct CallOutcome
{
    QString error;  // empty: it worked; else one line for the user, without any secret
    int status = 0; // the HTTP status; 0 when nothing answered (refused, DNS, TLS, timeout)

    bool ok() const { return error.isEmpty(); }
};

// The Blob service as its callers want it: pages of listings read, containers made and
// removed, properties read and set, blobs deleted, each answer turned into a CallOutcome and,
// for a listing or properties, what they say. Built on one account's or container's
// BlobRequests (listContainers needs the account's; the rest a container's). Every request
// goes through the requester — its budget, proxy and TLS — and is tried as `retry` says. The
// answer comes through `done` in the requester's thread, unless `context` goes first: the
// request is then aborted and `done` never called. A value: copy it freely.
//
// Many at once: ListingCursor (everything under a prefix) and BlobDeletion (bounded, If-Match).
class BlobService final
{
public:
    BlobService(net::Requester *requester, BlobRequests requests, net::RetryPolicy retry = {});
    BlobService(net::Requester *requester, const BlobLocation &location,
                const Credential &credential, net::RetryPolicy retry = {});

    const BlobRequests &requests() const { return *m_requests; }
    net::Requester *requester() const { return m_requester; }

    using Done = std::function<void(const CallOutcome &outcome)>;
    using PageDone = std::function<void(const CallOutcome &outcome, const BlobListPage &page)>;
    using ContainersDone =
        std::function<void(const CallOutcome &outcome, const ContainerListPage &page)>;
    using PropertiesDone = std::function<void(const CallOutcome &outcome, const BlobEntry &blob)>;

    // One page of List Blobs, metadata included: blobs and, with a delimiter, the virtual
    // directories. A 200 that is not a listing (a portal's page) is a failure, never a page.
    void listPage(const QString &prefix, const QString &delimiter, const QString &marker,
                  int pageSize, QObject *context, PageDone done) const;
    // One page of the account's containers.
    void listContainers(const QString &marker, QObject *context, ContainersDone done) const;
    void createContainer(QObject *context, Done done) const;
    void deleteContainer(QObject *context, Done done) const;
    // Get Blob Properties: the blob as a BlobEntry (blobferry's metadata read).
    void getProperties(const QString &blob, QObject *context, PropertiesDone done) const;
    // See BlobRequests::setProperties; ifMatch may be empty.
    void setProperties(const QString &blob, const BlobProperties &properties,
                       const QByteArray &ifMatch, QObject *context, Done done) const;
    // One blob and its snapshots; with ifMatch, only that version (412 when it changed).
    void deleteBlob(const QString &blob, const QByteArray &ifMatch, QObject *context,
                    Done done) const;
    // Set Blob Tier (see BlobRequests::setTier): 200 done, 202 a rehydration from Archive begun.
    void setTier(const QString &blob, const QByteArray &tier, const QByteArray &rehydratePriority,
                 QObject *context, Done done) const;

    using DetailsDone = std::function<void(const CallOutcome &outcome, const BlobDetails &details)>;
    // The new ETag of a blob just written (empty on failure).
    using WrittenDone = std::function<void(const CallOutcome &outcome, const QByteArray &etag)>;
    using TagsDone = std::function<void(const CallOutcome &outcome, const KeyValues &tags)>;
    // Get Blob Properties as everything the Properties dialog shows.
    void getDetails(const QString &blob, QObject *context, DetailsDone done) const;
    // See BlobRequests::setHttpHeaders and setMetadata; a 412 means the blob changed.
    void setHttpHeaders(const QString &blob, const BlobHttpHeaders &headers,
                        const QByteArray &ifMatch, QObject *context, WrittenDone done) const;
    void setMetadata(const QString &blob, const KeyValues &metadata, const QByteArray &ifMatch,
                     QObject *context, WrittenDone done) const;
    void getTags(const QString &blob, QObject *context, TagsDone done) const;
    void setTags(const QString &blob, const KeyValues &tags, QObject *context, Done done) const;

    // A blob's snapshots, oldest first (BlobEntry::snapshot set), every page; the blob itself
    // and other blobs sharing the prefix are left out.
    using SnapshotsDone =
        std::function<void(const CallOutcome &outcome, const QList<BlobEntry> &snapshots)>;
    void listSnapshots(const QString &blob, QObject *context, SnapshotsDone done) const;
    // Snapshot Blob: `snapshot` is the new one's time.
    using SnapshotDone = std::function<void(const CallOutcome &outcome, const QString &snapshot)>;
    void takeSnapshot(const QString &blob, QObject *context, SnapshotDone done) const;
    void deleteSnapshot(const QString &blob, const QString &snapshot, QObject *context,
                        Done done) const;
    // Copy Blob from the snapshot over the blob itself. `copyStatus` is the service's
    // x-ms-copy-status: "success", or "pending" while it still copies.
    using CopyDone = std::function<void(const CallOutcome &outcome, const QByteArray &copyStatus)>;
    void promoteSnapshot(const QString &blob, const QString &snapshot, QObject *context,
                         CopyDone done) const;

    // What Get Blob answered: the bytes (unless a sink took them), the ETag and the blob's
    // whole size (from Content-Range for a range).
    struct Fetched
    {
        QByteArray bytes;
        QByteArray etag;
        qint64 blobSize = -1;
    };
    using FetchDone = std::function<void(const CallOutcome &outcome, const Fetched &fetched)>;
    // Get Blob of [offset, offset + length) (length < 0: to the end) of the blob, or of one
    // of its snapshots. With a sink the bytes go there as they come (a retry asks only for
    // what the sink has not had); without one at most 4 MiB are kept.
    void fetch(const QString &blob, const QString &snapshot, qint64 offset, qint64 length,
               const QByteArray &ifMatch, net::HttpJob::Sink sink, QObject *context,
               FetchDone done) const;

private:
    using Build = std::function<net::PreparedRequest(const BlobRequests &requests)>;
    using Answer = std::function<void(const CallOutcome &outcome, const net::HttpResult &result)>;
    void call(Build build, const QUrl &about, QObject *context, Answer answer,
              net::HttpJob::Sink sink = {}) const;
    void listSnapshotsFrom(const QString &blob, const QString &marker,
                           std::shared_ptr<QList<BlobEntry>> found, QObject *context,
                           SnapshotsDone done) const;

    net::Requester *m_requester;
    std::shared_ptr<const BlobRequests> m_requests;
    net::RetryPolicy m_retry;
};

} // namespace blobferry::azure
