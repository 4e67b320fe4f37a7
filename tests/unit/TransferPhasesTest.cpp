// SPDX-License-Identifier: MIT
// Each kind of transfer driven through FileTransfer's phases (look, settle, prologue, chunks,
// commit; keep-both's probe and the race re-check) by the real engine against the fake Blob
// service, seen as the requests each blob receives and the outcome the user reads.
#include "azure/Credential.h"
#include "net/Requester.h"
#include "support/FakeBlobService.h"
#include "support/FakeEngineRun.h"
#include "support/TestTree.h"
#include "transfer/UploadTransfer.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QUrlQuery>
#include <catch2/catch.hpp>

using namespace blobferry;
using namespace blobferry::test;
using transfer::ConflictAnswer;
using transfer::OverwritePolicy;
using transfer::TransferSpec;
using transfer::TransferState;

namespace {

// "VERB" or "VERB comp" of each request to exactly this blob, from the `from`th request on.
QStringList callsTo(const FakeBlobStore &store, const QString &blob, qsizetype from = 0)
{
    const QString path = QStringLiteral("/devstoreaccount1/%1/%2").arg(kFakeContainer, blob);
    QStringList calls;
    for (const QString &request : store.requests().mid(from)) {
        const qsizetype space = request.indexOf(QLatin1Char(' '));
        const QUrl url(request.mid(space + 1));
        if (url.path() != path)
            continue;
        const QString comp = QUrlQuery(url).queryItemValue(QStringLiteral("comp"));
        calls.append(request.left(space) + (comp.isEmpty() ? QString() : QLatin1Char(' ') + comp));
    }
    return calls;
}

QStringList repeated(const QString &call, int times)
{
    QStringList calls;
    for (int i = 0; i < times; ++i)
        calls.append(call);
    return calls;
}

// An upload of the one file named: too few names to list the destination, so it looks with
// a HEAD (or not at all).
TransferSpec namedUpload(const TestTree &tree, const QString &name, OverwritePolicy overwrite)
{
    TransferSpec spec = uploadSpec(tree.path());
    spec.onlyNames = {name};
    spec.overwrite = overwrite;
    return spec;
}

// Acts once, on the first request of `verb` to `blob` whose query has `comp` (empty: none),
// before the service answers it; injects no fault.
std::function<bool(const QByteArray &, const QUrl &)> beforeFirst(const QByteArray &verb,
                                                                  const QString &blob,
                                                                  const QString &comp,
                                                                  std::function<void()> act)
{
    auto done = std::make_shared<bool>(false);
    return [=](const QByteArray &seenVerb, const QUrl &url) {
        if (*done || seenVerb != verb || !url.path().endsWith(QLatin1Char('/') + blob) ||
            QUrlQuery(url).queryItemValue(QStringLiteral("comp")) != comp)
            return false;
        *done = true;
        act();
        return false;
    };
}

} // namespace

TEST_CASE("a block upload looks with a HEAD, sends its blocks, then commits them once", "[phases]")
{
    TestTree tree;
    tree.write(QStringLiteral("big.bin"), 3 * kFakeBlock + 5);
    FakeBlobStore store;

    const EngineRun run =
        runEngine(namedUpload(tree, QStringLiteral("big.bin"), OverwritePolicy::Ask), &store);
    REQUIRE(run.finished);
    CHECK(run.summary.succeeded == 1);
    CHECK(callsTo(store, QStringLiteral("big.bin")) ==
          QStringList{QStringLiteral("HEAD")} + repeated(QStringLiteral("PUT block"), 4) +
              QStringList{QStringLiteral("PUT blocklist")});
    CHECK(store.blob(kFakeContainer, QStringLiteral("big.bin"))->data ==
          readFile(tree.filePath(QStringLiteral("big.bin"))));
}

