// SPDX-License-Identifier: MIT
// The fake Blob service answers the requests blobferry builds (azure::BlobRequests) the way
// the service does, read back with blobferry's own parsers: what the engine tests through it
// rely on. Azurite's tests judge the real service.
#include "support/FakeBlobService.h"

#include "azure/BlobRequests.h"
#include "azure/BlobXml.h"
#include "net/HttpJob.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QEventLoop>
#include <catch2/catch.hpp>

using namespace blobferry;
using namespace blobferry::test;

namespace {

const QString kContainer = QStringLiteral("box");

azure::BlobRequests fakeRequests()
{
    QString error;
    return azure::BlobRequests(
        *azure::BlobLocation::parse(
            QStringLiteral("http://127.0.0.1:10000/devstoreaccount1/") + kContainer, &error),
        azure::Credential::anonymous());
}

net::HttpResult call(FakeBlobStore *store, const net::PreparedRequest &prepared)
{
    FakeBlobService service(store);
    net::RetryPolicy once;
    once.maxTries = 1;
    net::HttpJob job(
        &service, [prepared] { return prepared; }, once);
    QEventLoop loop;
    QObject::connect(&job, &net::HttpJob::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    return job.result();
}

net::BodyOpener bodyOf(const QByteArray &data)
{
    return [data]() -> QIODevice * {
        auto *buffer = new QBuffer;
        buffer->setData(data);
        buffer->open(QIODevice::ReadOnly);
        return buffer;
    };
}

// Every page of a listing, followed by its NextMarkers as the engine does.
azure::BlobListPage listAll(FakeBlobStore *store, const QString &prefix, const QString &delimiter,
                            int pageSize, int *pages)
{
    const azure::BlobRequests requests = fakeRequests();
    azure::BlobListPage all;
    QString marker;
    *pages = 0;
    do {
        const net::HttpResult result =
            call(store, requests.listBlobs(prefix, delimiter, marker, pageSize));
        REQUIRE(result.status == 200);
        azure::BlobListPage page;
        QString error;
        REQUIRE(azure::xml::parseBlobList(result.body, &page, &error));
        ++*pages;
        all.blobs += page.blobs;
        all.prefixes += page.prefixes;
        marker = page.nextMarker;
    } while (!marker.isEmpty() && *pages < 100);
    return all;
}

QStringList namesOf(const azure::BlobListPage &page)
{
    QStringList names;
    for (const auto &blob : page.blobs)
        names.append(blob.name);
    return names;
}

} // namespace

TEST_CASE("the fake service lists by prefix and delimiter in pages of maxresults", "[fakeservice]")
{
    FakeBlobStore store;
    for (const char *name : {"a/1", "a/2", "b", "c/x/y", "d", "e & <f>"})
        store.putBlob(kContainer, QString::fromLatin1(name), name);
    store.putBlob(kContainer, QStringLiteral("m"), "m", {{"blobferrymtime", "1700000000000"}});

    int pages = 0;
    const azure::BlobListPage flat = listAll(&store, {}, {}, 2, &pages);
    CHECK(namesOf(flat) == store.blobNames(kContainer));
    CHECK(pages == (flat.blobs.size() + 1) / 2);
    CHECK(flat.blobs.constLast().fileModifiedMs == 1700000000000);

    const azure::BlobListPage top = listAll(&store, {}, QStringLiteral("/"), 2, &pages);
    CHECK(namesOf(top) == QStringList{"b", "d", "e & <f>", "m"});
    CHECK(top.prefixes == QStringList{"a/", "c/"});
    CHECK(pages == (top.blobs.size() + top.prefixes.size() + 1) / 2);

    const azure::BlobListPage under = listAll(&store, QStringLiteral("a/"), {}, 5000, &pages);
    CHECK(namesOf(under) == QStringList{"a/1", "a/2"});
}

TEST_CASE("the fake service refuses writes and deletes their conditions forbid", "[fakeservice]")
{
    FakeBlobStore store;
    store.putBlob(kContainer, QStringLiteral("there"), "old bytes");
    const azure::BlobRequests requests = fakeRequests();
    azure::BlobProperties onlyIfAbsent;
    onlyIfAbsent.onlyIfAbsent = true;

    const net::HttpResult again =
        call(&store, requests.putBlob(QStringLiteral("there"), 3, bodyOf("new"), onlyIfAbsent));
    CHECK(again.status == 409);
    CHECK(again.header("x-ms-error-code") == "BlobAlreadyExists");
    CHECK(store.blob(kContainer, QStringLiteral("there"))->data == "old bytes");

    const net::HttpResult stale =
        call(&store, requests.deleteBlob(QStringLiteral("there"), "\"0xSTALE\""));
    CHECK(stale.status == 412);
    CHECK(stale.header("x-ms-error-code") == "ConditionNotMet");
    const QByteArray etag = store.blob(kContainer, QStringLiteral("there"))->etag;
    CHECK(call(&store, requests.deleteBlob(QStringLiteral("there"), etag)).status == 202);
    CHECK(store.blob(kContainer, QStringLiteral("there")) == nullptr);
    CHECK(call(&store, requests.getProperties(QStringLiteral("there"))).status == 404);
}

TEST_CASE("the fake service commits blocks and answers ranges with their MD5", "[fakeservice]")
{
    FakeBlobStore store;
    store.createContainer(kContainer);
    const azure::BlobRequests requests = fakeRequests();
    const QString name = QStringLiteral("blocks.bin");
    const QList<QByteArray> ids{QByteArray("AAAA"), QByteArray("AAAB")};
    CHECK(call(&store, requests.putBlock(name, ids[1], 5, bodyOf("world"), {})).status == 201);
    CHECK(call(&store, requests.putBlock(name, ids[0], 6, bodyOf("hello "), {})).status == 201);
    azure::BlobProperties properties;
    properties.fileModifiedMs = 1234;
    CHECK(call(&store, requests.putBlockList(name, ids, properties)).status == 201);

    const net::HttpResult list = call(&store, requests.getBlockList(name));
    azure::BlockListResult blocks;
    QString error;
    REQUIRE(azure::xml::parseBlockList(list.body, &blocks, &error));
    REQUIRE(blocks.committed.size() == 2);
    CHECK(blocks.committed[0].id == ids[0]);
    CHECK(blocks.uncommitted.isEmpty());

    const net::HttpResult range = call(&store, requests.getBlob(name, 3, 5, {}, true));
    CHECK(range.status == 206);
    CHECK(range.body == "lo wo");
    CHECK(range.header("Content-MD5") ==
          QCryptographicHash::hash("lo wo", QCryptographicHash::Md5).toBase64());
    CHECK(range.header("Content-Range") == "bytes 3-7/11");

    const net::HttpResult head = call(&store, requests.getProperties(name));
    CHECK(head.status == 200);
    CHECK(head.header("Content-Length") == "11");
    CHECK(head.header("x-ms-meta-blobferrymtime") == "1234");
    CHECK(head.header("x-ms-blob-type") == "BlockBlob");
    CHECK(head.header("ETag") == store.blob(kContainer, name)->etag);
}

TEST_CASE("the fake service injects a status and a delay into the requests chosen", "[fakeservice]")
{
    FakeBlobStore store;
    store.putBlob(kContainer, QStringLiteral("x"), "x");
    const azure::BlobRequests requests = fakeRequests();
    FakeFault busy;
    busy.matches = FakeFault::on("HEAD", QStringLiteral("/box/x"));
    busy.times = 2;
    busy.headers = {{"x-ms-retry-after-ms", "1"}};
    const int fault = store.addFault(busy);
    FakeFault slow;
    slow.kind = FakeFault::Kind::Delay;
    slow.delayMs = 50;
    slow.matches = FakeFault::on("GET", QStringLiteral("/box/x"));
    store.addFault(slow);

    for (int i = 0; i < 2; ++i) {
        const net::HttpResult refused = call(&store, requests.getProperties(QStringLiteral("x")));
        CHECK(refused.status == 503);
        CHECK(refused.header("x-ms-error-code") == "ServerBusy");
        CHECK(refused.header("x-ms-retry-after-ms") == "1");
    }
    CHECK(call(&store, requests.getProperties(QStringLiteral("x"))).status == 200);
    CHECK(store.faultHits(fault) == 2);

    // A delayed GET sent first is answered after a HEAD sent next.
    FakeBlobService service(&store);
    net::RetryPolicy once;
    once.maxTries = 1;
    net::HttpJob get(
        &service, [&] { return requests.getBlob(QStringLiteral("x"), 0, -1, {}); }, once);
    net::HttpJob head(
        &service, [&] { return requests.getProperties(QStringLiteral("x")); }, once);
    QStringList order;
    QEventLoop loop;
    QObject::connect(&get, &net::HttpJob::finished, &loop, [&] {
        order.append(QStringLiteral("GET"));
        loop.quit();
    });
    QObject::connect(&head, &net::HttpJob::finished, &loop,
                     [&] { order.append(QStringLiteral("HEAD")); });
    get.start();
    head.start();
    loop.exec();
    CHECK(order == QStringList{"HEAD", "GET"});
    CHECK(get.result().body == "x");
}
