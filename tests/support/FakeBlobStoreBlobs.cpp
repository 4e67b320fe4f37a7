// SPDX-License-Identifier: MIT
// FakeBlobStore: the operations on one blob's bytes and properties (blocks, pages, ranges,
// copies). Listing, containers and conditions are in FakeBlobStore.cpp.
#include "FakeBlobStore.h"

#include <QCryptographicHash>
#include <QLocale>
#include <QXmlStreamReader>

namespace blobferry::test {

using fakewire::httpDate;
using fakewire::kXmlHead;
using fakewire::md5Of;

namespace {

constexpr qint64 kMaxRangeMd5 = 4 * 1024 * 1024; // x-ms-range-get-content-md5's limit
constexpr qint64 kPage = 512;
using BlockList = QList<QPair<QByteArray, QByteArray>>;

const QByteArray *findBlock(const BlockList &blocks, const QByteArray &id)
{
    for (const auto &[blockId, bytes] : blocks)
        if (blockId == id)
            return &bytes;
    return nullptr;
}

QByteArray blockElements(const BlockList &blocks)
{
    QByteArray xml;
    for (const auto &[id, bytes] : blocks)
        xml += "<Block><Name>" + id + "</Name><Size>" + QByteArray::number(bytes.size()) +
               "</Size></Block>";
    return xml;
}

// "bytes=a-b" or "bytes=a-": false when it is not one.
bool parseRange(const QByteArray &text, qint64 *start, qint64 *end)
{
    if (!text.startsWith("bytes="))
        return false;
    const QList<QByteArray> parts = text.mid(6).split('-');
    if (parts.size() != 2)
        return false;
    bool ok = false;
    *start = parts[0].toLongLong(&ok);
    if (!ok || *start < 0)
        return false;
    *end = parts[1].isEmpty() ? -1 : parts[1].toLongLong(&ok);
    return ok && (*end < 0 || *end >= *start);
}

} // namespace

FakeAnswer FakeBlobStore::putBlock(const FakeRequest &request, Container *container)
{
    const QByteArray id = request.param(QStringLiteral("blockid")).toLatin1();
    if (id.isEmpty() || QByteArray::fromBase64(id).isEmpty())
        return FakeAnswer::error(400, "InvalidQueryParameterValue",
                                 QStringLiteral("blockid is missing or not base64"));
    const QByteArray md5 = request.header("content-md5");
    if (!md5.isEmpty() && md5 != md5Of(request.body))
        return FakeAnswer::error(400, "Md5Mismatch");
    BlockList &blocks = container->uncommitted[request.blob];
    bool replaced = false;
    for (auto &[blockId, bytes] : blocks)
        if (blockId == id) {
            bytes = request.body;
            replaced = true;
        }
    if (!replaced)
        blocks.append({id, request.body});
    return FakeAnswer{201, {{"Content-MD5", md5Of(request.body)}}, {}};
}

FakeAnswer FakeBlobStore::putBlockList(const FakeRequest &request, Container *container)
{
    const auto existing = container->blobs.constFind(request.blob);
    const FakeBlob *old = existing == container->blobs.cend() ? nullptr : &*existing;
    if (auto refused = checkConditions(request, old, true))
        return *refused;
    const BlockList uncommitted = container->uncommitted.value(request.blob);
    const BlockList committed = old ? old->blocks : BlockList{};
    BlockList chosen;
    QXmlStreamReader reader(request.body);
    if (!reader.readNextStartElement() || reader.name() != QLatin1String("BlockList"))
        return FakeAnswer::error(400, "InvalidXmlDocument");
    while (reader.readNextStartElement()) {
        const QString kind = reader.name().toString();
        const QByteArray id = reader.readElementText().toLatin1();
        const QByteArray *bytes = nullptr;
        if (kind == QLatin1String("Latest"))
            bytes =
                findBlock(uncommitted, id) ? findBlock(uncommitted, id) : findBlock(committed, id);
        else if (kind == QLatin1String("Uncommitted"))
            bytes = findBlock(uncommitted, id);
        else if (kind == QLatin1String("Committed"))
            bytes = findBlock(committed, id);
        if (!bytes)
            return FakeAnswer::error(400, "InvalidBlockList",
                                     QStringLiteral("The specified block list is invalid."));
        chosen.append({id, *bytes});
    }
    if (reader.hasError())
        return FakeAnswer::error(400, "InvalidXmlDocument");
    FakeBlob blob;
    for (const auto &[id, bytes] : chosen)
        blob.data += bytes;
    blob.blocks = chosen;
    if (!request.header("x-ms-blob-content-type").isEmpty())
        blob.contentType = request.header("x-ms-blob-content-type");
    blob.contentMd5 = request.header("x-ms-blob-content-md5");
    blob.contentEncoding = request.header("x-ms-blob-content-encoding");
    if (!request.header("x-ms-access-tier").isEmpty())
        blob.tier = request.header("x-ms-access-tier");
    blob.metadata = request.metadata();
    touch(&blob);
    container->uncommitted.remove(request.blob);
    container->blobs.insert(request.blob, blob);
    return FakeAnswer{
        201, {{"ETag", blob.etag}, {"Last-Modified", httpDate(blob.lastModified)}}, {}};
}

FakeAnswer FakeBlobStore::getBlockList(const FakeRequest &request, const Container &container) const
{
    const auto blob = container.blobs.constFind(request.blob);
    const bool exists = blob != container.blobs.cend();
    if (!exists && !container.uncommitted.contains(request.blob))
        return FakeAnswer::error(404, "BlobNotFound");
    const QString type = request.param(QStringLiteral("blocklisttype"));
    const bool all = type == QLatin1String("all");
    QByteArray body = kXmlHead + "<BlockList>";
    if (all || type.isEmpty() || type == QLatin1String("committed"))
        body += "<CommittedBlocks>" + blockElements(exists ? blob->blocks : BlockList{}) +
                "</CommittedBlocks>";
    if (all || type == QLatin1String("uncommitted"))
        body += "<UncommittedBlocks>" + blockElements(container.uncommitted.value(request.blob)) +
                "</UncommittedBlocks>";
    body += "</BlockList>";
    FakeAnswer answer{200, {{"Content-Type", "application/xml"}}, body};
    if (exists)
        answer.add("ETag", blob->etag);
    return answer;
}

FakeAnswer FakeBlobStore::copyBlob(const FakeRequest &request, Container *container)
{
    const auto existing = container->blobs.constFind(request.blob);
    if (auto refused = checkConditions(
            request, existing == container->blobs.cend() ? nullptr : &*existing, true))
        return *refused;
    QString sourceContainer;
    QString sourceName;
    locate(QUrl::fromEncoded(request.header("x-ms-copy-source")), &sourceContainer, &sourceName);
    const FakeBlob *source = blob(sourceContainer, sourceName);
    if (!source)
        return FakeAnswer::error(404, "CannotVerifyCopySource",
                                 QStringLiteral("The specified blob does not exist."));
    FakeBlob copy = *source; // before the insert: source may live in the same map
    const QMap<QByteArray, QByteArray> metadata = request.metadata();
    if (!metadata.isEmpty())
        copy.metadata = metadata;
    copy.copyId = QByteArray::number(m_version + 1, 16);
    touch(&copy);
    container->blobs.insert(request.blob, copy);
    // A copy within one account completes at once (as Azurite's always do).
    return FakeAnswer{202,
                      {{"ETag", copy.etag},
                       {"Last-Modified", httpDate(copy.lastModified)},
                       {"x-ms-copy-id", copy.copyId},
                       {"x-ms-copy-status", "success"}},
                      {}};
}

FakeAnswer FakeBlobStore::getBlob(const FakeRequest &request, const FakeBlob &blob) const
{
    if (blob.tier == "Archive")
        return FakeAnswer::error(409, "BlobArchived",
                                 QStringLiteral("This operation is not permitted on an archived "
                                                "blob."));
    const qint64 size = blob.data.size();
    QByteArray rangeText = request.header("x-ms-range");
    if (rangeText.isEmpty())
        rangeText = request.header("range");
    FakeAnswer answer;
    qint64 start = 0;
    qint64 end = -1;
    if (!rangeText.isEmpty() && request.verb == "GET" && parseRange(rangeText, &start, &end)) {
        if (start >= size)
            return FakeAnswer::error(416, "InvalidRange",
                                     QStringLiteral("The range specified is invalid for the "
                                                    "current size of the resource."));
        end = end < 0 ? size - 1 : std::min(end, size - 1);
        answer.status = 206;
        answer.body = blob.data.mid(start, end - start + 1);
        answer.add("Content-Range", "bytes " + QByteArray::number(start) + '-' +
                                        QByteArray::number(end) + '/' + QByteArray::number(size));
        if (request.header("x-ms-range-get-content-md5") == "true") {
            if (answer.body.size() > kMaxRangeMd5)
                return FakeAnswer::error(400, "OutOfRangeInput");
            answer.add("Content-MD5", md5Of(answer.body));
        } else if (!blob.contentMd5.isEmpty()) {
            answer.add("x-ms-blob-content-md5", blob.contentMd5);
        }
    } else {
        answer.body = blob.data;
        if (!blob.contentMd5.isEmpty())
            answer.add("Content-MD5", blob.contentMd5);
    }
    answer.add("Content-Length", QByteArray::number(answer.body.size()));
    answer.add("Last-Modified", httpDate(blob.lastModified));
    answer.add("ETag", blob.etag);
    answer.add("Content-Type", blob.contentType);
    if (!blob.contentEncoding.isEmpty())
        answer.add("Content-Encoding", blob.contentEncoding);
    answer.add("x-ms-blob-type", blob.blobType);
    answer.add("Accept-Ranges", "bytes");
    if (blob.blobType == "BlockBlob")
        answer.add("x-ms-access-tier", blob.tier);
    if (!blob.copyId.isEmpty()) {
        answer.add("x-ms-copy-id", blob.copyId);
        answer.add("x-ms-copy-status", "success");
    }
    for (auto it = blob.metadata.cbegin(); it != blob.metadata.cend(); ++it)
        answer.add("x-ms-meta-" + it.key(), it.value());
    return answer;
}

FakeAnswer FakeBlobStore::updateBlob(const FakeRequest &request, FakeBlob *blob)
{
    const QString comp = request.param(QStringLiteral("comp"));
    if (comp == QLatin1String("tier")) {
        static const QList<QByteArray> tiers{"Hot", "Cool", "Cold", "Archive"};
        const QByteArray tier = request.header("x-ms-access-tier");
        if (!tiers.contains(tier) || blob->blobType != "BlockBlob")
            return FakeAnswer::error(400, "InvalidHeaderValue");
        blob->tier = tier; // the ETag stays: a tier is no change of the blob
        return FakeAnswer{200, {}, {}};
    }
    if (comp == QLatin1String("metadata")) {
        blob->metadata = request.metadata(); // Set Blob Metadata replaces all of it
    } else if (comp == QLatin1String("properties")) {
        // Set Blob Properties clears the standard properties it is not given.
        const QByteArray type = request.header("x-ms-blob-content-type");
        blob->contentType = type.isEmpty() ? QByteArray("application/octet-stream") : type;
        blob->contentMd5 = request.header("x-ms-blob-content-md5");
        blob->contentEncoding = request.header("x-ms-blob-content-encoding");
        const QByteArray length = request.header("x-ms-blob-content-length");
        if (!length.isEmpty() && blob->blobType == "PageBlob")
            blob->data.resize(length.toLongLong(), '\0');
    } else {
        return FakeAnswer::error(501, "NotImplemented",
                                 QStringLiteral("The fake Blob service does not do this."));
    }
    touch(blob);
    return FakeAnswer{
        200, {{"ETag", blob->etag}, {"Last-Modified", httpDate(blob->lastModified)}}, {}};
}

FakeAnswer FakeBlobStore::putPage(const FakeRequest &request, FakeBlob *blob)
{
    qint64 start = 0;
    qint64 end = -1;
    if (blob->blobType != "PageBlob")
        return FakeAnswer::error(400, "InvalidBlobType");
    if (!parseRange(request.header("x-ms-range"), &start, &end) || end < 0 || start % kPage ||
        (end + 1) % kPage || end >= blob->data.size())
        return FakeAnswer::error(416, "InvalidPageRange");
    const qint64 length = end - start + 1;
    const QByteArray write = request.header("x-ms-page-write");
    if (write == "update") {
        if (request.body.size() != length)
            return FakeAnswer::error(400, "InvalidHeaderValue");
        blob->data.replace(start, length, request.body);
    } else if (write == "clear") {
        blob->data.replace(start, length, QByteArray(length, '\0'));
    } else {
        return FakeAnswer::error(400, "InvalidHeaderValue");
    }
    touch(blob);
    return FakeAnswer{
        201, {{"ETag", blob->etag}, {"Last-Modified", httpDate(blob->lastModified)}}, {}};
}

FakeAnswer FakeBlobStore::pageList(const FakeBlob &blob) const
{
    // Pages with a byte other than zero count as written (the fake keeps no finer record).
    QByteArray body = kXmlHead + "<PageList>";
    qint64 runStart = -1;
    const qint64 size = blob.data.size();
    for (qint64 page = 0; page <= size; page += kPage) {
        const bool written = page < size && blob.data.mid(page, kPage).count('\0') != kPage;
        if (written && runStart < 0)
            runStart = page;
        if (!written && runStart >= 0) {
            body += "<PageRange><Start>" + QByteArray::number(runStart) + "</Start><End>" +
                    QByteArray::number(page - 1) + "</End></PageRange>";
            runStart = -1;
        }
    }
    body += "</PageList>";
    return FakeAnswer{200,
                      {{"Content-Type", "application/xml"},
                       {"ETag", blob.etag},
                       {"x-ms-blob-content-length", QByteArray::number(size)}},
                      body};
}

} // namespace blobferry::test