TEST_CASE("/Y alone sends no HEAD and lists nothing, every other rule looks first", "[phases]")
{
    TestTree tree;
    tree.write(QStringLiteral("a.txt"), 100);
    struct Case
    {
        OverwritePolicy overwrite;
        bool excludeOlder;
        bool dryRun;
        QStringList calls;
    };
    const QStringList headPut{QStringLiteral("HEAD"), QStringLiteral("PUT")};
    const Case cases[] = {
        {OverwritePolicy::Always, false, false, {QStringLiteral("PUT")}},
        {OverwritePolicy::Always, true, false, headPut},
        {OverwritePolicy::Always, false, true, {QStringLiteral("HEAD")}},
        {OverwritePolicy::Ask, false, false, headPut},
        {OverwritePolicy::Never, false, false, headPut},
    };
    for (const Case &c : cases) {
        FakeBlobStore store;
        TransferSpec spec = namedUpload(tree, QStringLiteral("a.txt"), c.overwrite);
        spec.excludeOlder = c.excludeOlder;
        spec.dryRun = c.dryRun;
        const EngineRun run = runEngine(spec, &store);
        REQUIRE(run.finished);
        CHECK(run.summary.succeeded == 1);
        CHECK(callsTo(store, QStringLiteral("a.txt")) == c.calls);
    }

    // A whole tree: with /Y alone no listing of the destination either.
    tree.write(QStringLiteral("b.txt"), 200);
    FakeBlobStore store;
    const EngineRun blind = runEngine(uploadSpec(tree.path()), &store);
    REQUIRE(blind.finished);
    CHECK(blind.summary.succeeded == 2);
    CHECK(countRequests(store.requests(), "HEAD", QStringLiteral("/box/")) == 0);
    CHECK(countRequests(store.requests(), "GET", QStringLiteral("comp=list")) == 0);
    TransferSpec asking = uploadSpec(tree.path());
    asking.overwrite = OverwritePolicy::Never;
    const qsizetype before = store.requests().size();
    const EngineRun listed = runEngine(asking, &store);
    REQUIRE(listed.finished);
    CHECK(listed.summary.skipped == 2);
    CHECK(countRequests(store.requests().mid(before), "GET", QStringLiteral("comp=list")) == 1);
}

TEST_CASE("a copy under /Y alone starts with Copy Blob, one that asks looks first, and a HEAD "
          "verifies either",
          "[phases]")
{
    const QByteArray content = TestTree::contentFor(QStringLiteral("c.bin"), 5000);
    for (const OverwritePolicy overwrite : {OverwritePolicy::Always, OverwritePolicy::Ask}) {
        FakeBlobStore store;
        store.createContainer(kFakeContainer);
        store.putBlob(QStringLiteral("src"), QStringLiteral("c.bin"), content);
        TransferSpec spec = quickSpec();
        QString error;
        spec.source.blob = azure::BlobLocation::parse(
            QStringLiteral("http://127.0.0.1:10000/devstoreaccount1/src"), &error);
        spec.destination.blob = fakeLocation();
        spec.overwrite = overwrite;

        const EngineRun run = runEngine(spec, &store);
        REQUIRE(run.finished);
        CHECK(run.summary.succeeded == 1);
        const QStringList copyThenVerify{QStringLiteral("PUT"), QStringLiteral("HEAD")};
        CHECK(callsTo(store, QStringLiteral("c.bin")) ==
              (overwrite == OverwritePolicy::Always
                   ? copyThenVerify
                   : QStringList{QStringLiteral("HEAD")} + copyThenVerify));
        CHECK(store.blob(kFakeContainer, QStringLiteral("c.bin"))->data == content);
    }
}

