// SPDX-License-Identifier: MIT
// The Requester against the fake Blob service (support/FakeBlobService): one budget for every
// request sent through it, first come first served, and an owner that goes away takes its
// request with it without leaking a slot.
#include "net/Requester.h"

#include "azure/BlobRequests.h"
#include "support/EventWait.h"
#include "support/FakeBlobService.h"

#include <QTimer>
#include <catch2/catch.hpp>
#include <memory>

using namespace blobferry;
using namespace blobferry::test;

namespace {

azure::BlobRequests fakeBlobs()
{
    QString error;
    const auto location = azure::BlobLocation::parse(
        QStringLiteral("http://127.0.0.1:10000/devstoreaccount1/box"), &error);
    REQUIRE(location);
    return azure::BlobRequests(*location, azure::Credential::anonymous());
}

net::Request getOf(const azure::BlobRequests &blobs, const QString &name)
{
    net::Request request;
    request.factory = [&blobs, name] { return blobs.getBlob(name, 0, -1, {}); };
    request.policy.maxTries = 1;
    return request;
}

} // namespace

TEST_CASE("Requester: no more requests in flight than its budget, the rest in the order sent")
{
    FakeBlobStore store;
    store.createContainer(QStringLiteral("box"));
    for (int i = 0; i < 6; ++i)
        store.putBlob(QStringLiteral("box"), QStringLiteral("b%1").arg(i), QByteArray(10, 'a' + i));
    FakeFault slow;
    slow.kind = FakeFault::Kind::Delay;
    slow.delayMs = 30;
    slow.times = 6;
    slow.matches = FakeFault::on("GET", QStringLiteral("/box/b"));
    store.addFault(slow);

    net::RequesterSettings settings;
    settings.concurrency = 2;
    settings.accessManagers = FakeBlobService::factory(&store);
    net::Requester requester(settings);
    const azure::BlobRequests blobs = fakeBlobs();
    QObject owner;
    QStringList order;
    int mostInFlight = 0;
    for (int i = 0; i < 6; ++i) {
        const QString name = QStringLiteral("b%1").arg(i);
        requester.send(getOf(blobs, name), &owner, [&, name](const net::HttpResult &result) {
            CHECK(result.ok());
            CHECK(result.body == QByteArray(10, 'a' + name.back().digitValue()));
            order << name;
        });
        mostInFlight = std::max(mostInFlight, requester.inFlight());
    }
    CHECK(requester.inFlight() == 2);
    CHECK(requester.waiting() == 4);
    CHECK_FALSE(requester.hasFreeSlot());
    QTimer sample;
    QObject::connect(&sample, &QTimer::timeout,
                     [&] { mostInFlight = std::max(mostInFlight, requester.inFlight()); });
    sample.start(1);
    runUntil([&] { return order.size() == 6; });
    CHECK(mostInFlight == 2);
    CHECK(order.size() == 6);
    // Two at a time with equal delays: each pair finishes before the next starts.
    CHECK(QSet<QString>(order.cbegin(), order.cbegin() + 2) ==
          QSet<QString>{QStringLiteral("b0"), QStringLiteral("b1")});
    CHECK(requester.inFlight() == 0);
    CHECK(requester.hasFreeSlot());
}

TEST_CASE("Requester: a request whose owner is deleted frees its slot and never calls back")
{
    FakeBlobStore store;
    store.createContainer(QStringLiteral("box"));
    store.putBlob(QStringLiteral("box"), QStringLiteral("b"), QByteArray("bytes"));
    FakeFault hang;
    hang.kind = FakeFault::Kind::Hang;
    hang.matches = FakeFault::on("GET", QStringLiteral("/box/b"));
    hang.times = 1;
    store.addFault(hang);

    net::RequesterSettings settings;
    settings.concurrency = 1;
    settings.accessManagers = FakeBlobService::factory(&store);
    net::Requester requester(settings);
    const azure::BlobRequests blobs = fakeBlobs();
    auto gone = std::make_unique<QObject>();
    bool goneCalled = false;
    requester.send(getOf(blobs, QStringLiteral("b")), gone.get(),
                   [&](const net::HttpResult &) { goneCalled = true; });
    QObject owner;
    QByteArray second;
    requester.send(getOf(blobs, QStringLiteral("b")), &owner,
                   [&](const net::HttpResult &result) { second = result.body; });
    CHECK(requester.waiting() == 1);
    int freed = 0;
    QObject::connect(&requester, &net::Requester::slotFreed, [&] { ++freed; });
    gone.reset(); // the hanging request goes with its owner; the waiting one takes the slot
    runUntil([&] { return !second.isEmpty(); });
    CHECK(second == "bytes");
    CHECK_FALSE(goneCalled);
    CHECK(freed >= 1);
    CHECK(requester.inFlight() == 0);
}

TEST_CASE("Requester: aborting a request that still waits ends it as cancelled, at once")
{
    FakeBlobStore store;
    store.createContainer(QStringLiteral("box"));
    store.putBlob(QStringLiteral("box"), QStringLiteral("b"), QByteArray("bytes"));
    FakeFault hang;
    hang.kind = FakeFault::Kind::Hang;
    hang.matches = FakeFault::on("GET", QStringLiteral("/box/b"));
    store.addFault(hang);

    net::RequesterSettings settings;
    settings.concurrency = 1;
    settings.accessManagers = FakeBlobService::factory(&store);
    net::Requester requester(settings);
    const azure::BlobRequests blobs = fakeBlobs();
    QObject owner;
    requester.send(getOf(blobs, QStringLiteral("b")), &owner, {}); // hangs, holding the slot
    std::optional<net::HttpResult> waited;
    net::HttpJob *queued = requester.send(getOf(blobs, QStringLiteral("b")), &owner,
                                          [&](const net::HttpResult &result) { waited = result; });
    queued->abort();
    runUntil([&] { return waited.has_value(); });
    REQUIRE(waited);
    CHECK(waited->cancelled);
    CHECK(requester.waiting() == 0);
    CHECK(requester.inFlight() == 1);
}
