// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QNetworkReply>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>
#include <functional>
#include <optional>

namespace blobferry::test {

// How the fake writes what the service writes, shared by the store's two source files.
namespace fakewire {
inline const QByteArray kXmlHead = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";
QByteArray httpDate(const QDateTime &when); // RFC 1123, as the service's headers
QByteArray md5Of(const QByteArray &data);   // base64, as Content-MD5
} // namespace fakewire

// One blob as the fake service keeps it.
struct FakeBlob
{
    QByteArray data;
    QByteArray etag; // quoted, as the service sends it
    QDateTime lastModified;
    QByteArray contentType = "application/octet-stream";
    QByteArray contentMd5; // base64; empty when the blob has none
    QByteArray contentEncoding;
    QMap<QByteArray, QByteArray> metadata; // lower-case names, without "x-ms-meta-"
    QByteArray blobType = "BlockBlob";
    QByteArray tier = "Hot";
    QList<QPair<QByteArray, QByteArray>> blocks; // committed: id, bytes
    QByteArray copyId;                           // set by Copy Blob
};

// An HTTP answer: status, headers, body.
struct FakeAnswer
{
    int status = 200;
    QList<QNetworkReply::RawHeaderPair> headers;
    QByteArray body;

    void add(const QByteArray &name, const QByteArray &value) { headers.append({name, value}); }
    // <Error><Code>…</Code><Message>…</Message></Error> and x-ms-error-code, as Azure answers.
    static FakeAnswer error(int status, const QByteArray &code, const QString &message = {});
};

// What a request asks, taken apart (FakeBlobService builds it).
struct FakeRequest
{
    QByteArray verb;
    QUrl url;
    QString container;                            // empty: the service itself
    QString blob;                                 // empty: the container
    QUrlQuery query;                              // decoded values
    QList<QPair<QByteArray, QByteArray>> headers; // names in lower case
    QByteArray body;

    QByteArray header(const QByteArray &lowerName) const;
    QMap<QByteArray, QByteArray> metadata() const; // x-ms-meta-*, names without the prefix
    QString param(const QString &name) const;
};

// A misbehaviour to inject into the first `times` requests that `matches` accepts.
struct FakeFault
{
    enum class Kind
    {
        Status,   // answer `status` with `errorCode`; the request does nothing
        Delay,    // answer normally, `delayMs` late
        Hang,     // never answer (until aborted or the request's transfer timeout)
        Cut,      // answer normally but close the connection after `cutAfter` body bytes
        QuietCut, // as Cut, but the reply finishes with no error, as Qt's now and then does
    };
    Kind kind = Kind::Status;
    std::function<bool(const QByteArray &verb, const QUrl &url)> matches;
    int times = 1;
    int status = 503;
    QByteArray errorCode = "ServerBusy";
    QList<QNetworkReply::RawHeaderPair> headers; // with the status: Retry-After, …
    int delayMs = 0;
    qint64 cutAfter = 0;
    int hits = 0; // how many requests it took so far

    // Requests of `verb` whose URL (path and query, decoded) contains `part`.
    static std::function<bool(const QByteArray &, const QUrl &)> on(const QByteArray &verb,
                                                                    const QString &part);
};

// The state of the fake Blob service: containers, blobs, uncommitted blocks and the faults
// still to inject, shared by every FakeBlobService (a pool makes several), and the semantics
// of each operation as Azure has them (conditions, ranges, block lists, listing pages).
class FakeBlobStore final
{
public:
    // Seen from a test.
    void createContainer(const QString &name);
    bool hasContainer(const QString &name) const { return m_containers.contains(name); }
    void putBlob(const QString &container, const QString &name, const QByteArray &data,
                 const QMap<QByteArray, QByteArray> &metadata = {});
    const FakeBlob *blob(const QString &container, const QString &name) const;
    QStringList blobNames(const QString &container) const;
    // Blocks put and not yet committed (or discarded by a commit).
    int uncommittedBlocks(const QString &container, const QString &name) const;
    // Returns the fault's index for faultHits().
    int addFault(FakeFault fault);
    int faultHits(int index) const { return m_faults.value(index).hits; }
    // "VERB path?query" of every request, in order.
    const QStringList &requests() const { return m_requests; }
    // Requests of `verb` sent and not yet answered (or aborted): now, and the most at once.
    int inFlight(const QByteArray &verb) const { return m_open.value(verb); }
    int peakInFlight(const QByteArray &verb) const { return m_peak.value(verb); }
    // The same for every request, whatever its verb.
    int inFlight() const { return m_inFlight; }
    int mostInFlight() const { return m_mostInFlight; }

    // Used by FakeBlobService.
    void opened(const QByteArray &verb);
    void closed(const QByteArray &verb);
    std::optional<FakeFault> takeFault(const QByteArray &verb, const QUrl &url);
    FakeAnswer answer(const FakeRequest &request);
    // The container and blob a URL names (path style for IP hosts and localhost).
    static void locate(const QUrl &url, QString *container, QString *blob);

private:
    struct Container
    {
        QMap<QString, FakeBlob> blobs;
        QMap<QString, QList<QPair<QByteArray, QByteArray>>> uncommitted; // blob → id, bytes
    };

    FakeAnswer createContainer(const FakeRequest &request);
    FakeAnswer deleteContainer(const FakeRequest &request);
    FakeAnswer listContainers(const FakeRequest &request) const;
    FakeAnswer listBlobs(const FakeRequest &request, const Container &container) const;
    FakeAnswer putBlob(const FakeRequest &request, Container *container);
    FakeAnswer putBlock(const FakeRequest &request, Container *container);
    FakeAnswer putBlockList(const FakeRequest &request, Container *container);
    FakeAnswer getBlockList(const FakeRequest &request, const Container &container) const;
    FakeAnswer copyBlob(const FakeRequest &request, Container *container);
    FakeAnswer getBlob(const FakeRequest &request, const FakeBlob &blob) const;
    FakeAnswer updateBlob(const FakeRequest &request, FakeBlob *blob);
    FakeAnswer putPage(const FakeRequest &request, FakeBlob *blob);
    FakeAnswer pageList(const FakeBlob &blob) const;
    // Applies If-Match / If-None-Match; an answer when the request must stop there.
    std::optional<FakeAnswer> checkConditions(const FakeRequest &request, const FakeBlob *blob,
                                              bool write) const;
    void touch(FakeBlob *blob);
    void finish(FakeAnswer *answer) const;

    QMap<QString, Container> m_containers;
    QList<FakeFault> m_faults;
    QStringList m_requests;
    QMap<QByteArray, int> m_open;
    QMap<QByteArray, int> m_peak;
    int m_inFlight = 0;
    int m_mostInFlight = 0;
    quint64 m_version = 0x8DC000000000000; // ETags grow from here
    mutable int m_requestId = 0;
};

} // namespace blobferry::test