TEST_CASE("a page upload looks even under /Y, creates the blob, writes its pages and then "
          "records its length",
          "[phases]")
{
    TestTree tree;
    const qint64 size = 2 * kFakeBlock + 100; // three ranges, the last one padded
    tree.write(QStringLiteral("disk.img"), size);
    FakeBlobStore store;
    TransferSpec spec = namedUpload(tree, QStringLiteral("disk.img"), OverwritePolicy::Always);
    spec.blobType = transfer::BlobType::Page;

    const EngineRun run = runEngine(spec, &store);
    REQUIRE(run.finished);
    CHECK(run.summary.succeeded == 1);
    CHECK(callsTo(store, QStringLiteral("disk.img")) ==
          QStringList{QStringLiteral("HEAD"), QStringLiteral("PUT")} +
              repeated(QStringLiteral("PUT page"), 3) +
              QStringList{QStringLiteral("PUT metadata")});
    const FakeBlob *blob = store.blob(kFakeContainer, QStringLiteral("disk.img"));
    REQUIRE(blob);
    CHECK(blob->data.left(size) == readFile(tree.filePath(QStringLiteral("disk.img"))));
    CHECK(blob->metadata.value("blobferrylength") == QByteArray::number(size));
    CHECK_FALSE(blob->metadata.contains("blobferryincomplete"));
}

TEST_CASE("a download that is refused a range fails and puts no file in place", "[phases]")
{
    FakeBlobStore store;
    const QByteArray content = TestTree::contentFor(QStringLiteral("d.bin"), 3 * kFakeBlock);
    store.putBlob(kFakeContainer, QStringLiteral("d.bin"), content);
    FakeFault refused;
    refused.matches = FakeFault::on("GET", QStringLiteral("/box/d.bin"));
    refused.status = 403;
    refused.errorCode = "AuthorizationPermissionMismatch";
    refused.times = 100;
    store.addFault(refused);
    QTemporaryDir target;

    const EngineRun run = runEngine(downloadSpec(target.path()), &store);
    REQUIRE(run.finished);
    CHECK(run.outcomeOf(QStringLiteral("d.bin")).state == TransferState::Failed);
    CHECK(filesUnder(target.path()).isEmpty()); // neither the file nor its part file
}

TEST_CASE("a block the service refuses fails the file, and no block list is committed", "[phases]")
{
    TestTree tree;
    tree.write(QStringLiteral("big.bin"), 4 * kFakeBlock);
    FakeBlobStore store;
    int blocks = 0;
    FakeFault refused;
    refused.matches = [&blocks](const QByteArray &verb, const QUrl &url) {
        return FakeFault::on("PUT", QStringLiteral("comp=block&"))(verb, url) && ++blocks == 2;
    };
    refused.status = 400;
    refused.errorCode = "InvalidBlobOrBlock";
    store.addFault(refused);

    const EngineRun run = runEngine(uploadSpec(tree.path()), &store);
    REQUIRE(run.finished);
    CHECK(run.outcomeOf(QStringLiteral("big.bin")).state == TransferState::Failed);
    CHECK(countRequests(store.requests(), "PUT", QStringLiteral("comp=blocklist")) == 0);
    CHECK(store.blob(kFakeContainer, QStringLiteral("big.bin")) == nullptr);
}

TEST_CASE("a page blob the service will not create fails the file before any page is written",
          "[phases]")
{
    TestTree tree;
    tree.write(QStringLiteral("disk.img"), kFakeBlock);
    FakeBlobStore store;
    FakeFault refused;
    refused.matches = [](const QByteArray &verb, const QUrl &url) {
        return verb == "PUT" && url.path().endsWith(QLatin1String("/disk.img")) && !url.hasQuery();
    };
    refused.status = 403;
    refused.errorCode = "AuthorizationPermissionMismatch";
    store.addFault(refused);
    TransferSpec spec = uploadSpec(tree.path());
    spec.blobType = transfer::BlobType::Page;

    const EngineRun run = runEngine(spec, &store);
    REQUIRE(run.finished);
    CHECK(run.outcomeOf(QStringLiteral("disk.img")).state == TransferState::Failed);
    CHECK(callsTo(store, QStringLiteral("disk.img")) ==
          QStringList{QStringLiteral("HEAD"), QStringLiteral("PUT")});
}

