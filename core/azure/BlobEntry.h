// SPDX-License-Identifier: MIT
#pragma once

#include <QAnyStringView>
#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace blobferry::net {
struct HttpResult;
}

namespace blobferry::azure {

// What the service says of one blob — a listing's <Blob>, or the headers of a HEAD — with the
// metadata blobferry keeps on the blobs it writes read in this one place:
//   blobferrymtime       the uploaded file's mtime, milliseconds since the epoch
//   blobferrylength      a page blob's unpadded length: the file's own
//   blobferryincomplete  set while a page upload is unfinished
struct BlobEntry
{
    QString name;
    qint64 size = 0;
    QDateTime lastModified;
    QByteArray etag;
    QString contentType;
    QByteArray contentMd5;     // base64, as the service returns it
    QString blobType;          // BlockBlob, PageBlob, AppendBlob
    qint64 fileLength = -1;    // metadata blobferrylength: a page blob's unpadded length
    qint64 fileModifiedMs = 0; // metadata blobferrymtime: the uploaded file's mtime
    bool incomplete = false;   // metadata blobferryincomplete: a page upload never finished
    QString contentEncoding;   // e.g. gzip
    QString accessTier;        // Hot, Cool, Cold, Archive; empty for page and append blobs
    QString archiveStatus;     // rehydrate-pending-to-hot / -cool / -cold while rehydrating
    QString snapshot;          // a snapshot's time as the service names it; empty: the blob

    // The length of the file the blob holds: a page blob blobferry padded to 512 bytes counts
    // at the file's own length, any other blob at its size.
    qint64 fileSize() const;
    // The file's own mtime when an upload recorded it, else when the blob was last written.
    QDateTime fileModified() const;

    enum class Metadata
    {
        None, // not blobferry's
        Length,
        Modified,
        Incomplete,
    };
    // Which of blobferry's items a metadata name (without x-ms-meta-, in any case) is.
    static Metadata metadataItem(QAnyStringView name);
    // Takes the value of one of blobferry's metadata items; a value that does not parse is
    // ignored (an mtime is also refused when parseRecordedFileTime refuses it).
    void readMetadata(Metadata item, const QString &value);
    // What a HEAD (Get Blob Properties) answered about the blob `name`.
    static BlobEntry fromHeaders(const QString &name, const net::HttpResult &answer);
};

// The metadata blobferrymtime (milliseconds since the epoch) as a file time to trust: 0 when
// it is not a number, not positive, or later than a day from now (a wrong clock or a hostile
// writer), so that the blob's Last-Modified is used instead.
qint64 parseRecordedFileTime(const QString &text);

} // namespace blobferry::azure
