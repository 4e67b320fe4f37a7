// SPDX-License-Identifier: MIT
// One big blob is fetched over at most one manager's connections, whatever the job's
// concurrency, and the network pool fills one manager before it opens the next.
#include "net/NetworkPool.h"
#include "support/FakeEngineRun.h"
#include "support/TestTree.h"
#include "transfer/FileTransfer.h"

#include <QNetworkAccessManager>
#include <QTimer>
#include <catch2/catch.hpp>
#include <memory>

using namespace blobferry;
using namespace blobferry::test;

namespace {

constexpr int kBlocks = 16;
constexpr int kStreams = transfer::FileTransfer::kDownloadStreams;

// Every matching request hangs. Once `kStreams` of them arrived, the engine reports progress
// twice more (every block was ready to go long before) and is cancelled.
FakeFault hangAllAndCancel(transfer::TransferEngine **engine, std::shared_ptr<int> seen,
                           std::function<bool(const QByteArray &, const QUrl &)> which)
{
    FakeFault hang;
    hang.kind = FakeFault::Kind::Hang;
    hang.times = kBlocks;
    hang.matches = [engine, seen, which](const QByteArray &verb, const QUrl &url) {
        if (!which(verb, url))
            return false;
        if (++*seen == kStreams) {
            QTimer::singleShot(0, *engine, [engine] {
                auto reports = std::make_shared<int>(0);
                QObject::connect(*engine, &transfer::TransferEngine::progress, *engine,
                                 [engine, reports](const transfer::ProgressSnapshot &) {
                                     if (++*reports == 2)
                                         QTimer::singleShot(0, *engine,
                                                            &transfer::TransferEngine::cancel);
                                 });
            });
        }
        return true;
    };
    return hang;
}

} // namespace

TEST_CASE("one big file's download has one manager's connections of ranges in flight, not the "
          "job's concurrency",
          "[fakeservice][streams]")
{
    TestTree tree;
    FakeBlobStore store;
    store.putBlob(kFakeContainer, QStringLiteral("big.bin"), QByteArray(kBlocks * kFakeBlock, 'x'));
    transfer::TransferEngine *engine = nullptr;
    auto seen = std::make_shared<int>(0);
    store.addFault(hangAllAndCancel(&engine, seen, [](const QByteArray &verb, const QUrl &url) {
        return verb == "GET" && url.path().endsWith(QLatin1String("/big.bin"));
    }));
    auto spec = downloadSpec(tree.path());
    spec.concurrency = 16;
    spec.retry.stallTimeoutMs = 60'000;

    const EngineRun run = runEngine(spec, &store, nullptr, &engine);
    REQUIRE(run.finished);
    CHECK(*seen == kStreams);
    CHECK(run.outcomeOf(QStringLiteral("big.bin")).state == transfer::TransferState::Cancelled);
}

TEST_CASE("the network pool fills one manager's connections before it uses the next", "[network]")
{
    auto made = std::make_shared<int>(0);
    net::NetworkPool pool(16, {}, {}, [made](QObject *parent) {
        ++*made;
        return new QNetworkAccessManager(parent);
    });
    REQUIRE(*made == 3);
    QList<QNetworkAccessManager *> taken;
    for (int i = 0; i < net::NetworkPool::kConnectionsPerManager + 1; ++i)
        taken.append(pool.acquire());
    for (int i = 1; i < net::NetworkPool::kConnectionsPerManager; ++i)
        CHECK(taken.at(i) == taken.at(0));
    CHECK(taken.last() != taken.at(0));
    // A connection freed on the first manager is the next one used.
    pool.release(taken.at(0));
    CHECK(pool.acquire() == taken.at(0));
}