TEST_CASE("a resume whose block list cannot be read fails before sending or committing", "[phases]")
{
    TestTree tree;
    tree.write(QStringLiteral("resumable.bin"), 5 * kFakeBlock);
    QTemporaryDir state;
    FakeBlobStore store;
    transfer::TransferEngine *engine = nullptr;
    // The first run is cancelled while its third block hangs: its journal says "unfinished".
    store.addFault(hangAndCancelAtBlock(3, &engine));
    TransferSpec spec = uploadSpec(tree.path());
    spec.restartable = true;
    spec.journalPath = state.filePath(QStringLiteral("job.journal"));
    spec.retry.stallTimeoutMs = 60'000;
    REQUIRE(runEngine(spec, &store, nullptr, &engine).finished);

    FakeFault refused;
    refused.matches = FakeFault::on("GET", QStringLiteral("comp=blocklist"));
    refused.status = 403;
    refused.errorCode = "AuthorizationPermissionMismatch";
    store.addFault(refused);
    const qsizetype before = store.requests().size();
    const EngineRun resumed = runEngine(spec, &store);
    REQUIRE(resumed.finished);
    CHECK(resumed.outcomeOf(QStringLiteral("resumable.bin")).state == TransferState::Failed);
    CHECK(callsTo(store, QStringLiteral("resumable.bin"), before) ==
          QStringList{QStringLiteral("GET blocklist")});
}

TEST_CASE("keep both: an upload probes name(1), name(2)… and writes the first free one", "[phases]")
{
    TestTree tree;
    tree.write(QStringLiteral("same.txt"), 300);
    FakeBlobStore store;
    store.putBlob(kFakeContainer, QStringLiteral("same.txt"), "first");
    store.putBlob(kFakeContainer, QStringLiteral("same(1).txt"), "second");
    RecordingResolver keepBoth(ConflictAnswer::KeepBoth);

    const EngineRun run = runEngine(
        namedUpload(tree, QStringLiteral("same.txt"), OverwritePolicy::Ask), &store, &keepBoth);
    REQUIRE(run.finished);
    CHECK(keepBoth.asked == QStringList{QStringLiteral("same.txt")});
    const transfer::FileOutcome outcome = run.outcomeOf(QStringLiteral("same.txt"));
    CHECK(outcome.state == TransferState::Completed);
    CHECK_FALSE(outcome.overwrote);
    CHECK(run.notices.contains(QStringLiteral("Kept both: same(2).txt")));
    CHECK(callsTo(store, QStringLiteral("same.txt")) == QStringList{QStringLiteral("HEAD")});
    CHECK(callsTo(store, QStringLiteral("same(1).txt")) == QStringList{QStringLiteral("HEAD")});
    CHECK(callsTo(store, QStringLiteral("same(2).txt")) ==
          QStringList{QStringLiteral("HEAD"), QStringLiteral("PUT")});
    CHECK(store.blob(kFakeContainer, QStringLiteral("same.txt"))->data == "first");
    CHECK(store.blob(kFakeContainer, QStringLiteral("same(1).txt"))->data == "second");
    CHECK(store.blob(kFakeContainer, QStringLiteral("same(2).txt"))->data ==
          readFile(tree.filePath(QStringLiteral("same.txt"))));
}

TEST_CASE("keep both: a download lands beside the existing file, and a page upload cannot and "
          "is skipped",
          "[phases]")
{
    FakeBlobStore store;
    const QByteArray content = TestTree::contentFor(QStringLiteral("a.txt"), 900);
    store.putBlob(kFakeContainer, QStringLiteral("a.txt"), content);
    QTemporaryDir target;
    {
        QFile mine(target.filePath(QStringLiteral("a.txt")));
        REQUIRE(mine.open(QIODevice::WriteOnly));
        mine.write("mine");
    }
    RecordingResolver keepBoth(ConflictAnswer::KeepBoth);
    TransferSpec spec = downloadSpec(target.path());
    spec.overwrite = OverwritePolicy::Ask;
    const EngineRun down = runEngine(spec, &store, &keepBoth);
    REQUIRE(down.finished);
    CHECK(down.summary.succeeded == 1);
    CHECK(readFile(target.filePath(QStringLiteral("a.txt"))) == "mine");
    CHECK(readFile(target.filePath(QStringLiteral("a(1).txt"))) == content);

    TestTree tree;
    tree.write(QStringLiteral("disk.img"), 1024);
    store.putBlob(kFakeContainer, QStringLiteral("disk.img"), "theirs");
    TransferSpec page = namedUpload(tree, QStringLiteral("disk.img"), OverwritePolicy::Ask);
    page.blobType = transfer::BlobType::Page;
    const EngineRun up = runEngine(page, &store, &keepBoth);
    REQUIRE(up.finished);
    const transfer::FileOutcome outcome = up.outcomeOf(QStringLiteral("disk.img"));
    CHECK(outcome.state == TransferState::Skipped);
    CHECK(outcome.reason.contains(QStringLiteral("keeping both is not possible")));
    CHECK(store.blob(kFakeContainer, QStringLiteral("disk.img"))->data == "theirs");
}

