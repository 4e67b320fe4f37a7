// SPDX-License-Identifier: MIT
// The blob service (azure::BlobService, ListingCursor, BlobDeletion, BlobEntry) against the
// fake Blob service: what a caller gets back — pages, blobs, outcomes — and what is left in the
// store. Azurite judges the real service (tests/gui drives the window's Delete against it).
#include "azure/BlobService.h"

#include "azure/BlobDeletion.h"
#include "azure/ListingCursor.h"
#include "net/Requester.h"
#include "support/EventWait.h"
#include "support/FakeBlobService.h"

#include <QEventLoop>
#include <QTimer>
#include <catch2/catch.hpp>
#include <functional>
#include <memory>

using namespace blobferry;
using namespace blobferry::test;
using azure::BlobDeletion;

namespace {

const QString kContainer = QStringLiteral("box");

// A requester on the fake, and a service for one of its containers.
struct Fixture
{
    FakeBlobStore store;
    std::unique_ptr<net::Requester> requester;

    explicit Fixture(int concurrency = 16)
    {
        net::RequesterSettings settings;
        settings.concurrency = concurrency;
        settings.accessManagers = FakeBlobService::factory(&store);
        requester = std::make_unique<net::Requester>(settings);
    }

    azure::BlobService service(const QString &container = kContainer)
    {
        QString error;
        const auto location = azure::BlobLocation::parse(
            QStringLiteral("http://127.0.0.1:10000/devstoreaccount1/") + container, &error);
        REQUIRE(location);
        net::RetryPolicy once;
        once.maxTries = 1;
        return azure::BlobService(
            requester.get(), azure::BlobRequests(*location, azure::Credential::anonymous()), once);
    }
};

// Runs the event loop until `done` holds (the test fails after 5 s).
void waitUntil(const std::function<bool()> &done)
{
    REQUIRE(runUntil(done, 5000));
}

struct PageAnswer
{
    azure::CallOutcome outcome;
    azure::BlobListPage page;
};

PageAnswer listPage(azure::BlobService &service, const QString &prefix, const QString &delimiter,
                    const QString &marker, int pageSize)
{
    QObject context;
    std::optional<PageAnswer> answer;
    service.listPage(prefix, delimiter, marker, pageSize, &context,
                     [&](const azure::CallOutcome &outcome, const azure::BlobListPage &page) {
                         answer = PageAnswer{outcome, page};
                     });
    waitUntil([&] { return answer.has_value(); });
    return *answer;
}

QStringList namesOf(const azure::BlobListPage &page)
{
    QStringList names;
    for (const azure::BlobEntry &blob : page.blobs)
        names << blob.name;
    return names;
}

azure::CallOutcome wait(const std::function<void(QObject *, azure::BlobService::Done)> &call)
{
    QObject context;
    std::optional<azure::CallOutcome> answer;
    call(&context, [&](const azure::CallOutcome &outcome) { answer = outcome; });
    waitUntil([&] { return answer.has_value(); });
    return *answer;
}

std::pair<azure::CallOutcome, azure::BlobEntry> properties(azure::BlobService &service,
                                                           const QString &blob)
{
    QObject context;
    std::optional<std::pair<azure::CallOutcome, azure::BlobEntry>> answer;
    service.getProperties(blob, &context,
                          [&](const azure::CallOutcome &outcome, const azure::BlobEntry &entry) {
                              answer = std::make_pair(outcome, entry);
                          });
    waitUntil([&] { return answer.has_value(); });
    return *answer;
}

// What a deletion reported, blob by blob.
struct DeletionLog
{
    QMap<QString, BlobDeletion::Result> results;
    QStringList listingErrors;
    bool finished = false;

    explicit DeletionLog(BlobDeletion *deletion)
    {
        QObject::connect(deletion, &BlobDeletion::blobDone,
                         [this](const QString &name, BlobDeletion::Result result, const QString &) {
                             results.insert(name, result);
                         });
        QObject::connect(
            deletion, &BlobDeletion::listingFailed,
            [this](const QString &prefix, const QString &) { listingErrors << prefix; });
        QObject::connect(deletion, &BlobDeletion::finished, [this] { finished = true; });
    }
};

} // namespace

