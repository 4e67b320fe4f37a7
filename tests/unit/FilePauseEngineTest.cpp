// SPDX-License-Identifier: MIT
// One file of a running job paused and resumed by the engine itself (TransferEngine::pauseFile
// and resumeFile, the desktop's per-file pause), on the fake Blob service: the same run
// continues the file from what it had sent or received, as a later run would from the journal.
#include "support/FakeEngineRun.h"
#include "support/TestTree.h"

#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimer>
#include <catch2/catch.hpp>

using namespace blobferry;
using namespace blobferry::test;
using transfer::TransferEngine;
using transfer::TransferSpec;
using transfer::TransferState;

namespace {

const QString kPaused = QStringLiteral("b.bin");
constexpr int kBlocks = 6;

// The `nth` request of `verb` for b.bin whose query contains `query` never answers; once it
// was sent, b.bin is paused and at once resumed, inside the running job.
FakeFault pauseAndResumeAt(int nth, const QByteArray &verb, const QString &query,
                           TransferEngine *const *engine)
{
    auto seen = std::make_shared<int>(0);
    FakeFault hang;
    hang.kind = FakeFault::Kind::Hang;
    hang.matches = [=](const QByteArray &sent, const QUrl &url) {
        if (sent != verb || !url.path().endsWith(QLatin1Char('/') + kPaused) ||
            !url.query().contains(query) || ++*seen != nth)
            return false;
        QTimer::singleShot(0, *engine, [engine = *engine] {
            engine->pauseFile(kPaused);
            engine->resumeFile(kPaused);
        });
        return true;
    };
    return hang;
}

// The first number of the engine's "Resuming b.bin: …" notice; -1 when there is none.
qint64 resumedFrom(const EngineRun &run, const QString &pattern)
{
    for (const QString &notice : run.notices) {
        const QRegularExpressionMatch said = QRegularExpression(pattern).match(notice);
        if (said.hasMatch())
            return said.captured(1).toLongLong();
    }
    return -1;
}

void checkAllCompleted(const EngineRun &run)
{
    INFO(run.notices.join(QLatin1Char('\n')).toStdString());
    INFO("b.bin: " << run.outcomeOf(kPaused).reason.toStdString());
    REQUIRE(run.finished);
    CHECK(run.summary.succeeded == 2);
    CHECK(run.summary.paused == 0);
    CHECK(run.summary.cancelled == 0);
    CHECK(run.outcomeOf(kPaused).state == TransferState::Completed);
}

} // namespace

TEST_CASE("an upload paused and resumed inside its job sends only the blocks the service does "
          "not hold",
          "[fakeservice]")
{
    TestTree tree;
    tree.write(QStringLiteral("a.bin"), 2 * kFakeBlock);
    tree.write(kPaused, kBlocks * kFakeBlock);
    QTemporaryDir state;
    FakeBlobStore store;
    TransferEngine *engine = nullptr;
    store.addFault(pauseAndResumeAt(3, "PUT", QStringLiteral("comp=block&"), &engine));
    TransferSpec spec = uploadSpec(tree.path());
    spec.restartable = true;
    spec.journalPath = state.filePath(QStringLiteral("job.journal"));
    spec.retry.stallTimeoutMs = 60'000; // only the pause may end the hung request

    const EngineRun run = runEngine(spec, &store, nullptr, &engine);
    checkAllCompleted(run);
    const FakeBlob *blob = store.blob(kFakeContainer, kPaused);
    REQUIRE(blob);
    CHECK(blob->data == readFile(tree.filePath(kPaused)));
    // The resumed transfer asked which blocks arrived, and sent only the others.
    const QStringList &requests = store.requests();
    const auto asked = std::find_if(requests.cbegin(), requests.cend(), [](const QString &r) {
        return r.startsWith(QStringLiteral("GET ")) && r.contains(kPaused) &&
               r.contains(QStringLiteral("comp=blocklist"));
    });
    REQUIRE(asked != requests.cend());
    const qint64 kept = resumedFrom(run, QStringLiteral("Resuming b\\.bin: (\\d+) of"));
    CHECK(kept >= 2); // the two sent before the one that hung
    // b.bin's own: a.bin's last block may go after the block list was asked for.
    const QStringList after =
        requests.mid(asked - requests.cbegin()).filter(QLatin1Char('/') + kPaused + u'?');
    INFO("requests from the block list on:\n" << after.join(QLatin1Char('\n')).toStdString());
    CHECK(putBlocksIn(after) == kBlocks - kept);
    CHECK_FALSE(QFile::exists(spec.journalPath)); // a clean finish
}

TEST_CASE("a download paused and resumed inside its job continues its part file", "[fakeservice]")
{
    FakeBlobStore store;
    store.putBlob(kFakeContainer, QStringLiteral("a.bin"),
                  TestTree::contentFor(QStringLiteral("a.bin"), 2 * kFakeBlock));
    const QByteArray content = TestTree::contentFor(kPaused, kBlocks * kFakeBlock);
    store.putBlob(kFakeContainer, kPaused, content);
    QTemporaryDir target;
    QTemporaryDir state;
    TransferEngine *engine = nullptr;
    store.addFault(pauseAndResumeAt(3, "GET", QString(), &engine));
    TransferSpec spec = downloadSpec(target.path());
    spec.restartable = true;
    spec.journalPath = state.filePath(QStringLiteral("job.journal"));
    spec.retry.stallTimeoutMs = 60'000;

    const EngineRun run = runEngine(spec, &store, nullptr, &engine);
    checkAllCompleted(run);
    CHECK(readFile(QDir(target.path()).filePath(kPaused)) == content);
    CHECK(QDir(target.path()).entryList(QDir::Files | QDir::Hidden) ==
          QStringList({QStringLiteral("a.bin"), kPaused})); // no part file left, no b(1).bin
    // The ranges that had arrived stayed in the part file and were not asked for again.
    CHECK(resumedFrom(run, QStringLiteral("Resuming b\\.bin: (\\d+) of")) >= 2 * kFakeBlock);
}
