// SPDX-License-Identifier: MIT
#pragma once

#include "BlobDetails.h"
#include "BlobLocation.h"
#include "Credential.h"
#include "SharedKeySigner.h"
#include "net/PreparedRequest.h"

#include <QDateTime>
#include <optional>

namespace blobferry::azure {

// Properties set on a blob when it is written.
struct BlobProperties
{
    QString contentType = QStringLiteral("application/octet-stream");
    QByteArray contentMd5;      // base64; empty: not set
    qint64 fileModifiedMs = 0;  // the source file's mtime, kept as metadata; 0: not set
    QByteArray contentEncoding; // e.g. gzip; empty: none (an overwrite clears an old one)
    // Put Blob and Put Block List of a block blob (the rest: empty, none set).
    QByteArray accessTier;                             // x-ms-access-tier: Hot, Cool, Cold, Archive
    QList<std::pair<QByteArray, QByteArray>> metadata; // x-ms-meta-KEY: VALUE, the user's
    QByteArray tags;                                   // x-ms-tags, URL-encoded k=v&k=v
    QByteArray cacheControl;
    QByteArray contentDisposition;
    QByteArray contentLanguage;
    // If-None-Match: * on Put Blob / Put Block List: the write fails (409 BlobAlreadyExists)
    // instead of replacing a blob that appeared since the destination was looked at.
    bool onlyIfAbsent = false;
};

// "Hot", "Cool", "Cold" or "Archive" for those names in any case; empty for anything else.
QByteArray canonicalTier(const QString &name);

// Builds signed REST requests for one account and container. Every call signs anew with a
// fresh x-ms-date, so a request built for a retry is valid however long the backoff was.
class BlobRequests final
{
public:
    BlobRequests(BlobLocation location, Credential credential);

    const BlobLocation &location() const { return m_location; }

    net::PreparedRequest listContainers(const QString &marker) const;
    net::PreparedRequest createContainer() const;
    net::PreparedRequest deleteContainer() const;
    net::PreparedRequest listBlobs(const QString &prefix, const QString &delimiter,
                                   const QString &marker, int maxResults = 5000) const;
    net::PreparedRequest getProperties(const QString &blob) const;
    // Set Blob Properties: the blob's content type, Content-MD5 and Content-Encoding become
    // those of `properties` (the service clears one not given; the metadata stays). ifMatch:
    // only this version of the blob (412 when it changed since).
    net::PreparedRequest setProperties(const QString &blob, const BlobProperties &properties,
                                       const QByteArray &ifMatch = {}) const;
    net::PreparedRequest putBlob(const QString &blob, qint64 size, net::BodyOpener body,
                                 const BlobProperties &properties) const;
    net::PreparedRequest putBlock(const QString &blob, const QByteArray &blockId, qint64 size,
                                  net::BodyOpener body, const QByteArray &md5 = {}) const;
    net::PreparedRequest putBlockList(const QString &blob, const QList<QByteArray> &blockIds,
                                      const BlobProperties &properties) const;
    net::PreparedRequest getBlockList(const QString &blob) const;
    // A page blob of `paddedSize` (a multiple of 512) filled with zeros, marked incomplete;
    // finishPageBlob() records the file's length and mtime once every page is written.
    net::PreparedRequest createPageBlob(const QString &blob, qint64 paddedSize,
                                        const BlobProperties &properties) const;
    // After the last page: the file's length and mtime as metadata, the incomplete mark gone.
    net::PreparedRequest finishPageBlob(const QString &blob, qint64 fileSize,
                                        const BlobProperties &properties) const;
    // Writes [offset, offset + length) of a page blob; both 512-aligned, length ≤ 4 MiB.
    net::PreparedRequest putPage(const QString &blob, qint64 offset, qint64 length,
                                 net::BodyOpener body, const QByteArray &md5 = {}) const;
    // Copy Blob: the service copies `sourceUrl` (readable by it: same account, public, or
    // carrying a SAS) to `blob`, properties and metadata included. 202 with x-ms-copy-status.
    // sourceEtag: only that version of the source (412 once it changed).
    net::PreparedRequest copyBlob(const QString &blob, const QUrl &sourceUrl,
                                  const QByteArray &sourceEtag = {}) const;
    // Get Page Ranges: the written (non-zero) ranges of a page blob.
    net::PreparedRequest getPageRanges(const QString &blob) const;
    // Clear Pages: [offset, offset + length) reads as zeros again; no body is sent.
    net::PreparedRequest clearPages(const QString &blob, qint64 offset, qint64 length) const;
    // length < 0: to the end. ifMatch: the ETag the blob must still have. rangeMd5: the answer
    // carries the MD5 of the range as Content-MD5 (a range of at most 4 MiB).
    // snapshot: read that snapshot of the blob instead (its time, as listed).
    net::PreparedRequest getBlob(const QString &blob, qint64 offset, qint64 length,
                                 const QByteArray &ifMatch, bool rangeMd5 = false,
                                 const QString &snapshot = {}) const;
    // Snapshots: List Blobs with include=snapshots and the blob's name as the prefix (the blob
    // itself and any blob whose name starts with it come too); Snapshot Blob (201, the new
    // one's time in x-ms-snapshot); Delete Blob of one snapshot; a snapshot's URL (a Copy Blob
    // source within the account).
    net::PreparedRequest listSnapshots(const QString &blob, const QString &marker) const;
    net::PreparedRequest snapshotBlob(const QString &blob) const;
    net::PreparedRequest deleteSnapshot(const QString &blob, const QString &snapshot) const;
    QUrl snapshotUrl(const QString &blob, const QString &snapshot) const;
    // The blob and its snapshots. ifMatch: delete only this version of the blob (412 when it
    // changed since).
    net::PreparedRequest deleteBlob(const QString &blob, const QByteArray &ifMatch = {}) const;
    // Set Blob Tier: Hot, Cool, Cold or Archive (x-ms-access-tier). rehydratePriority
    // (Standard or High, x-ms-rehydrate-priority) applies when the blob leaves Archive; empty:
    // the service's default, Standard.
    net::PreparedRequest setTier(const QString &blob, const QByteArray &tier,
                                 const QByteArray &rehydratePriority = {}) const;
    // Set Blob Properties with all five writable headers and the Content-MD5 as given: the
    // service clears any not sent. ifMatch: only this version (412 when it changed since).
    net::PreparedRequest setHttpHeaders(const QString &blob, const BlobHttpHeaders &headers,
                                        const QByteArray &ifMatch) const;
    // Set Blob Metadata: the blob's metadata becomes exactly `metadata`.
    net::PreparedRequest setMetadata(const QString &blob, const KeyValues &metadata,
                                     const QByteArray &ifMatch) const;
    // Get Blob Tags and Set Blob Tags (the whole set; x-ms-version 2019-12-12 or later).
    net::PreparedRequest getTags(const QString &blob) const;
    net::PreparedRequest setTags(const QString &blob, const KeyValues &tags) const;

private:
    net::PreparedRequest make(const QByteArray &verb, const QUrl &url, const HeaderList &headers,
                              qint64 contentLength) const;

    BlobLocation m_location;
    Credential m_credential;
    std::optional<SharedKeySigner> m_signer;
};

} // namespace blobferry::azure