TEST_CASE("a blob written by someone else after the look is asked about, and replaced only "
          "on yes",
          "[phases]")
{
    TestTree tree;
    tree.write(QStringLiteral("raced.txt"), 700);
    const QByteArray ours = readFile(tree.filePath(QStringLiteral("raced.txt")));
    for (const ConflictAnswer answer : {ConflictAnswer::Yes, ConflictAnswer::No}) {
        FakeBlobStore store;
        store.createContainer(kFakeContainer);
        FakeFault race;
        race.matches = beforeFirst("PUT", QStringLiteral("raced.txt"), {}, [&store] {
            store.putBlob(kFakeContainer, QStringLiteral("raced.txt"), "theirs");
        });
        store.addFault(race);
        RecordingResolver resolver(answer);

        const EngineRun run =
            runEngine(namedUpload(tree, QStringLiteral("raced.txt"), OverwritePolicy::Ask), &store,
                      &resolver);
        REQUIRE(run.finished);
        CHECK(resolver.asked == QStringList{QStringLiteral("raced.txt")});
        CHECK(run.notices.contains(
            QStringLiteral("raced.txt appeared in the destination while this job ran")));
        const QStringList lookWriteLook{QStringLiteral("HEAD"), QStringLiteral("PUT"),
                                        QStringLiteral("HEAD")};
        if (answer == ConflictAnswer::Yes) {
            CHECK(run.outcomeOf(QStringLiteral("raced.txt")).state == TransferState::Completed);
            CHECK(run.outcomeOf(QStringLiteral("raced.txt")).overwrote);
            CHECK(callsTo(store, QStringLiteral("raced.txt")) ==
                  lookWriteLook + QStringList{QStringLiteral("PUT")});
            CHECK(store.blob(kFakeContainer, QStringLiteral("raced.txt"))->data == ours);
        } else {
            CHECK(run.outcomeOf(QStringLiteral("raced.txt")).state == TransferState::Skipped);
            CHECK(callsTo(store, QStringLiteral("raced.txt")) == lookWriteLook);
            CHECK(store.blob(kFakeContainer, QStringLiteral("raced.txt"))->data == "theirs");
        }
    }
}

TEST_CASE("a conditional write that finds our own bytes there ends done, without a question",
          "[phases]")
{
    TestTree tree;
    tree.write(QStringLiteral("retried.txt"), 700);
    const QByteArray ours = readFile(tree.filePath(QStringLiteral("retried.txt")));
    FakeBlobStore store;
    store.createContainer(kFakeContainer);
    // As if an earlier try of this Put Blob had landed and only its answer was lost.
    FakeFault landed;
    landed.matches = beforeFirst("PUT", QStringLiteral("retried.txt"), {}, [&] {
        store.putBlob(kFakeContainer, QStringLiteral("retried.txt"), ours);
    });
    store.addFault(landed);
    RecordingResolver no(ConflictAnswer::No);

    const EngineRun run = runEngine(
        namedUpload(tree, QStringLiteral("retried.txt"), OverwritePolicy::Ask), &store, &no);
    REQUIRE(run.finished);
    CHECK(no.asked.isEmpty());
    CHECK(run.outcomeOf(QStringLiteral("retried.txt")).state == TransferState::Completed);
    CHECK(callsTo(store, QStringLiteral("retried.txt")) ==
          QStringList{QStringLiteral("HEAD"), QStringLiteral("PUT"), QStringLiteral("HEAD")});
}