TEST_CASE("BlobService: one folder level a page at a time, each page's marker leading to the next",
          "[blobservice]")
{
    Fixture fake;
    fake.store.createContainer(kContainer);
    for (const char *name : {"a.txt", "b.txt", "dir/c.txt", "dir/d.txt", "e.txt", "z/y.txt"})
        fake.store.putBlob(kContainer, QLatin1String(name), name);
    azure::BlobService service = fake.service();

    const PageAnswer first = listPage(service, {}, QStringLiteral("/"), {}, 2);
    REQUIRE(first.outcome.ok());
    CHECK(namesOf(first.page) == QStringList{QStringLiteral("a.txt"), QStringLiteral("b.txt")});
    CHECK(first.page.prefixes.isEmpty());
    REQUIRE_FALSE(first.page.nextMarker.isEmpty());

    const PageAnswer second = listPage(service, {}, QStringLiteral("/"), first.page.nextMarker, 2);
    REQUIRE(second.outcome.ok());
    CHECK(second.page.prefixes == QStringList{QStringLiteral("dir/")});
    CHECK(namesOf(second.page) == QStringList{QStringLiteral("e.txt")});
    REQUIRE_FALSE(second.page.nextMarker.isEmpty());

    const PageAnswer third = listPage(service, {}, QStringLiteral("/"), second.page.nextMarker, 2);
    REQUIRE(third.outcome.ok());
    CHECK(third.page.prefixes == QStringList{QStringLiteral("z/")});
    CHECK(third.page.blobs.isEmpty());
    CHECK(third.page.nextMarker.isEmpty());

    // Inside a folder: its blobs, named in full.
    const PageAnswer inside =
        listPage(service, QStringLiteral("dir/"), QStringLiteral("/"), {}, 10);
    CHECK(namesOf(inside.page) ==
          QStringList{QStringLiteral("dir/c.txt"), QStringLiteral("dir/d.txt")});
    CHECK(fake.store.requests().size() == 4);
}

TEST_CASE("BlobService: a listing that fails, or is not a listing, says why and has no blobs",
          "[blobservice]")
{
    Fixture fake;
    fake.store.createContainer(kContainer);
    fake.store.putBlob(kContainer, QStringLiteral("a.txt"), "a");
    FakeFault busy;
    busy.matches = FakeFault::on("GET", QStringLiteral("comp=list"));
    busy.status = 503;
    fake.store.addFault(busy);
    azure::BlobService service = fake.service();

    const PageAnswer failed = listPage(service, {}, {}, {}, 10);
    CHECK_FALSE(failed.outcome.ok());
    CHECK(failed.outcome.status == 503);
    CHECK(failed.outcome.error.contains(QStringLiteral("ServerBusy")));
    CHECK(failed.page.blobs.isEmpty());

    azure::BlobService missing = fake.service(QStringLiteral("nothere"));
    const PageAnswer absent = listPage(missing, {}, {}, {}, 10);
    CHECK(absent.outcome.status == 404);
    CHECK(absent.outcome.error.contains(QStringLiteral("ContainerNotFound")));
}

TEST_CASE("ListingCursor: everything under a prefix, page after page, the last one said so",
          "[blobservice]")
{
    Fixture fake;
    fake.store.createContainer(kContainer);
    QStringList expected;
    for (int i = 0; i < 7; ++i) {
        const QString name = QStringLiteral("p/sub%1/f%1.bin").arg(i);
        fake.store.putBlob(kContainer, name, QByteArray(i, 'x'));
        expected << name;
    }
    fake.store.putBlob(kContainer, QStringLiteral("q.txt"), "outside");

    azure::ListingCursor cursor(fake.service(), QStringLiteral("p/"), {}, 3);
    QStringList names;
    QList<bool> lasts;
    QObject::connect(&cursor, &azure::ListingCursor::pageReady,
                     [&](const azure::BlobListPage &page, bool last) {
                         names += namesOf(page);
                         lasts << last;
                         CHECK(page.prefixes.isEmpty()); // no delimiter: no folders
                     });
    while (!cursor.atEnd()) {
        cursor.next();
        CHECK(cursor.fetching());
        waitUntil([&] { return !cursor.fetching(); });
    }
    CHECK(names == expected);
    CHECK(lasts == QList<bool>{false, false, true});
    cursor.next(); // past the end: nothing more is asked
    CHECK_FALSE(cursor.fetching());
    CHECK(fake.store.requests().size() == 3);
}

