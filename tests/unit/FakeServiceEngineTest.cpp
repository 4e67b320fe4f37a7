// SPDX-License-Identifier: MIT
// The real TransferEngine, in process, against the fake Blob service (support/FakeBlobService):
// whole jobs and the service's misbehaviour in milliseconds. Azurite's tests stay the judge of
// what the real service does; these pin what the engine does with what it is told.
#include "support/FakeEngineRun.h"
#include "support/TestTree.h"

#include <QTemporaryDir>
#include <catch2/catch.hpp>

using namespace blobferry;
using namespace blobferry::test;
using transfer::TransferSpec;

namespace {

const QString kContainer = kFakeContainer;
constexpr qint64 kBlock = kFakeBlock;
using Run = EngineRun;

} // namespace

TEST_CASE("a tree uploaded to the fake service downloads again byte for byte", "[fakeservice]")
{
    TestTree tree;
    tree.write(QStringLiteral("top.txt"), 1000);
    tree.write(QStringLiteral("dir/several-blocks.bin"), 5 * kBlock + 123);
    tree.write(QStringLiteral("dir/sub/empty.txt"), 0);
    FakeBlobStore store;

    const Run up = runEngine(uploadSpec(tree.path()), &store);
    REQUIRE(up.finished);
    CHECK(up.summary.fatalError.isEmpty());
    CHECK(up.summary.failed == 0);
    CHECK(up.summary.succeeded == tree.files().size());
    CHECK(store.blobNames(kContainer) == tree.files());

    QTemporaryDir target;
    const Run down = runEngine(downloadSpec(target.path()), &store);
    REQUIRE(down.finished);
    CHECK(down.summary.fatalError.isEmpty());
    CHECK(down.summary.failed == 0);
    CHECK(down.summary.succeeded == tree.files().size());
    CHECK(treeDifferences(tree.path(), target.path()).isEmpty());
}

TEST_CASE("a Put Block answered 503 ServerBusy is retried and the blob is whole", "[fakeservice]")
{
    TestTree tree;
    tree.write(QStringLiteral("big.bin"), 4 * kBlock + 7);
    FakeBlobStore store;
    FakeFault busy;
    busy.matches = FakeFault::on("PUT", QStringLiteral("comp=block&"));
    const int fault = store.addFault(busy);

    const Run run = runEngine(uploadSpec(tree.path()), &store);
    REQUIRE(run.finished);
    CHECK(store.faultHits(fault) == 1);
    CHECK(run.summary.failed == 0);
    CHECK(run.summary.succeeded == 1);
    const FakeBlob *blob = store.blob(kContainer, QStringLiteral("big.bin"));
    REQUIRE(blob);
    CHECK(blob->data == readFile(tree.filePath(QStringLiteral("big.bin"))));
}

TEST_CASE("a download range cut mid-body is fetched again and the file is whole, whether Qt "
          "reports the cut or finishes the reply short with no error",
          "[fakeservice]")
{
    const QByteArray content = TestTree::contentFor(QStringLiteral("big.bin"), 3 * kBlock + 5);
    for (const FakeFault::Kind kind : {FakeFault::Kind::Cut, FakeFault::Kind::QuietCut}) {
        INFO((kind == FakeFault::Kind::Cut ? "a reported cut" : "a quiet cut"));
        FakeBlobStore store;
        store.putBlob(kContainer, QStringLiteral("big.bin"), content);
        FakeFault cut;
        cut.kind = kind;
        cut.matches = FakeFault::on("GET", QStringLiteral("/box/big.bin"));
        cut.cutAfter = kBlock / 3;
        const int fault = store.addFault(cut);

        QTemporaryDir target;
        const Run run = runEngine(downloadSpec(target.path()), &store);
        REQUIRE(run.finished);
        CHECK(store.faultHits(fault) == 1);
        CHECK(run.summary.failed == 0);
        CHECK(run.summary.succeeded == 1);
        CHECK(readFile(target.filePath(QStringLiteral("big.bin"))) == content);
    }
}

TEST_CASE("a request the service never answers is abandoned after the stall timeout and "
          "retried",
          "[fakeservice]")
{
    TestTree tree;
    tree.write(QStringLiteral("small.txt"), 2000);
    FakeBlobStore store;
    FakeFault hang;
    hang.kind = FakeFault::Kind::Hang;
    hang.matches = FakeFault::on("PUT", QStringLiteral("/box/small.txt"));
    const int fault = store.addFault(hang);

    const Run run = runEngine(uploadSpec(tree.path()), &store);
    REQUIRE(run.finished);
    CHECK(store.faultHits(fault) == 1);
    CHECK(run.summary.succeeded == 1);
    const FakeBlob *blob = store.blob(kContainer, QStringLiteral("small.txt"));
    REQUIRE(blob);
    CHECK(blob->data == readFile(tree.filePath(QStringLiteral("small.txt"))));
}

