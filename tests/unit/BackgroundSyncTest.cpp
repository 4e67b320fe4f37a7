// SPDX-License-Identifier: MIT
// The part files' syncs off the engine's thread: each answer comes on the asker's thread, in
// the order asked, also when many are asked at once; and none comes once the asker is gone.
#include "transfer/BackgroundSync.h"

#include "support/EventWait.h"

#include <QFile>
#include <QTemporaryDir>
#include <QThread>
#include <catch2/catch.hpp>
#include <memory>

using blobferry::test::runUntil;
using blobferry::transfer::BackgroundSync;

TEST_CASE("syncs asked for at once answer each in the order asked, on the asker's thread")
{
    QTemporaryDir dir;
    constexpr int kFiles = 40;
    std::vector<std::unique_ptr<QFile>> files;
    for (int i = 0; i < kFiles; ++i) {
        files.push_back(std::make_unique<QFile>(dir.filePath(QStringLiteral("f%1").arg(i))));
        REQUIRE(files.back()->open(QIODevice::WriteOnly));
        REQUIRE(files.back()->write(QByteArray(4096, char('a' + i % 26))) == 4096);
        REQUIRE(files.back()->flush());
    }
    QObject context;
    QList<int> answered;
    bool allSynced = true;
    bool onThisThread = true;
    for (int i = 0; i < kFiles; ++i) {
        BackgroundSync::sync(files[i]->handle(), &context, [&, i](bool synced) {
            answered.append(i);
            allSynced = allSynced && synced;
            onThisThread = onThisThread && QThread::currentThread() == context.thread();
        });
        files[i]->close(); // the sync works on its own descriptor
    }
    REQUIRE(runUntil([&] { return answered.size() == kFiles; }));
    QList<int> expected;
    for (int i = 0; i < kFiles; ++i)
        expected.append(i);
    CHECK(answered == expected);
    CHECK(allSynced);
    CHECK(onThisThread);
}

TEST_CASE("a sync whose asker is gone answers nobody")
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("f")));
    REQUIRE(file.open(QIODevice::WriteOnly));
    auto context = std::make_unique<QObject>();
    auto answered = std::make_shared<bool>(false);
    BackgroundSync::sync(file.handle(), context.get(), [answered](bool) { *answered = true; });
    context.reset();
    // A later sync's answer proves the first one has run by then.
    QObject other;
    bool later = false;
    BackgroundSync::sync(file.handle(), &other, [&](bool) { later = true; });
    REQUIRE(runUntil([&] { return later; }));
    CHECK_FALSE(*answered);
}