TEST_CASE("ListingCursor: a page that fails ends the listing with the service's reason",
          "[blobservice]")
{
    Fixture fake;
    fake.store.createContainer(kContainer);
    for (int i = 0; i < 4; ++i)
        fake.store.putBlob(kContainer, QStringLiteral("f%1").arg(i), "x");
    FakeFault denied;
    denied.matches = FakeFault::on("GET", QStringLiteral("marker="));
    denied.status = 403;
    denied.errorCode = "AuthorizationFailure";
    fake.store.addFault(denied);

    azure::ListingCursor cursor(fake.service(), {}, {}, 2);
    int pages = 0;
    std::optional<azure::CallOutcome> failure;
    QObject::connect(&cursor, &azure::ListingCursor::pageReady, [&] { ++pages; });
    QObject::connect(&cursor, &azure::ListingCursor::failed,
                     [&](const azure::CallOutcome &outcome) { failure = outcome; });
    cursor.next();
    waitUntil([&] { return pages == 1; });
    cursor.next();
    waitUntil([&] { return failure.has_value(); });
    CHECK(failure->status == 403);
    CHECK(failure->error.contains(QStringLiteral("AuthorizationFailure")));
    CHECK(cursor.atEnd());
}

TEST_CASE("BlobDeletion: never more deletes in flight than its bound, and every blob goes",
          "[blobservice]")
{
    Fixture fake(16); // the requester would allow 16: the deletion keeps to its own 3
    fake.store.createContainer(kContainer);
    FakeFault slow;
    slow.kind = FakeFault::Kind::Delay;
    slow.delayMs = 15;
    slow.times = 1000;
    slow.matches = FakeFault::on("DELETE", QStringLiteral("/box/"));
    fake.store.addFault(slow);
    azure::BlobService service = fake.service();
    for (int i = 0; i < 20; ++i)
        fake.store.putBlob(kContainer, QStringLiteral("b%1").arg(i, 2, 10, QLatin1Char('0')), "x");
    const PageAnswer listed = listPage(service, {}, {}, {}, 100);
    REQUIRE(listed.page.blobs.size() == 20);

    BlobDeletion deletion(service, 3);
    DeletionLog log(&deletion);
    for (const azure::BlobEntry &blob : listed.page.blobs)
        deletion.add(blob.name, blob.etag);
    deletion.start();
    waitUntil([&] { return log.finished; });

    CHECK(fake.store.peakInFlight("DELETE") == 3);
    CHECK(fake.store.blobNames(kContainer).isEmpty());
    CHECK(log.results.size() == 20);
    CHECK(log.results.values().count(BlobDeletion::Result::Deleted) == 20);
}

TEST_CASE("BlobDeletion: a blob written after it was listed answers 412, is reported changed "
          "and stays",
          "[blobservice]")
{
    Fixture fake;
    fake.store.createContainer(kContainer);
    fake.store.putBlob(kContainer, QStringLiteral("kept.txt"), "listed");
    fake.store.putBlob(kContainer, QStringLiteral("gone.txt"), "listed");
    azure::BlobService service = fake.service();
    const PageAnswer listed = listPage(service, {}, {}, {}, 100);
    REQUIRE(listed.page.blobs.size() == 2);
    // Someone overwrites one of them between the listing and the delete.
    fake.store.putBlob(kContainer, QStringLiteral("kept.txt"), "written since");

    BlobDeletion deletion(service, 4);
    DeletionLog log(&deletion);
    for (const azure::BlobEntry &blob : listed.page.blobs)
        deletion.add(blob.name, blob.etag);
    deletion.start();
    waitUntil([&] { return log.finished; });

    CHECK(log.results.value(QStringLiteral("kept.txt")) == BlobDeletion::Result::Changed);
    CHECK(log.results.value(QStringLiteral("gone.txt")) == BlobDeletion::Result::Deleted);
    CHECK(fake.store.blobNames(kContainer) == QStringList{QStringLiteral("kept.txt")});
    CHECK(fake.store.blob(kContainer, QStringLiteral("kept.txt"))->data == "written since");
}

TEST_CASE("BlobDeletion: a folder is listed and deleted with everything under it, nothing else",
          "[blobservice]")
{
    Fixture fake;
    fake.store.createContainer(kContainer);
    for (const char *name : {"dir/a", "dir/sub/b", "dir/sub/c", "dirt", "other/d"})
        fake.store.putBlob(kContainer, QLatin1String(name), name);
    BlobDeletion deletion(fake.service(), 2);
    DeletionLog log(&deletion);
    deletion.addUnder(QStringLiteral("dir/"));
    deletion.addUnder(QStringLiteral("nothere/"));
    deletion.start();
    waitUntil([&] { return log.finished; });

    CHECK(fake.store.blobNames(kContainer) ==
          QStringList{QStringLiteral("dirt"), QStringLiteral("other/d")});
    CHECK(log.results.keys() == QStringList{QStringLiteral("dir/a"), QStringLiteral("dir/sub/b"),
                                            QStringLiteral("dir/sub/c")});
    CHECK(log.listingErrors.isEmpty());
    CHECK(fake.store.peakInFlight("DELETE") <= 2);
}

