// SPDX-License-Identifier: MIT
// The engine host the command line and the window share: engines run on its thread, are
// deleted there once they end, stop when asked (their journals stay), write their outcomes
// to the run log once each, and the host says when the last one is gone.
#include "host/EngineHost.h"

#include "log/RunLog.h"
#include "support/EventWait.h"
#include "support/FakeBlobService.h"
#include "support/FakeEngineRun.h"
#include "support/TestTree.h"

#include <QEventLoop>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <atomic>
#include <catch2/catch.hpp>
#include <memory>

using namespace blobferry;
using namespace blobferry::test;
using host::EngineHost;
using transfer::TransferEngine;
using transfer::TransferState;

namespace {

// What a test sees of one engine on the host.
struct Watched
{
    QThread *runsOn = nullptr;
    std::shared_ptr<std::atomic<QThread *>> deletedOn =
        std::make_shared<std::atomic<QThread *>>(nullptr);
    bool finished = false;
    bool idleBeforeFinished = false;
    transfer::TransferSummary summary;
    QList<transfer::FileOutcome> outcomes;
};

// Adds an engine for spec on the fake service and watches it (not started).
TransferEngine *addWatched(EngineHost &host, transfer::TransferSpec spec, FakeBlobStore *store,
                           Watched *watched)
{
    spec.accessManagers = FakeBlobService::factory(store);
    TransferEngine *engine = host.add(std::move(spec), nullptr);
    watched->runsOn = engine->thread();
    // Direct: on the thread that deletes it.
    QObject::connect(
        engine, &QObject::destroyed, &host,
        [deletedOn = watched->deletedOn] { *deletedOn = QThread::currentThread(); },
        Qt::DirectConnection);
    QObject::connect(
        engine, &TransferEngine::fileFinished, &host,
        [watched](const transfer::FileOutcome &outcome) { watched->outcomes.append(outcome); });
    QObject::connect(engine, &TransferEngine::finished, &host,
                     [watched](const transfer::TransferSummary &summary) {
                         watched->finished = true;
                         watched->summary = summary;
                     });
    return engine;
}

// Runs the event loop until the host says idle (true) or 30 s went by (false).
bool waitForIdle(EngineHost &host)
{
    if (host.isIdle())
        return true;
    QEventLoop loop;
    bool idle = false;
    QObject::connect(&host, &EngineHost::idle, &loop, [&] {
        idle = true;
        loop.quit();
    });
    QTimer::singleShot(30'000, &loop, &QEventLoop::quit);
    loop.exec();
    return idle;
}

void openLog(log::RunLog *runLog, const QString &directory)
{
    log::LogPolicy policy;
    policy.directory = directory;
    QString error;
    REQUIRE(runLog->open(policy, QStringLiteral("blobferry-test"), &error));
}

QString logText(const log::RunLog &runLog)
{
    QFile file(runLog.path());
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// A fault that never answers the nth Put Block, and tells when it was sent.
FakeFault hangAtBlock(int nth, std::shared_ptr<std::atomic<bool>> sent)
{
    auto seen = std::make_shared<int>(0);
    FakeFault hang;
    hang.kind = FakeFault::Kind::Hang;
    hang.matches = [nth, seen, sent](const QByteArray &verb, const QUrl &url) {
        if (!FakeFault::on("PUT", QStringLiteral("comp=block&"))(verb, url) || ++*seen < nth)
            return false;
        *sent = true;
        return true;
    };
    return hang;
}

} // namespace

TEST_CASE("an engine on the host runs on the host's thread, is deleted there after its end, "
          "and the host then says it is idle",
          "[enginehost]")
{
    TestTree tree;
    tree.write(QStringLiteral("a.txt"), 1000);
    tree.write(QStringLiteral("dir/b.bin"), 3 * kFakeBlock + 5);
    FakeBlobStore store;
    QTemporaryDir logs;
    log::RunLog runLog;
    openLog(&runLog, logs.path());

    EngineHost host(QStringLiteral("engine-test"));
    host.setRunLog(&runLog);
    Watched watched;
    TransferEngine *engine = addWatched(host, uploadSpec(tree.path()), &store, &watched);
    QObject::connect(&host, &EngineHost::idle, &host,
                     [&watched] { watched.idleBeforeFinished = !watched.finished; });
    CHECK_FALSE(host.isIdle());
    CHECK(watched.runsOn != QThread::currentThread());
    CHECK(watched.runsOn->objectName() == QStringLiteral("engine-test"));
    host.start(engine);

    REQUIRE(waitForIdle(host));
    CHECK(watched.finished);
    CHECK_FALSE(watched.idleBeforeFinished);
    CHECK(watched.summary.succeeded == 2);
    // The host heard of the deletion through a queued signal: the engine's thread may still be
    // on its way out of the same emission.
    REQUIRE(runUntil([&] { return watched.deletedOn->load() != nullptr; }));
    CHECK(*watched.deletedOn == watched.runsOn);
    CHECK(host.isIdle());
    CHECK(store.blob(kFakeContainer, QStringLiteral("dir/b.bin"))->data ==
          readFile(tree.filePath(QStringLiteral("dir/b.bin"))));
    // Each file's outcome is one line of the run log.
    const QString text = logText(runLog);
    INFO(text.toStdString());
    CHECK(text.count(QStringLiteral("Finished Transfer: a.txt (1000 bytes)")) == 1);
    CHECK(text.count(QStringLiteral("Finished Transfer: dir/b.bin")) == 1);
}

TEST_CASE("an engine the host cancels or pauses mid-upload ends, keeps its journal, and is "
          "deleted on its thread, and only a cancel's files are logged as cancelled",
          "[enginehost]")
{
    const bool pause = GENERATE(false, true);
    INFO((pause ? "pause" : "cancel"));
    TestTree tree;
    const QString name = QStringLiteral("long.bin");
    tree.write(name, 6 * kFakeBlock);
    FakeBlobStore store;
    auto sent = std::make_shared<std::atomic<bool>>(false);
    store.addFault(hangAtBlock(3, sent));
    QTemporaryDir state;
    QTemporaryDir logs;
    log::RunLog runLog;
    openLog(&runLog, logs.path());
    transfer::TransferSpec spec = uploadSpec(tree.path());
    spec.restartable = true;
    spec.journalPath = state.filePath(QStringLiteral("job.journal"));
    spec.retry.stallTimeoutMs = 60'000; // only the cancel may end the hung request

    EngineHost host(QStringLiteral("engine-test"));
    host.setRunLog(&runLog);
    Watched watched;
    TransferEngine *engine = addWatched(host, spec, &store, &watched);
    host.start(engine);
    REQUIRE(runUntil([&] { return sent->load(); }));
    if (pause)
        host.pause(engine);
    else
        host.cancel(engine);

    REQUIRE(waitForIdle(host));
    CHECK(watched.finished);
    REQUIRE(watched.outcomes.size() == 1);
    CHECK(watched.outcomes[0].state == TransferState::Cancelled);
    REQUIRE(runUntil([&] { return watched.deletedOn->load() != nullptr; }));
    CHECK(*watched.deletedOn == watched.runsOn);
    CHECK(store.blob(kFakeContainer, name) == nullptr);
    CHECK(QFile::exists(spec.journalPath));
    const QString text = logText(runLog);
    INFO(text.toStdString());
    CHECK(text.count(QStringLiteral("Cancelled: long.bin")) == (pause ? 0 : 1));
}

TEST_CASE("a host that goes while its engine still runs stops it and deletes it on the "
          "engine's thread",
          "[enginehost]")
{
    TestTree tree;
    tree.write(QStringLiteral("long.bin"), 6 * kFakeBlock);
    FakeBlobStore store;
    auto sent = std::make_shared<std::atomic<bool>>(false);
    store.addFault(hangAtBlock(2, sent));
    transfer::TransferSpec spec = uploadSpec(tree.path());
    spec.retry.stallTimeoutMs = 60'000;

    Watched watched;
    QThread *engineThread = nullptr;
    {
        EngineHost host(QStringLiteral("engine-test"));
        TransferEngine *engine = addWatched(host, spec, &store, &watched);
        engineThread = watched.runsOn;
        host.start(engine);
        REQUIRE(runUntil([&] { return sent->load(); }));
        CHECK_FALSE(host.isIdle());
    }
    CHECK(*watched.deletedOn == engineThread);
    CHECK(*watched.deletedOn != QThread::currentThread());
    CHECK(store.blob(kFakeContainer, QStringLiteral("long.bin")) == nullptr);
}
