// SPDX-License-Identifier: MIT
#include "BlobRequests.h"

#include "ApiVersion.h"
#include "BlobTags.h"
#include "BlobXml.h"

#include <QLocale>

namespace blobferry::azure {

namespace {

QByteArray httpDate()
{
    return QLocale::c()
        .toString(QDateTime::currentDateTimeUtc(),
                  QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
        .toLatin1();
}

// Properties every write of a whole blob sets. Put Blob and Put Block List clear the
// standard properties they are not given, so an overwrite never keeps an old Content-Encoding.
void appendContentEncoding(const BlobProperties &properties, HeaderList *headers)
{
    if (!properties.contentEncoding.isEmpty())
        headers->append({"x-ms-blob-content-encoding", properties.contentEncoding});
}

void appendMetadata(const BlobProperties &properties, HeaderList *headers)
{
    if (properties.fileModifiedMs > 0)
        headers->append(
            {"x-ms-meta-blobferrymtime", QByteArray::number(properties.fileModifiedMs)});
    for (const auto &[key, value] : properties.metadata)
        headers->append({"x-ms-meta-" + key, value});
}

// What the user asked every uploaded blob to carry: tags, headers and, for a block blob, the
// tier (a page blob's tiers are Premium's P10, P20, ...).
void appendUploadAttributes(const BlobProperties &properties, HeaderList *headers,
                            bool blockBlob = true)
{
    const std::pair<const char *, const QByteArray *> optional[] = {
        {"x-ms-access-tier", blockBlob ? &properties.accessTier : nullptr},
        {"x-ms-tags", &properties.tags},
        {"x-ms-blob-cache-control", &properties.cacheControl},
        {"x-ms-blob-content-disposition", &properties.contentDisposition},
        {"x-ms-blob-content-language", &properties.contentLanguage},
    };
    for (const auto &[name, value] : optional)
        if (value && !value->isEmpty())
            headers->append({QByteArray(name), *value});
}

QString q(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

} // namespace

QByteArray canonicalTier(const QString &name)
{
    for (const char *tier : {"Hot", "Cool", "Cold", "Archive"}) {
        if (name.compare(QLatin1String(tier), Qt::CaseInsensitive) == 0)
            return QByteArray(tier);
    }
    return {};
}

BlobRequests::BlobRequests(BlobLocation location, Credential credential)
    : m_location(std::move(location))
    , m_credential(std::move(credential))
{
    if (m_credential.kind() == Credential::Kind::SharedKey)
        m_signer.emplace(m_credential.account(), m_credential.key());
    else if (m_credential.kind() == Credential::Kind::Sas && m_location.sasToken().isEmpty())
        m_location = m_location.withSas(m_credential.sasToken());
}

net::PreparedRequest BlobRequests::make(const QByteArray &verb, const QUrl &url,
                                        const HeaderList &headers, qint64 contentLength) const
{
    net::PreparedRequest prepared;
    prepared.verb = verb;
    prepared.contentLength = contentLength;
    QNetworkRequest &request = prepared.request;
    request.setUrl(url);
    request.setRawHeader("x-ms-date", httpDate());
    request.setRawHeader("x-ms-version", kApiVersion);
    request.setRawHeader("User-Agent", "blobferry/" BLOBFERRY_VERSION);
    // Bytes are stored as they are: Qt must not inflate a gzip-encoded blob on the way in.
    request.setRawHeader("Accept-Encoding", "identity");
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    // Qt adds a form Content-Type to any PUT body without one, which would break the signature.
    if (verb == "PUT" && !request.hasRawHeader("Content-Type"))
        request.setRawHeader("Content-Type", "application/octet-stream");
    if (m_signer)
        m_signer->sign(request, verb, contentLength);
    return prepared;
}

net::PreparedRequest BlobRequests::listContainers(const QString &marker) const
{
    QString query = QStringLiteral("comp=list");
    if (!marker.isEmpty())
        query += QStringLiteral("&marker=") + q(marker);
    return make("GET", m_location.serviceUrl(query), {}, 0);
}

net::PreparedRequest BlobRequests::createContainer() const
{
    return make("PUT", m_location.containerUrl(QStringLiteral("restype=container")), {}, 0);
}

net::PreparedRequest BlobRequests::deleteContainer() const
{
    return make("DELETE", m_location.containerUrl(QStringLiteral("restype=container")), {}, 0);
}

net::PreparedRequest BlobRequests::listBlobs(const QString &prefix, const QString &delimiter,
                                             const QString &marker, int maxResults) const
{
    // Metadata carries a page blob's unpadded length (blobferrylength).
    QString query = QStringLiteral("restype=container&comp=list&include=metadata&maxresults=%1")
                        .arg(maxResults);
    if (!prefix.isEmpty())
        query += QStringLiteral("&prefix=") + q(prefix);
    if (!delimiter.isEmpty())
        query += QStringLiteral("&delimiter=") + q(delimiter);
    if (!marker.isEmpty())
        query += QStringLiteral("&marker=") + q(marker);
    return make("GET", m_location.containerUrl(query), {}, 0);
}

net::PreparedRequest BlobRequests::getProperties(const QString &blob) const
{
    return make("HEAD", m_location.blobUrl(blob), {}, 0);
}

net::PreparedRequest BlobRequests::setProperties(const QString &blob,
                                                 const BlobProperties &properties,
                                                 const QByteArray &ifMatch) const
{
    HeaderList headers{{"x-ms-blob-content-type", properties.contentType.toUtf8()}};
    if (!properties.contentMd5.isEmpty())
        headers.append({"x-ms-blob-content-md5", properties.contentMd5});
    appendContentEncoding(properties, &headers);
    if (!ifMatch.isEmpty())
        headers.append({"If-Match", ifMatch});
    return make("PUT", m_location.blobUrl(blob, QStringLiteral("comp=properties")), headers, 0);
}

net::PreparedRequest BlobRequests::putBlob(const QString &blob, qint64 size, net::BodyOpener body,
                                           const BlobProperties &properties) const
{
    HeaderList headers{{"x-ms-blob-type", "BlockBlob"},
                       {"Content-Type", properties.contentType.toUtf8()}};
    if (!properties.contentMd5.isEmpty())
        headers.append({"Content-MD5", properties.contentMd5});
    appendContentEncoding(properties, &headers);
    appendMetadata(properties, &headers);
    appendUploadAttributes(properties, &headers);
    if (properties.onlyIfAbsent)
        headers.append({QByteArrayLiteral("If-None-Match"), QByteArrayLiteral("*")});
    auto prepared = make("PUT", m_location.blobUrl(blob), headers, size);
    prepared.openBody = std::move(body);
    return prepared;
}

net::PreparedRequest BlobRequests::putBlock(const QString &blob, const QByteArray &blockId,
                                            qint64 size, net::BodyOpener body,
                                            const QByteArray &md5) const
{
    // Block ids are base64: '+', '/' and '=' must be percent-encoded (AZURE.md).
    const QString query =
        QStringLiteral("comp=block&blockid=") +
        QString::fromLatin1(QUrl::toPercentEncoding(QString::fromLatin1(blockId)));
    HeaderList headers{{"Content-Type", "application/octet-stream"}};
    if (!md5.isEmpty())
        headers.append({"Content-MD5", md5});
    auto prepared = make("PUT", m_location.blobUrl(blob, query), headers, size);
    prepared.openBody = std::move(body);
    return prepared;
}

net::PreparedRequest BlobRequests::putBlockList(const QString &blob,
                                                const QList<QByteArray> &blockIds,
                                                const BlobProperties &properties) const
{
    const QByteArray body = xml::blockListBody(blockIds);
    HeaderList headers{{"Content-Type", "application/xml"},
                       {"x-ms-blob-content-type", properties.contentType.toUtf8()}};
    if (!properties.contentMd5.isEmpty())
        headers.append({"x-ms-blob-content-md5", properties.contentMd5});
    appendContentEncoding(properties, &headers);
    appendMetadata(properties, &headers);
    appendUploadAttributes(properties, &headers);
    if (properties.onlyIfAbsent)
        headers.append({QByteArrayLiteral("If-None-Match"), QByteArrayLiteral("*")});
    auto prepared = make("PUT", m_location.blobUrl(blob, QStringLiteral("comp=blocklist")), headers,
                         body.size());
    prepared.body = body;
    return prepared;
}

net::PreparedRequest BlobRequests::createPageBlob(const QString &blob, qint64 paddedSize,
                                                  const BlobProperties &properties) const
{
    // Marked incomplete until its last page is written (finishPageBlob): a half-written page
    // blob must never pass for the file, whatever /XO or /XN would say of its times.
    HeaderList headers{{"x-ms-blob-type", "PageBlob"},
                       {"x-ms-blob-content-length", QByteArray::number(paddedSize)},
                       {"x-ms-blob-content-type", properties.contentType.toUtf8()},
                       {"x-ms-meta-blobferryincomplete", "1"}};
    appendContentEncoding(properties, &headers);
    appendUploadAttributes(properties, &headers, false); // the metadata: finishPageBlob's
    return make("PUT", m_location.blobUrl(blob), headers, 0);
}

net::PreparedRequest BlobRequests::finishPageBlob(const QString &blob, qint64 fileSize,
                                                  const BlobProperties &properties) const
{
    // Set Blob Metadata replaces all metadata: the incomplete mark goes.
    HeaderList headers{{"x-ms-meta-blobferrylength", QByteArray::number(fileSize)}};
    appendMetadata(properties, &headers);
    return make("PUT", m_location.blobUrl(blob, QStringLiteral("comp=metadata")), headers, 0);
}

net::PreparedRequest BlobRequests::putPage(const QString &blob, qint64 offset, qint64 length,
                                           net::BodyOpener body, const QByteArray &md5) const
{
    HeaderList headers{{"x-ms-page-write", "update"},
                       {"x-ms-range", "bytes=" + QByteArray::number(offset) + '-' +
                                          QByteArray::number(offset + length - 1)}};
    if (!md5.isEmpty())
        headers.append({"Content-MD5", md5});
    auto prepared =
        make("PUT", m_location.blobUrl(blob, QStringLiteral("comp=page")), headers, length);
    prepared.openBody = std::move(body);
    return prepared;
}

net::PreparedRequest BlobRequests::copyBlob(const QString &blob, const QUrl &sourceUrl,
                                            const QByteArray &sourceEtag) const
{
    HeaderList headers{{"x-ms-copy-source", sourceUrl.toEncoded()}};
    if (!sourceEtag.isEmpty())
        headers.append({"x-ms-source-if-match", sourceEtag});
    return make("PUT", m_location.blobUrl(blob), headers, 0);
}

net::PreparedRequest BlobRequests::getPageRanges(const QString &blob) const
{
    return make("GET", m_location.blobUrl(blob, QStringLiteral("comp=pagelist")), {}, 0);
}

net::PreparedRequest BlobRequests::clearPages(const QString &blob, qint64 offset,
                                              qint64 length) const
{
    const HeaderList headers{{"x-ms-page-write", "clear"},
                             {"x-ms-range", "bytes=" + QByteArray::number(offset) + '-' +
                                                QByteArray::number(offset + length - 1)}};
    return make("PUT", m_location.blobUrl(blob, QStringLiteral("comp=page")), headers, 0);
}

net::PreparedRequest BlobRequests::getBlockList(const QString &blob) const
{
    return make("GET", m_location.blobUrl(blob, QStringLiteral("comp=blocklist&blocklisttype=all")),
                {}, 0);
}

net::PreparedRequest BlobRequests::getBlob(const QString &blob, qint64 offset, qint64 length,
                                           const QByteArray &ifMatch, bool rangeMd5,
                                           const QString &snapshot) const
{
    HeaderList headers;
    if (offset > 0 || length >= 0) {
        const QByteArray end = length >= 0 ? QByteArray::number(offset + length - 1) : QByteArray();
        headers.append({"x-ms-range", "bytes=" + QByteArray::number(offset) + '-' + end});
        if (rangeMd5)
            headers.append({QByteArray("x-ms-range-get-content-md5"), QByteArray("true")});
    }
    if (!ifMatch.isEmpty())
        headers.append({"If-Match", ifMatch});
    return make("GET", snapshot.isEmpty() ? m_location.blobUrl(blob) : snapshotUrl(blob, snapshot),
                headers, 0);
}

net::PreparedRequest BlobRequests::listSnapshots(const QString &blob, const QString &marker) const
{
    QString query =
        QStringLiteral("restype=container&comp=list&include=snapshots&prefix=") + q(blob);
    if (!marker.isEmpty())
        query += QStringLiteral("&marker=") + q(marker);
    return make("GET", m_location.containerUrl(query), {}, 0);
}

net::PreparedRequest BlobRequests::snapshotBlob(const QString &blob) const
{
    return make("PUT", m_location.blobUrl(blob, QStringLiteral("comp=snapshot")), {}, 0);
}

net::PreparedRequest BlobRequests::deleteSnapshot(const QString &blob,
                                                  const QString &snapshot) const
{
    // No x-ms-delete-snapshots: the service refuses it on a snapshot (400).
    return make("DELETE", snapshotUrl(blob, snapshot), {}, 0);
}

QUrl BlobRequests::snapshotUrl(const QString &blob, const QString &snapshot) const
{
    return m_location.blobUrl(blob, QStringLiteral("snapshot=") + q(snapshot));
}

net::PreparedRequest BlobRequests::deleteBlob(const QString &blob, const QByteArray &ifMatch) const
{
    // Without it a blob with snapshots cannot be deleted (409 SnapshotsPresent); every caller
    // removes the blob for good, and says so when it asks first.
    HeaderList headers{{"x-ms-delete-snapshots", "include"}};
    if (!ifMatch.isEmpty())
        headers.append({"If-Match", ifMatch});
    return make("DELETE", m_location.blobUrl(blob), headers, 0);
}

net::PreparedRequest BlobRequests::setTier(const QString &blob, const QByteArray &tier,
                                           const QByteArray &rehydratePriority) const
{
    HeaderList headers{{"x-ms-access-tier", tier}};
    if (!rehydratePriority.isEmpty())
        headers.append({"x-ms-rehydrate-priority", rehydratePriority});
    return make("PUT", m_location.blobUrl(blob, QStringLiteral("comp=tier")), headers, 0);
}

net::PreparedRequest BlobRequests::setHttpHeaders(const QString &blob,
                                                  const BlobHttpHeaders &headers,
                                                  const QByteArray &ifMatch) const
{
    HeaderList list;
    auto add = [&list](const char *name, const QByteArray &value) {
        if (!value.isEmpty())
            list.append({QByteArray(name), value});
    };
    add("x-ms-blob-content-type", headers.contentType.toUtf8());
    add("x-ms-blob-cache-control", headers.cacheControl.toUtf8());
    add("x-ms-blob-content-disposition", headers.contentDisposition.toUtf8());
    add("x-ms-blob-content-encoding", headers.contentEncoding.toUtf8());
    add("x-ms-blob-content-language", headers.contentLanguage.toUtf8());
    add("x-ms-blob-content-md5", headers.contentMd5);
    add("If-Match", ifMatch);
    return make("PUT", m_location.blobUrl(blob, QStringLiteral("comp=properties")), list, 0);
}

net::PreparedRequest BlobRequests::setMetadata(const QString &blob, const KeyValues &metadata,
                                               const QByteArray &ifMatch) const
{
    HeaderList headers;
    for (const auto &[key, value] : metadata)
        headers.append({"x-ms-meta-" + key.toLatin1(), value.toLatin1()});
    if (!ifMatch.isEmpty())
        headers.append({"If-Match", ifMatch});
    return make("PUT", m_location.blobUrl(blob, QStringLiteral("comp=metadata")), headers, 0);
}

net::PreparedRequest BlobRequests::getTags(const QString &blob) const
{
    return make("GET", m_location.blobUrl(blob, QStringLiteral("comp=tags")), {}, 0);
}

net::PreparedRequest BlobRequests::setTags(const QString &blob, const KeyValues &tags) const
{
    const QByteArray body = tagsBody(tags);
    auto prepared = make("PUT", m_location.blobUrl(blob, QStringLiteral("comp=tags")),
                         {{"Content-Type", "application/xml; charset=UTF-8"}}, body.size());
    prepared.body = body;
    return prepared;
}

} // namespace blobferry::azure