TEST_CASE("BlobDeletion: stop() sends nothing more, lets what is in flight end, then finishes "
          "once",
          "[blobservice]")
{
    Fixture fake;
    fake.store.createContainer(kContainer);
    FakeFault slow;
    slow.kind = FakeFault::Kind::Delay;
    slow.delayMs = 15;
    slow.times = 1000;
    slow.matches = FakeFault::on("DELETE", QStringLiteral("/box/"));
    fake.store.addFault(slow);
    azure::BlobService service = fake.service();
    for (int i = 0; i < 20; ++i)
        fake.store.putBlob(kContainer, QStringLiteral("b%1").arg(i, 2, 10, QLatin1Char('0')), "x");
    const PageAnswer listed = listPage(service, {}, {}, {}, 100);
    REQUIRE(listed.page.blobs.size() == 20);

    BlobDeletion deletion(service, 3);
    DeletionLog log(&deletion);
    int finishedTimes = 0;
    QObject::connect(&deletion, &BlobDeletion::finished, [&] { ++finishedTimes; });
    for (const azure::BlobEntry &blob : listed.page.blobs)
        deletion.add(blob.name, blob.etag);
    deletion.start();
    waitUntil([&] { return deletion.inFlight() == 3; });
    deletion.stop();
    CHECK_FALSE(log.finished); // the three in flight end first
    waitUntil([&] { return log.finished; });
    QEventLoop settle;
    QTimer::singleShot(50, &settle, &QEventLoop::quit);
    settle.exec();

    CHECK(finishedTimes == 1);
    CHECK(log.results.size() == 3);
    CHECK(log.results.values().count(BlobDeletion::Result::Deleted) == 3);
    CHECK(fake.store.blobNames(kContainer).size() == 17);
}

TEST_CASE("BlobDeletion: stopped with nothing in flight, it still finishes through the event "
          "loop",
          "[blobservice]")
{
    Fixture fake;
    fake.store.createContainer(kContainer);
    fake.store.putBlob(kContainer, QStringLiteral("a"), "x");
    BlobDeletion deletion(fake.service(), 2);
    DeletionLog log(&deletion);
    deletion.add(QStringLiteral("a"), {});
    deletion.stop();
    CHECK_FALSE(log.finished);
    waitUntil([&] { return log.finished; });
    CHECK(log.results.isEmpty());
    CHECK(fake.store.blobNames(kContainer) == QStringList{QStringLiteral("a")});
}

TEST_CASE("BlobDeletion: nothing to delete still finishes", "[blobservice]")
{
    Fixture fake;
    fake.store.createContainer(kContainer);
    BlobDeletion deletion(fake.service(), 2);
    DeletionLog log(&deletion);
    deletion.start();
    CHECK_FALSE(log.finished); // through the event loop, never inside start()
    waitUntil([&] { return log.finished; });
    CHECK(log.results.isEmpty());
}

TEST_CASE("BlobService: a container is created, refused when it exists, and deleted",
          "[blobservice]")
{
    Fixture fake;
    azure::BlobService service = fake.service(QStringLiteral("fresh"));
    const auto create = [&](QObject *context, azure::BlobService::Done done) {
        service.createContainer(context, std::move(done));
    };
    CHECK(wait(create).ok());
    CHECK(fake.store.hasContainer(QStringLiteral("fresh")));

    const azure::CallOutcome again = wait(create);
    CHECK(again.status == 409);
    CHECK(again.error.contains(QStringLiteral("ContainerAlreadyExists")));

    CHECK(wait([&](QObject *context, azure::BlobService::Done done) {
              service.deleteContainer(context, std::move(done));
          }).ok());
    CHECK_FALSE(fake.store.hasContainer(QStringLiteral("fresh")));
}

