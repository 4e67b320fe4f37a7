// SPDX-License-Identifier: MIT
// An upload's progress counts the bytes as they are sent, not per block answered, and never
// more than the file: a block's bytes count for good only once its Put Block succeeded.
#include "support/FakeEngineRun.h"
#include "support/TestTree.h"

#include <QTimer>
#include <catch2/catch.hpp>
#include <memory>

using namespace blobferry;
using namespace blobferry::test;

namespace {

constexpr qint64 kBlock = kFakeBlock;
constexpr int kBlocks = 4;

// Every progress figure the engine reported, in order.
struct Figures
{
    QList<qint64> bytes;
    qint64 most() const
    {
        return bytes.isEmpty() ? -1 : *std::max_element(bytes.begin(), bytes.end());
    }
};

} // namespace

TEST_CASE("upload progress shows the blocks' bytes as they are sent, before any answer",
          "[fakeservice][progress]")
{
    TestTree tree;
    tree.write(QStringLiteral("big.bin"), kBlocks * kBlock);
    FakeBlobStore store;
    transfer::TransferEngine *engine = nullptr;
    auto figures = std::make_shared<Figures>();
    auto seen = std::make_shared<int>(0);
    // Every Put Block's body goes out and no answer ever comes. Once all are out, the engine
    // reports twice more (so after the bodies were sent) and is then cancelled.
    FakeFault hang;
    hang.kind = FakeFault::Kind::Hang;
    hang.times = kBlocks;
    hang.matches = [&engine, figures, seen](const QByteArray &verb, const QUrl &url) {
        if (!FakeFault::on("PUT", QStringLiteral("comp=block&"))(verb, url))
            return false;
        if (++*seen == kBlocks) {
            QTimer::singleShot(0, engine, [&engine, figures] {
                auto reports = std::make_shared<int>(0);
                QObject::connect(engine, &transfer::TransferEngine::progress, engine,
                                 [&engine, figures, reports](const transfer::ProgressSnapshot &s) {
                                     figures->bytes.append(s.bytesDone);
                                     if (++*reports == 2)
                                         QTimer::singleShot(0, engine,
                                                            &transfer::TransferEngine::cancel);
                                 });
            });
        }
        return true;
    };
    store.addFault(hang);
    auto spec = uploadSpec(tree.path());
    spec.retry.stallTimeoutMs = 60'000; // the hung blocks wait for the cancel

    const EngineRun run = runEngine(spec, &store, nullptr, &engine);
    REQUIRE(run.finished);
    REQUIRE(figures->bytes.size() >= 2);
    // While the four bodies were out and unanswered, they were the progress.
    CHECK(figures->bytes.at(0) == kBlocks * kBlock);
    CHECK(figures->most() == kBlocks * kBlock);
    // None was accepted: the cancelled file and the job count none of them.
    CHECK(run.outcomeOf(QStringLiteral("big.bin")).state == transfer::TransferState::Cancelled);
    CHECK(run.outcomeOf(QStringLiteral("big.bin")).bytes == 0);
    CHECK(figures->bytes.last() == 0);
}

TEST_CASE("a block sent and answered 503 is taken back: progress never passes the file",
          "[fakeservice][progress]")
{
    TestTree tree;
    tree.write(QStringLiteral("big.bin"), kBlocks * kBlock + 7);
    const qint64 size = kBlocks * kBlock + 7;
    FakeBlobStore store;
    FakeFault busy; // the body went out, then the service refused it: sent again
    busy.matches = FakeFault::on("PUT", QStringLiteral("comp=block&"));
    busy.times = 2;
    const int fault = store.addFault(busy);
    transfer::TransferEngine *engine = nullptr;
    auto figures = std::make_shared<Figures>();
    auto files = std::make_shared<QList<qint64>>();
    // Listens from the first Put Block on (the engine exists by then).
    FakeFault watch;
    watch.kind = FakeFault::Kind::Delay;
    watch.matches = [&engine, figures, files](const QByteArray &verb, const QUrl &) {
        if (verb != "PUT" || !engine || engine->property("watched").toBool())
            return false;
        engine->setProperty("watched", true);
        QObject::connect(
            engine, &transfer::TransferEngine::progress, engine,
            [figures](const transfer::ProgressSnapshot &s) { figures->bytes.append(s.bytesDone); });
        QObject::connect(engine, &transfer::TransferEngine::fileProgress, engine,
                         [files](const QList<transfer::FileProgress> &active) {
                             for (const auto &file : active)
                                 files->append(file.bytesDone);
                         });
        return false;
    };
    store.addFault(watch);

    const EngineRun run = runEngine(uploadSpec(tree.path()), &store, nullptr, &engine);
    REQUIRE(run.finished);
    CHECK(store.faultHits(fault) == 2);
    CHECK(run.summary.succeeded == 1);
    CHECK(store.blob(kFakeContainer, QStringLiteral("big.bin"))->data ==
          readFile(tree.path() + QStringLiteral("/big.bin")));
    REQUIRE_FALSE(figures->bytes.isEmpty());
    CHECK(figures->most() <= size);
    CHECK(figures->bytes.last() == size);
    for (const qint64 bytes : std::as_const(*files))
        CHECK(bytes <= size);
}
