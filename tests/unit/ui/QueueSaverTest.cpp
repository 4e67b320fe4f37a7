// SPDX-License-Identifier: MIT
// The queue file written off the GUI thread: the newest state lands, a save asked for now
// writes exactly its snapshot, and a file that cannot be written is said.
#include "QueueSaver.h"

#include "support/EventWait.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using namespace blobferry;
using blobferry::test::runUntil;
using blobferry::transfer::TransferState;
using ui::QueueSaver;
using ui::QueueStore;

namespace {

// A queue of `rows` paused files of one upload job, named "<tag>-<n>".
QueueSaver::Snapshot snapshot(const QString &path, const QString &tag, int rows)
{
    QueueSaver::Snapshot made;
    made.path = path;
    ui::JobRecord job;
    job.id = 1;
    job.direction = ui::Direction::Upload;
    job.accountId = QStringLiteral("account");
    job.container = QStringLiteral("photos");
    job.localPath = QStringLiteral("/home/someone/Pictures");
    job.state = ui::JobRecord::State::Paused;
    made.jobs.append(job);
    for (int n = 0; n < rows; ++n) {
        ui::QueueRow row;
        row.job = 1;
        row.name = QStringLiteral("%1-%2").arg(tag).arg(n);
        row.size = 1000;
        row.state = TransferState::Paused;
        made.rows.append(row);
    }
    return made;
}

QStringList savedNames(const QString &path)
{
    QStringList names;
    for (const ui::QueueRow &row : QueueStore(path).load().rows)
        names.append(row.name);
    return names;
}

} // namespace

TEST_CASE("queue saver: saves in the background, and the newest of many asked for lands")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("queue.json"));
    QueueSaver saver;
    QSignalSpy failures(&saver, &QueueSaver::failed);
    // A large first save keeps the thread busy while the others are asked for.
    saver.saveLater(snapshot(path, QStringLiteral("first"), 20000));
    REQUIRE(saver.isSaving());
    for (int i = 0; i < 5; ++i)
        saver.saveLater(snapshot(path, QStringLiteral("then%1").arg(i), 3));
    REQUIRE(runUntil([&] { return !saver.isSaving(); }));
    CHECK(savedNames(path) == QStringList{QStringLiteral("then4-0"), QStringLiteral("then4-1"),
                                          QStringLiteral("then4-2")});
    CHECK(failures.isEmpty());
}

TEST_CASE("queue saver: a save asked for now writes exactly its snapshot, after the one in flight")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("queue.json"));
    QueueSaver saver;
    saver.saveLater(snapshot(path, QStringLiteral("running"), 20000));
    saver.saveLater(snapshot(path, QStringLiteral("waiting"), 2));
    saver.saveNow(snapshot(path, QStringLiteral("now"), 1));
    CHECK(savedNames(path) == QStringList{QStringLiteral("now-0")});
    // What was waiting is not written afterwards over it.
    REQUIRE(runUntil([&] { return !saver.isSaving(); }));
    CHECK(savedNames(path) == QStringList{QStringLiteral("now-0")});
}

TEST_CASE("queue saver: a queue file that cannot be written is said, with its path")
{
    QTemporaryDir dir;
    // Its folder is a file: no queue file can be made there.
    const QString blocker = dir.filePath(QStringLiteral("not-a-folder"));
    QFile file(blocker);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.close();
    const QString path = blocker + QStringLiteral("/queue.json");
    QueueSaver saver;
    QSignalSpy failures(&saver, &QueueSaver::failed);
    saver.saveLater(snapshot(path, QStringLiteral("a"), 1));
    REQUIRE(runUntil([&] { return !failures.isEmpty(); }));
    CHECK(failures.first().at(0).toString() == path);
    CHECK_FALSE(failures.first().at(1).toString().isEmpty());

    saver.saveNow(snapshot(path, QStringLiteral("b"), 1));
    CHECK(failures.size() == 2);
}