TEST_CASE("BlobService: properties set are read back, and a stale ETag changes nothing",
          "[blobservice]")
{
    Fixture fake;
    fake.store.createContainer(kContainer);
    const qint64 mtime = 1700000000000;
    fake.store.putBlob(kContainer, QStringLiteral("page.html"), "<p>hello</p>",
                       {{"blobferrymtime", QByteArray::number(mtime)}});
    azure::BlobService service = fake.service();
    const QByteArray firstEtag = fake.store.blob(kContainer, QStringLiteral("page.html"))->etag;

    azure::BlobProperties wanted;
    wanted.contentType = QStringLiteral("text/html");
    wanted.contentEncoding = "gzip";
    wanted.contentMd5 = "XrY7u+Ae7tCTyyK7j1rNww==";
    CHECK(wait([&](QObject *context, azure::BlobService::Done done) {
              service.setProperties(QStringLiteral("page.html"), wanted, firstEtag, context,
                                    std::move(done));
          }).ok());

    const auto [outcome, entry] = properties(service, QStringLiteral("page.html"));
    REQUIRE(outcome.ok());
    CHECK(entry.name == QStringLiteral("page.html"));
    CHECK(entry.contentType == QStringLiteral("text/html"));
    CHECK(entry.contentEncoding == QStringLiteral("gzip"));
    CHECK(entry.contentMd5 == "XrY7u+Ae7tCTyyK7j1rNww==");
    CHECK(entry.size == 12);
    CHECK(entry.blobType == QStringLiteral("BlockBlob"));
    CHECK(entry.fileModifiedMs == mtime); // the metadata stays
    CHECK(entry.etag == fake.store.blob(kContainer, QStringLiteral("page.html"))->etag);
    CHECK(entry.etag != firstEtag);

    // The ETag of before the change: 412, and the properties stay as they are.
    azure::BlobProperties plain;
    const azure::CallOutcome stale = wait([&](QObject *context, azure::BlobService::Done done) {
        service.setProperties(QStringLiteral("page.html"), plain, firstEtag, context,
                              std::move(done));
    });
    CHECK(stale.status == 412);
    CHECK(fake.store.blob(kContainer, QStringLiteral("page.html"))->contentType == "text/html");

    const auto [missing, nothing] = properties(service, QStringLiteral("absent"));
    CHECK(missing.status == 404);
    CHECK(nothing.name.isEmpty());
}

TEST_CASE("BlobEntry: blobferry's metadata reads the same from a listing and from a HEAD",
          "[blobservice]")
{
    Fixture fake;
    fake.store.createContainer(kContainer);
    azure::BlobService service = fake.service();
    const qint64 mtime = 1700000000000;
    azure::BlobProperties recorded;
    recorded.fileModifiedMs = mtime;
    // A page blob of a 1000-byte file, padded to 1024, finished; another never finished.
    for (const auto &request :
         {service.requests().createPageBlob(QStringLiteral("disk.vhd"), 1024, recorded),
          service.requests().finishPageBlob(QStringLiteral("disk.vhd"), 1000, recorded),
          service.requests().createPageBlob(QStringLiteral("half.vhd"), 512, recorded)}) {
        net::Request send;
        send.factory = [request] { return request; };
        send.policy.maxTries = 1;
        bool done = false;
        QObject context;
        fake.requester->send(send, &context, [&](const net::HttpResult &result) {
            CHECK(result.ok());
            done = true;
        });
        waitUntil([&] { return done; });
    }
    // A block blob claiming a length, and a recorded time a year ahead: neither is trusted.
    const qint64 future = QDateTime::currentMSecsSinceEpoch() + 365LL * 24 * 3600 * 1000;
    fake.store.putBlob(kContainer, QStringLiteral("plain.txt"), "12345",
                       {{"blobferrylength", "2"}, {"blobferrymtime", QByteArray::number(future)}});

    const PageAnswer listed = listPage(service, {}, {}, {}, 10);
    REQUIRE(listed.page.blobs.size() == 3);
    for (const azure::BlobEntry &fromListing : listed.page.blobs) {
        const auto [outcome, fromHead] = properties(service, fromListing.name);
        REQUIRE(outcome.ok());
        INFO(fromListing.name.toStdString());
        CHECK(fromHead.fileSize() == fromListing.fileSize());
        CHECK(fromHead.fileModified() == fromListing.fileModified());
        CHECK(fromHead.incomplete == fromListing.incomplete);
        CHECK(fromHead.blobType == fromListing.blobType);
        CHECK(fromHead.etag == fromListing.etag);
        if (fromListing.name == QLatin1String("disk.vhd")) {
            CHECK(fromListing.size == 1024);
            CHECK(fromListing.fileSize() == 1000);
            CHECK(fromListing.fileModified() == QDateTime::fromMSecsSinceEpoch(mtime, Qt::UTC));
            CHECK_FALSE(fromListing.incomplete);
        } else if (fromListing.name == QLatin1String("half.vhd")) {
            CHECK(fromListing.incomplete);
            CHECK(fromListing.fileSize() == 512);
        } else {
            CHECK(fromListing.fileSize() == 5);
            CHECK(fromListing.fileModified() == fromListing.lastModified);
            CHECK(fromListing.fileModified().isValid());
        }
    }
}