TEST_CASE("a block upload that meets a new blob at its commit and is told to keep both sends "
          "its blocks again under name(1)",
          "[phases]")
{
    TestTree tree;
    tree.write(QStringLiteral("raced.bin"), 3 * kFakeBlock + 1);
    FakeBlobStore store;
    store.createContainer(kFakeContainer);
    FakeFault race;
    race.matches =
        beforeFirst("PUT", QStringLiteral("raced.bin"), QStringLiteral("blocklist"), [&store] {
            store.putBlob(kFakeContainer, QStringLiteral("raced.bin"), "theirs");
        });
    store.addFault(race);
    RecordingResolver keepBoth(ConflictAnswer::KeepBoth);

    const EngineRun run = runEngine(
        namedUpload(tree, QStringLiteral("raced.bin"), OverwritePolicy::Ask), &store, &keepBoth);
    REQUIRE(run.finished);
    CHECK(keepBoth.asked == QStringList{QStringLiteral("raced.bin")});
    CHECK(run.outcomeOf(QStringLiteral("raced.bin")).state == TransferState::Completed);
    CHECK(callsTo(store, QStringLiteral("raced(1).bin")) ==
          QStringList{QStringLiteral("HEAD")} + repeated(QStringLiteral("PUT block"), 4) +
              QStringList{QStringLiteral("PUT blocklist")});
    CHECK(store.blob(kFakeContainer, QStringLiteral("raced.bin"))->data == "theirs");
    CHECK(store.blob(kFakeContainer, QStringLiteral("raced(1).bin"))->data ==
          readFile(tree.filePath(QStringLiteral("raced.bin"))));
}

TEST_CASE("an answer the transfer did not ask for fails it, and nothing is committed", "[phases]")
{
    TestTree tree;
    tree.write(QStringLiteral("a.txt"), 100);
    FakeBlobStore store;
    TransferSpec spec = namedUpload(tree, QStringLiteral("a.txt"), OverwritePolicy::Always);
    spec.accessManagers = FakeBlobService::factory(&store);
    net::RequesterSettings settings;
    settings.concurrency = 1;
    settings.accessManagers = spec.accessManagers;
    net::Requester requester(settings);
    const azure::BlobRequests blobs(fakeLocation(), azure::Credential::anonymous());
    const transfer::TransferContext context{&spec, &blobs, &requester};
    transfer::SourceItem item;
    item.relativeName = QStringLiteral("a.txt");
    item.localPath = tree.filePath(item.relativeName);
    item.size = 100;
    item.modified = QFileInfo(item.localPath).lastModified();

    using Phase = transfer::FileTransfer::Phase;
    using Decision = transfer::ConflictPolicy::Decision;
    using Answer = std::function<void(transfer::FileTransfer &)>;
    const std::pair<const char *, Answer> answers[] = {
        {"overwrite", [](transfer::FileTransfer &t) { t.settleAs(Decision::Overwrite); }},
        {"skip", [](transfer::FileTransfer &t) { t.settleAs(Decision::SkipDeclined); }},
        {"keep both", [](transfer::FileTransfer &t) { t.settleAs(Decision::KeepBoth); }},
        {"a second start", [](transfer::FileTransfer &t) { t.begin(); }},
    };
    for (const auto &[what, answer] : answers) {
        INFO(what);
        transfer::UploadTransfer transfer(item, item.relativeName, context);
        transfer.begin(); // /Y alone: no look, so no question; its Put Blob waits for a slot
        REQUIRE(transfer.phase() == Phase::Commit);
        REQUIRE(transfer.hasRequestReady());
        answer(transfer);
        CHECK(transfer.outcome().state == TransferState::Failed);
        CHECK(transfer.outcome().reason.startsWith(QStringLiteral("internal error: ")));
        CHECK(transfer.phase() == Phase::Ended);
        CHECK_FALSE(transfer.hasRequestReady());
    }
    CHECK(store.requests().isEmpty());
}
