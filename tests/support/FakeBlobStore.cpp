// SPDX-License-Identifier: MIT
#include "FakeBlobStore.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QLocale>
#include <algorithm>

namespace blobferry::test {

using fakewire::httpDate;
using fakewire::kXmlHead;
using fakewire::md5Of;

namespace {

constexpr int kMaxResults = 5000;
QByteArray escaped(const QString &text)
{
    return text.toHtmlEscaped().toUtf8();
}

QByteArray element(const char *name, const QByteArray &value)
{
    return '<' + QByteArray(name) + '>' + value + "</" + QByteArray(name) + '>';
}

} // namespace

FakeAnswer FakeAnswer::error(int status, const QByteArray &code, const QString &message)
{
    FakeAnswer answer;
    answer.status = status;
    answer.add("x-ms-error-code", code);
    answer.add("Content-Type", "application/xml");
    answer.body =
        kXmlHead + "<Error>" + element("Code", code) +
        element("Message", escaped(message.isEmpty() ? QString::fromLatin1(code) : message)) +
        "</Error>";
    return answer;
}

QByteArray FakeRequest::header(const QByteArray &lowerName) const
{
    for (const auto &[name, value] : headers)
        if (name == lowerName)
            return value;
    return {};
}

QMap<QByteArray, QByteArray> FakeRequest::metadata() const
{
    QMap<QByteArray, QByteArray> metadata;
    for (const auto &[name, value] : headers)
        if (name.startsWith("x-ms-meta-"))
            metadata.insert(name.mid(10), value);
    return metadata;
}

QString FakeRequest::param(const QString &name) const
{
    return query.queryItemValue(name, QUrl::FullyDecoded);
}

std::function<bool(const QByteArray &, const QUrl &)> FakeFault::on(const QByteArray &verb,
                                                                    const QString &part)
{
    return [verb, part](const QByteArray &v, const QUrl &url) {
        const QString asked =
            url.path(QUrl::FullyDecoded) + QLatin1Char('?') + url.query(QUrl::FullyDecoded);
        return v == verb && asked.contains(part);
    };
}

void FakeBlobStore::createContainer(const QString &name)
{
    m_containers[name];
}

void FakeBlobStore::putBlob(const QString &container, const QString &name, const QByteArray &data,
                            const QMap<QByteArray, QByteArray> &metadata)
{
    FakeBlob &blob = m_containers[container].blobs[name];
    blob = FakeBlob{};
    blob.data = data;
    blob.contentMd5 = md5Of(data);
    blob.metadata = metadata;
    touch(&blob);
}

const FakeBlob *FakeBlobStore::blob(const QString &container, const QString &name) const
{
    const auto c = m_containers.constFind(container);
    if (c == m_containers.cend())
        return nullptr;
    const auto b = c->blobs.constFind(name);
    return b == c->blobs.cend() ? nullptr : &*b;
}

QStringList FakeBlobStore::blobNames(const QString &container) const
{
    return m_containers.value(container).blobs.keys();
}

int FakeBlobStore::uncommittedBlocks(const QString &container, const QString &name) const
{
    return int(m_containers.value(container).uncommitted.value(name).size());
}

int FakeBlobStore::addFault(FakeFault fault)
{
    m_faults.append(std::move(fault));
    return int(m_faults.size()) - 1;
}

void FakeBlobStore::opened(const QByteArray &verb)
{
    const int open = ++m_open[verb];
    m_peak[verb] = std::max(m_peak.value(verb), open);
    m_mostInFlight = std::max(m_mostInFlight, ++m_inFlight);
}

void FakeBlobStore::closed(const QByteArray &verb)
{
    --m_open[verb];
    --m_inFlight;
}

std::optional<FakeFault> FakeBlobStore::takeFault(const QByteArray &verb, const QUrl &url)
{
    m_requests.append(QString::fromLatin1(verb) + QLatin1Char(' ') +
                      url.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority));
    for (FakeFault &fault : m_faults) {
        if (fault.hits < fault.times && fault.matches && fault.matches(verb, url)) {
            ++fault.hits;
            return fault;
        }
    }
    return std::nullopt;
}

