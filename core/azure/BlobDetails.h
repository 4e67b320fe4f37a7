// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

namespace blobferry::net {
struct HttpResult;
}

namespace blobferry::azure {

// The five headers Set Blob Properties writes (x-ms-blob-content-*, x-ms-blob-cache-control).
// The service replaces all of them at once, so a caller sends every one, changed or not.
struct BlobHttpHeaders
{
    QString contentType;
    QString cacheControl;
    QString contentDisposition;
    QString contentEncoding;
    QString contentLanguage;
    QByteArray contentMd5; // base64; sent back as it was read, or the service would clear it

    bool operator==(const BlobHttpHeaders &other) const
    {
        return contentType == other.contentType && cacheControl == other.cacheControl &&
               contentDisposition == other.contentDisposition &&
               contentEncoding == other.contentEncoding &&
               contentLanguage == other.contentLanguage && contentMd5 == other.contentMd5;
    }
    bool operator!=(const BlobHttpHeaders &other) const { return !(*this == other); }
};

// Name/value pairs in the order the user sees them: metadata and index tags.
using KeyValues = QList<QPair<QString, QString>>;

// Everything Get Blob Properties (a HEAD) says of one blob: its system properties, the
// writable headers and every metadata pair, blobferry's own included.
struct BlobDetails
{
    QString name;
    qint64 size = 0;
    QString blobType;   // BlockBlob, PageBlob, AppendBlob
    QString accessTier; // Hot, Cool, Cold, Archive; empty when the service names none
    bool tierInferred = false;
    QByteArray etag;
    QString leaseState;  // available, leased, expired, breaking, broken
    QString leaseStatus; // locked, unlocked
    QDateTime created;
    QDateTime lastModified;
    int tagCount = 0;
    BlobHttpHeaders headers;
    KeyValues metadata;

    static BlobDetails fromHeaders(const QString &name, const net::HttpResult &answer);
};

// Why a metadata name cannot be used (it must be a C# identifier: a letter or '_', then
// letters, digits or '_'), or empty when it can.
QString metadataKeyProblem(const QString &key);
// Why these pairs cannot be the blob's metadata (a bad name, a name twice in any case, a value
// that is not printable ASCII), or empty. One line naming the pair and what to do.
QString metadataProblem(const KeyValues &metadata);

} // namespace blobferry::azure