TEST_CASE("without /Y an existing blob is asked about, and skipped when the answer is no",
          "[fakeservice]")
{
    TestTree tree;
    tree.write(QStringLiteral("same.txt"), 500);
    tree.write(QStringLiteral("new.txt"), 700);
    FakeBlobStore store;
    const QByteArray old("what was there before");
    store.putBlob(kContainer, QStringLiteral("same.txt"), old);
    RecordingResolver no(transfer::ConflictAnswer::No);
    TransferSpec spec = uploadSpec(tree.path());
    spec.overwrite = transfer::OverwritePolicy::Ask;

    const Run run = runEngine(spec, &store, &no);
    REQUIRE(run.finished);
    CHECK(no.asked == QStringList{QStringLiteral("same.txt")});
    CHECK(run.summary.skipped == 1);
    CHECK(run.summary.succeeded == 1);
    CHECK(store.blob(kContainer, QStringLiteral("same.txt"))->data == old);
    CHECK(store.blob(kContainer, QStringLiteral("new.txt"))->data ==
          readFile(tree.filePath(QStringLiteral("new.txt"))));
    bool skipped = false;
    for (const auto &outcome : run.outcomes)
        skipped |= outcome.name == QLatin1String("same.txt") &&
                   outcome.state == transfer::TransferState::Skipped;
    CHECK(skipped);
}

TEST_CASE("an upload cancelled while a block hangs ends cancelled, and the next run with its "
          "journal sends only the blocks the service lacks",
          "[fakeservice]")
{
    TestTree tree;
    const QString name = QStringLiteral("resumable.bin");
    const qint64 size = 5 * kBlock + 99;
    tree.write(name, size);
    QTemporaryDir state;
    FakeBlobStore store;
    transfer::TransferEngine *engine = nullptr;
    // The fourth Put Block never answers; the job is cancelled once it was sent.
    const FakeFault hang = hangAndCancelAtBlock(4, &engine);
    const int fault = store.addFault(hang);
    TransferSpec spec = uploadSpec(tree.path());
    spec.restartable = true;
    spec.journalPath = state.filePath(QStringLiteral("job.journal"));
    spec.retry.stallTimeoutMs = 60'000; // only the cancel may end the hung request

    const Run cancelled = runEngine(spec, &store, nullptr, &engine);
    REQUIRE(cancelled.finished);
    CHECK(store.faultHits(fault) == 1);
    REQUIRE(cancelled.outcomes.size() == 1);
    CHECK(cancelled.outcomes[0].state == transfer::TransferState::Cancelled);
    CHECK(store.blob(kContainer, name) == nullptr);

    // The blocks sent before the hung one reached the service (blocks go out as they are
    // hashed, so later ones may not have).
    const int kept = store.uncommittedBlocks(kContainer, name);
    CHECK(kept >= 3);
    const qsizetype before = store.requests().size();
    const Run resumed = runEngine(spec, &store);
    REQUIRE(resumed.finished);
    CHECK(resumed.summary.succeeded == 1);
    const FakeBlob *blob = store.blob(kContainer, name);
    REQUIRE(blob);
    CHECK(blob->data == readFile(tree.filePath(name)));
    // The re-run sends only the blocks the service did not keep.
    CHECK(putBlocksIn(store.requests().mid(before)) == (size + kBlock - 1) / kBlock - kept);
}

TEST_CASE("a mirrored upload deletes the blobs the source lacks, and only those", "[fakeservice]")
{
    TestTree tree;
    tree.write(QStringLiteral("keep.txt"), 300);
    tree.write(QStringLiteral("dir/also.txt"), 400);
    FakeBlobStore store;
    store.putBlob(kContainer, QStringLiteral("dir/also.txt"), "an older version");
    store.putBlob(kContainer, QStringLiteral("extra.txt"), "not in the source");
    store.putBlob(kContainer, QStringLiteral("dir/gone/extra.bin"), "nor this");
    TransferSpec spec = uploadSpec(tree.path());
    spec.mirror = true;
    spec.deleteWithoutAsking = true;

    const Run run = runEngine(spec, &store);
    REQUIRE(run.finished);
    CHECK(run.summary.failed == 0);
    CHECK(run.summary.mirrorDeleted == 2);
    CHECK(run.summary.mirrorFailed == 0);
    CHECK(store.blobNames(kContainer) == tree.files());
    CHECK(store.blob(kContainer, QStringLiteral("dir/also.txt"))->data ==
          readFile(tree.filePath(QStringLiteral("dir/also.txt"))));
}
