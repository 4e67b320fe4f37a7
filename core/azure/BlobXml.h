// SPDX-License-Identifier: MIT
#pragma once

#include "BlobEntry.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace blobferry::azure {

struct BlobListPage
{
    QList<BlobEntry> blobs;
    QStringList prefixes; // virtual directories when a delimiter was given
    QString nextMarker;   // empty on the last page
};

struct ContainerListPage
{
    QStringList names;
    QString nextMarker;
};

struct ServiceError
{
    QString code;
    QString message;
};

struct BlockListEntry
{
    QByteArray id; // base64 as sent
    qint64 size = 0;
};

struct BlockListResult
{
    QList<BlockListEntry> committed;
    QList<BlockListEntry> uncommitted;
};

// "Tue, 02 Jan 2024 11:30:15 GMT" (RFC 1123, as the service writes dates) to UTC; invalid
// when it is not one. Qt 6.4's RFC2822Date refuses the "GMT" zone name.
QDateTime parseHttpDate(const QString &text);

// Parsers for the service's XML bodies. Each returns false (and an error text) on malformed XML.
namespace xml {
// Appends the page's blobs and prefixes to out; sets nextMarker when the page has one.
bool parseBlobList(const QByteArray &body, BlobListPage *out, QString *error);
bool parseContainerList(const QByteArray &body, ContainerListPage *out, QString *error);
bool parseBlockList(const QByteArray &body, BlockListResult *out, QString *error);
ServiceError parseError(const QByteArray &body);
namespace detail { // parseBlobList's two ways, for the tests that hold them to one answer
// The fast scanner: false (out unchanged) when it leaves the body to QXmlStreamReader.
bool scanBlobList(const QByteArray &body, BlobListPage *out);
bool parseBlobListWithQt(const QByteArray &body, BlobListPage *out, QString *error);
} // namespace detail
// <?xml…?><BlockList><Latest>id</Latest>…</BlockList>
QByteArray blockListBody(const QList<QByteArray> &ids);
} // namespace xml

} // namespace blobferry::azure
