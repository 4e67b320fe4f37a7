// SPDX-License-Identifier: MIT
// Several engines on one Requester (the desktop queue's shape): one budget for every request
// of every job — transfers, listings, index pages — counted where it matters, at the service.
#include "net/Requester.h"
#include "support/FakeBlobService.h"
#include "support/FakeEngineRun.h"
#include "support/TestTree.h"

#include <QEventLoop>
#include <QTimer>
#include <catch2/catch.hpp>
#include <memory>

using namespace blobferry;
using namespace blobferry::test;
using transfer::OverwritePolicy;
using transfer::TransferEngine;
using transfer::TransferSpec;

namespace {

net::Requester *fakeRequester(FakeBlobStore *store, int concurrency, QObject *parent)
{
    net::RequesterSettings settings;
    settings.concurrency = concurrency;
    settings.accessManagers = FakeBlobService::factory(store);
    return new net::Requester(settings, parent);
}

// Every request answered a little late, so requests overlap and the budget is what holds them.
void slowEverything(FakeBlobStore *store)
{
    FakeFault slow;
    slow.kind = FakeFault::Kind::Delay;
    slow.delayMs = 3;
    slow.times = 1'000'000;
    slow.matches = [](const QByteArray &, const QUrl &) { return true; };
    store->addFault(slow);
}

// Runs the engines, all on `requester`, until every one finished (or a guard of 30 s).
QList<EngineRun> runTogether(const QList<TransferSpec> &specs, net::Requester *requester)
{
    std::vector<std::unique_ptr<TransferEngine>> engines;
    QList<EngineRun> runs(specs.size());
    QEventLoop loop;
    int finished = 0;
    for (qsizetype i = 0; i < specs.size(); ++i) {
        engines.push_back(std::make_unique<TransferEngine>(specs[i], nullptr));
        TransferEngine *engine = engines.back().get();
        engine->setRequester(requester);
        QObject::connect(
            engine, &TransferEngine::fileFinished, &loop,
            [&runs, i](const transfer::FileOutcome &outcome) { runs[i].outcomes.append(outcome); });
        QObject::connect(engine, &TransferEngine::finished, &loop,
                         [&, i](const transfer::TransferSummary &summary) {
                             runs[i].summary = summary;
                             runs[i].finished = true;
                             if (++finished == specs.size())
                                 loop.quit();
                         });
        QMetaObject::invokeMethod(engine, &TransferEngine::start, Qt::QueuedConnection);
    }
    QTimer::singleShot(30'000, &loop, &QEventLoop::quit);
    loop.exec();
    return runs;
}

void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

TEST_CASE("two engines on one requester of 3 never have more than 3 requests at the service, "
          "listings included, and both finish byte-exact",
          "[requester][engine]")
{
    FakeBlobStore store;
    store.createContainer(kFakeContainer);
    // The download's source: six blobs of several ranges each, listed in pages of the service.
    TestTree expected;
    for (int i = 0; i < 6; ++i) {
        const QString name = QStringLiteral("f%1.bin").arg(i);
        expected.write(name, 3 * kFakeBlock + 100 * i);
        store.putBlob(kFakeContainer, QStringLiteral("down/") + name,
                      readFile(expected.filePath(name)));
    }
    // The upload's source: six files of several blocks, sent where nothing is yet, so the
    // upload lists the destination (its index) before it looks at a file.
    TestTree up;
    for (int i = 0; i < 6; ++i)
        up.write(QStringLiteral("sub/u%1.bin").arg(i), 3 * kFakeBlock + 7 * i);
    slowEverything(&store);

    TransferSpec upload = uploadSpec(up.path());
    upload.destination.blob = fakeFolder(QStringLiteral("up"));
    upload.overwrite = OverwritePolicy::Never;
    QTemporaryDir target;
    TransferSpec download = downloadSpec(target.path());
    download.source.blob = fakeFolder(QStringLiteral("down"));
    QObject owner;
    net::Requester *requester = fakeRequester(&store, 3, &owner);

    const QList<EngineRun> runs = runTogether({upload, download}, requester);
    REQUIRE(runs[0].finished);
    REQUIRE(runs[1].finished);
    CHECK(runs[0].summary.succeeded == 6);
    CHECK(runs[0].summary.failed == 0);
    CHECK(runs[1].summary.succeeded == 6);
    CHECK(runs[1].summary.failed == 0);
    INFO("most requests at once: " << store.mostInFlight());
    CHECK(store.mostInFlight() <= 3);
    CHECK(store.mostInFlight() == 3); // the budget was used, not just respected
    CHECK(store.inFlight() == 0);
    CHECK(countRequests(store.requests(), "GET", QStringLiteral("comp=list")) >= 2);
    for (int i = 0; i < 6; ++i) {
        const QString name = QStringLiteral("sub/u%1.bin").arg(i);
        const FakeBlob *blob = store.blob(kFakeContainer, QStringLiteral("up/") + name);
        REQUIRE(blob);
        CHECK(blob->data == readFile(up.filePath(name)));
    }
    CHECK(treeDifferences(expected.path(), target.path()).isEmpty());
}

TEST_CASE("a listing and an index page wait their turn in the shared budget", "[requester][engine]")
{
    FakeBlobStore store;
    store.createContainer(kFakeContainer);
    store.putBlob(kFakeContainer, QStringLiteral("held"), "held");
    store.putBlob(kFakeContainer, QStringLiteral("down/a.txt"), "alpha");
    store.putBlob(kFakeContainer, QStringLiteral("down/b/c.txt"), "gamma");
    FakeFault hang;
    hang.kind = FakeFault::Kind::Hang;
    hang.matches = FakeFault::on("GET", QStringLiteral("/held"));
    store.addFault(hang);
    QObject owner;
    net::Requester *requester = fakeRequester(&store, 1, &owner);
    // Another job's request holds the only slot.
    auto holder = std::make_unique<QObject>();
    net::Request held;
    const azure::BlobRequests blobs(fakeLocation(), azure::Credential::anonymous());
    held.factory = [&blobs] { return blobs.getBlob(QStringLiteral("held"), 0, -1, {}); };
    held.policy.stallTimeoutMs = 60'000;
    requester->send(std::move(held), holder.get(), {});
    REQUIRE(requester->inFlight() == 1);

    QTemporaryDir target;
    TransferSpec spec;
    TestTree up;
    up.write(QStringLiteral("n.txt"), 10);
    SECTION("a download's listing")
    {
        spec = downloadSpec(target.path());
        spec.source.blob = fakeFolder(QStringLiteral("down"));
    }
    SECTION("an upload's index of the destination (and the container's creation)")
    {
        spec = uploadSpec(up.path());
        spec.destination.blob = fakeFolder(QStringLiteral("up"));
        spec.overwrite = OverwritePolicy::Never;
    }
    TransferEngine engine(spec, nullptr);
    engine.setRequester(requester);
    bool finished = false;
    transfer::TransferSummary summary;
    QObject::connect(&engine, &TransferEngine::finished, [&](const transfer::TransferSummary &s) {
        summary = s;
        finished = true;
    });
    QMetaObject::invokeMethod(&engine, &TransferEngine::start, Qt::QueuedConnection);
    spin(150);
    // Nothing of the job reached the service: its first request waits behind the held one.
    CHECK(store.requests() == QStringList{QStringLiteral("GET /devstoreaccount1/box/held")});
    CHECK(requester->waiting() == 1);
    CHECK_FALSE(finished);

    holder.reset(); // the held request ends: the job's requests go, one at a time
    for (int i = 0; i < 200 && !finished; ++i)
        spin(10);
    REQUIRE(finished);
    CHECK(summary.failed == 0);
    CHECK(summary.succeeded > 0);
    CHECK(countRequests(store.requests(), "GET", QStringLiteral("comp=list")) >= 1);
    CHECK(store.mostInFlight() == 1);
    if (spec.destination.isBlob()) {
        REQUIRE(store.blob(kFakeContainer, QStringLiteral("up/n.txt")));
        CHECK(store.blob(kFakeContainer, QStringLiteral("up/n.txt"))->data ==
              readFile(up.filePath(QStringLiteral("n.txt"))));
    } else {
        CHECK(readFile(target.filePath(QStringLiteral("a.txt"))) == "alpha");
        CHECK(readFile(target.filePath(QStringLiteral("b/c.txt"))) == "gamma");
    }
}