void FakeBlobStore::locate(const QUrl &url, QString *container, QString *blob)
{
    QString path = url.path(QUrl::FullyDecoded);
    if (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    const QString host = url.host();
    if (!QHostAddress(host).isNull() || host == QLatin1String("localhost")) {
        const qsizetype slash = path.indexOf(QLatin1Char('/')); // the account
        path = slash < 0 ? QString() : path.mid(slash + 1);
    }
    const qsizetype slash = path.indexOf(QLatin1Char('/'));
    *container = slash < 0 ? path : path.left(slash);
    *blob = slash < 0 ? QString() : path.mid(slash + 1);
}

void FakeBlobStore::touch(FakeBlob *blob)
{
    blob->etag = "\"0x" + QByteArray::number(++m_version, 16).toUpper() + '"';
    blob->lastModified = QDateTime::currentDateTimeUtc();
}

void FakeBlobStore::finish(FakeAnswer *answer) const
{
    answer->add("x-ms-request-id", QByteArray::number(++m_requestId));
    answer->add("x-ms-version", "2025-11-05");
    answer->add("Date", httpDate(QDateTime::currentDateTimeUtc()));
}

FakeAnswer FakeBlobStore::answer(const FakeRequest &request)
{
    FakeAnswer answer = [&]() -> FakeAnswer {
        const QString restype = request.param(QStringLiteral("restype"));
        const QString comp = request.param(QStringLiteral("comp"));
        if (request.container.isEmpty())
            return request.verb == "GET" && comp == QLatin1String("list")
                       ? listContainers(request)
                       : FakeAnswer::error(400, "InvalidUri");
        if (restype == QLatin1String("container") && request.blob.isEmpty()) {
            if (request.verb == "PUT" && comp.isEmpty())
                return createContainer(request);
            if (request.verb == "DELETE")
                return deleteContainer(request);
        }
        const auto c = m_containers.find(request.container);
        if (c == m_containers.end())
            return FakeAnswer::error(404, "ContainerNotFound",
                                     QStringLiteral("The specified container does not exist."));
        if (request.blob.isEmpty())
            return request.verb == "GET" && comp == QLatin1String("list")
                       ? listBlobs(request, *c)
                       : FakeAnswer::error(501, "NotImplemented");
        if (request.verb == "PUT" && comp == QLatin1String("block"))
            return putBlock(request, &*c);
        if (request.verb == "PUT" && comp == QLatin1String("blocklist"))
            return putBlockList(request, &*c);
        if (request.verb == "GET" && comp == QLatin1String("blocklist"))
            return getBlockList(request, *c);
        if (request.verb == "PUT" && comp.isEmpty())
            return request.header("x-ms-copy-source").isEmpty() ? putBlob(request, &*c)
                                                                : copyBlob(request, &*c);
        const auto b = c->blobs.find(request.blob);
        if (b == c->blobs.end())
            return FakeAnswer::error(404, "BlobNotFound",
                                     QStringLiteral("The specified blob does not exist."));
        if (auto refused = checkConditions(request, &*b, request.verb == "PUT"))
            return *refused;
        if (request.verb == "GET" && comp == QLatin1String("pagelist"))
            return pageList(*b);
        if (request.verb == "GET" || request.verb == "HEAD") {
            FakeAnswer read = getBlob(request, *b);
            if (request.verb == "HEAD")
                read.body.clear();
            return read;
        }
        if (request.verb == "DELETE") {
            const QByteArray snapshots = request.header("x-ms-delete-snapshots");
            // The fake keeps no snapshots: "include" and "only" have nothing more to delete.
            if (!snapshots.isEmpty() && snapshots != "include" && snapshots != "only")
                return FakeAnswer::error(400, "InvalidHeaderValue");
            c->blobs.erase(b);
            return FakeAnswer{202, {}, {}};
        }
        if (request.verb == "PUT" && comp == QLatin1String("page"))
            return putPage(request, &*b);
        if (request.verb == "PUT")
            return updateBlob(request, &*b);
        return FakeAnswer::error(501, "NotImplemented",
                                 QStringLiteral("The fake Blob service does not do this."));
    }();
    finish(&answer);
    return answer;
}

std::optional<FakeAnswer> FakeBlobStore::checkConditions(const FakeRequest &request,
                                                         const FakeBlob *blob, bool write) const
{
    const QByteArray ifMatch = request.header("if-match");
    const QByteArray ifNoneMatch = request.header("if-none-match");
    if (!ifMatch.isEmpty()) {
        if (!blob)
            return write ? FakeAnswer::error(412, "ConditionNotMet")
                         : FakeAnswer::error(404, "BlobNotFound");
        if (ifMatch != "*" && ifMatch != blob->etag)
            return FakeAnswer::error(412, "ConditionNotMet",
                                     QStringLiteral("The condition specified using HTTP "
                                                    "conditional header(s) is not met."));
    }
    if (!ifNoneMatch.isEmpty() && blob && (ifNoneMatch == "*" || ifNoneMatch == blob->etag)) {
        if (!write)
            return FakeAnswer{304, {}, {}};
        return ifNoneMatch == "*" ? FakeAnswer::error(409, "BlobAlreadyExists",
                                                      QStringLiteral("The specified blob "
                                                                     "already exists."))
                                  : FakeAnswer::error(412, "ConditionNotMet");
    }
    return std::nullopt;
}

FakeAnswer FakeBlobStore::createContainer(const FakeRequest &request)
{
    if (m_containers.contains(request.container))
        return FakeAnswer::error(409, "ContainerAlreadyExists",
                                 QStringLiteral("The specified container already exists."));
    m_containers[request.container];
    return FakeAnswer{201, {}, {}};
}

FakeAnswer FakeBlobStore::deleteContainer(const FakeRequest &request)
{
    if (!m_containers.remove(request.container))
        return FakeAnswer::error(404, "ContainerNotFound");
    return FakeAnswer{202, {}, {}};
}

FakeAnswer FakeBlobStore::listContainers(const FakeRequest &request) const
{
    const QString marker = request.param(QStringLiteral("marker"));
    QByteArray body = kXmlHead + "<EnumerationResults><Containers>";
    for (auto it = m_containers.lowerBound(marker); it != m_containers.cend(); ++it)
        body += "<Container>" + element("Name", escaped(it.key())) + "</Container>";
    body += "</Containers><NextMarker/></EnumerationResults>";
    return FakeAnswer{200, {{"Content-Type", "application/xml"}}, body};
}

FakeAnswer FakeBlobStore::listBlobs(const FakeRequest &request, const Container &container) const
{
    const QString prefix = request.param(QStringLiteral("prefix"));
    const QString delimiter = request.param(QStringLiteral("delimiter"));
    const QString marker = request.param(QStringLiteral("marker"));
    const bool withMetadata = request.param(QStringLiteral("include"))
                                  .split(QLatin1Char(','))
                                  .contains(QLatin1String("metadata"));
    bool ok = false;
    int maxResults = request.param(QStringLiteral("maxresults")).toInt(&ok);
    if (!ok || maxResults <= 0 || maxResults > kMaxResults)
        maxResults = kMaxResults;

    QByteArray items;
    QString lastPrefix;
    QString nextMarker;
    int count = 0;
    // The marker is the name (or virtual directory) the next page starts at: opaque to a
    // client, as Azure's are, since nothing but this store reads it.
    for (auto it = container.blobs.lowerBound(marker); it != container.blobs.cend(); ++it) {
        const QString &name = it.key();
        if (!name.startsWith(prefix))
            continue;
        const qsizetype cut = delimiter.isEmpty() ? -1 : name.indexOf(delimiter, prefix.size());
        const QString directory = cut < 0 ? QString() : name.left(cut + delimiter.size());
        if (!directory.isEmpty() && directory == lastPrefix)
            continue;
        if (count == maxResults) {
            nextMarker = directory.isEmpty() ? name : directory;
            break;
        }
        ++count;
        if (!directory.isEmpty()) {
            lastPrefix = directory;
            items += "<BlobPrefix>" + element("Name", escaped(directory)) + "</BlobPrefix>";
            continue;
        }
        const FakeBlob &blob = it.value();
        items += "<Blob>" + element("Name", escaped(name)) + "<Properties>" +
                 element("Last-Modified", httpDate(blob.lastModified)) +
                 element("Etag", blob.etag) +
                 element("Content-Length", QByteArray::number(blob.data.size())) +
                 element("Content-Type", blob.contentType) +
                 element("Content-Encoding", blob.contentEncoding) +
                 element("Content-MD5", blob.contentMd5) + element("BlobType", blob.blobType) +
                 (blob.blobType == "BlockBlob" ? element("AccessTier", blob.tier) : QByteArray()) +
                 "</Properties>";
        if (withMetadata) {
            items += "<Metadata>";
            for (auto m = blob.metadata.cbegin(); m != blob.metadata.cend(); ++m)
                items += element(m.key().constData(), escaped(QString::fromUtf8(m.value())));
            items += "</Metadata>";
        }
        items += "</Blob>";
    }
    const QByteArray body =
        kXmlHead + "<EnumerationResults ContainerName=\"" + escaped(request.container) + "\">" +
        element("Prefix", escaped(prefix)) + element("Marker", escaped(marker)) +
        element("MaxResults", QByteArray::number(maxResults)) +
        (delimiter.isEmpty() ? QByteArray() : element("Delimiter", escaped(delimiter))) +
        "<Blobs>" + items + "</Blobs>" + element("NextMarker", escaped(nextMarker)) +
        "</EnumerationResults>";
    return FakeAnswer{200, {{"Content-Type", "application/xml"}}, body};
}

FakeAnswer FakeBlobStore::putBlob(const FakeRequest &request, Container *container)
{
    const auto existing = container->blobs.constFind(request.blob);
    if (auto refused = checkConditions(
            request, existing == container->blobs.cend() ? nullptr : &*existing, true))
        return *refused;
    const QByteArray type = request.header("x-ms-blob-type");
    FakeBlob blob;
    if (type == "PageBlob") {
        const qint64 length = request.header("x-ms-blob-content-length").toLongLong();
        if (length < 0 || length % 512 != 0)
            return FakeAnswer::error(400, "InvalidHeaderValue");
        blob.blobType = type;
        blob.data = QByteArray(length, '\0');
    } else if (type == "BlockBlob") {
        const QByteArray md5 = request.header("content-md5");
        if (!md5.isEmpty() && md5 != md5Of(request.body))
            return FakeAnswer::error(400, "Md5Mismatch");
        blob.data = request.body;
        // Put Blob stores an MD5 of what it got when it is given none.
        blob.contentMd5 = md5Of(request.body);
        if (!request.header("content-type").isEmpty())
            blob.contentType = request.header("content-type");
        blob.contentEncoding = request.header("content-encoding");
    } else {
        return FakeAnswer::error(400, "InvalidHeaderValue",
                                 QStringLiteral("x-ms-blob-type is missing or not handled"));
    }
    if (!request.header("x-ms-blob-content-type").isEmpty())
        blob.contentType = request.header("x-ms-blob-content-type");
    if (!request.header("x-ms-blob-content-encoding").isEmpty())
        blob.contentEncoding = request.header("x-ms-blob-content-encoding");
    if (!request.header("x-ms-access-tier").isEmpty())
        blob.tier = request.header("x-ms-access-tier");
    blob.metadata = request.metadata();
    touch(&blob);
    container->uncommitted.remove(request.blob);
    container->blobs.insert(request.blob, blob);
    FakeAnswer answer{
        201, {{"ETag", blob.etag}, {"Last-Modified", httpDate(blob.lastModified)}}, {}};
    if (!blob.contentMd5.isEmpty())
        answer.add("Content-MD5", blob.contentMd5);
    return answer;
}

QByteArray fakewire::httpDate(const QDateTime &when)
{
    return QLocale::c()
        .toString(when.toUTC(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
        .toLatin1();
}

QByteArray fakewire::md5Of(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Md5).toBase64();
}

} // namespace blobferry::test
