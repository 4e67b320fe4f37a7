// SPDX-License-Identifier: MIT
// The desktop's queue file: what is saved comes back (paused), and a file that cannot be read
// is kept aside with its bytes, never dropped.
#include "QueueStore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using namespace blobferry;
using blobferry::transfer::TransferState;
using ui::JobRecord;
using ui::QueueRow;
using ui::QueueStore;

namespace {

JobRecord job(int id, ui::Direction direction)
{
    JobRecord record;
    record.id = id;
    record.direction = direction;
    record.accountId = QStringLiteral("account-%1").arg(id);
    record.container = QStringLiteral("photos");
    record.blobPath = QStringLiteral("2026/");
    record.localPath = QStringLiteral("/home/someone/Pictures");
    record.onlyNames = {QStringLiteral("a.jpg"), QStringLiteral("line\nbreak.jpg")};
    record.recursive = id % 2 == 0;
    record.journalPath = QStringLiteral("/state/job-%1.journal").arg(id);
    record.enumerated = true;
    record.state = JobRecord::State::Running;
    return record;
}

QueueRow row(int job, const QString &name, TransferState state)
{
    QueueRow row;
    row.job = job;
    row.name = name;
    row.size = 5'000'000'000; // past 32 bits
    row.done = 1234;
    row.state = state;
    row.status =
        state == TransferState::Failed ? QStringLiteral("403 AuthorizationFailure") : QString();
    return row;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

} // namespace

TEST_CASE("a saved queue reads back: its jobs paused, its unfinished rows paused, finished ones "
          "as they ended",
          "[queuestore]")
{
    QTemporaryDir dir;
    const QueueStore store(dir.filePath(QStringLiteral("state/queue.json")));
    JobRecord finished = job(2, ui::Direction::Download);
    finished.state = JobRecord::State::Finished;
    const QList<JobRecord> jobs{job(1, ui::Direction::Upload), finished};
    QueueRow done = row(1, QStringLiteral("b.jpg"), TransferState::Completed);
    done.endedMs = 1'796'000'000'000;
    const QVector<QueueRow> rows{row(1, QStringLiteral("a.jpg"), TransferState::Active),
                                 done,
                                 row(1, QStringLiteral("c.jpg"), TransferState::Queued),
                                 row(2, QStringLiteral("d.jpg"), TransferState::Failed),
                                 row(2, QStringLiteral("e.jpg"), TransferState::Skipped),
                                 row(7, QStringLiteral("orphan.jpg"), TransferState::Paused)};
    QString error;
    REQUIRE(store.save(jobs, rows, &error));

    const QueueStore::Contents read = store.load();
    CHECK(read.problem.isEmpty());
    CHECK(read.keptAside.isEmpty());
    REQUIRE(read.jobs.size() == 2);
    for (int i = 0; i < 2; ++i) {
        const JobRecord &saved = jobs.at(i);
        const JobRecord &back = read.jobs.at(i);
        CHECK(back.id == saved.id);
        CHECK(back.direction == saved.direction);
        CHECK(back.accountId == saved.accountId);
        CHECK(back.container == saved.container);
        CHECK(back.blobPath == saved.blobPath);
        CHECK(back.localPath == saved.localPath);
        CHECK(back.onlyNames == saved.onlyNames);
        CHECK(back.recursive == saved.recursive);
        CHECK(back.journalPath == saved.journalPath);
        CHECK(back.enumerated == saved.enumerated);
    }
    CHECK(read.jobs.at(0).state == JobRecord::State::Paused); // it was running
    CHECK(read.jobs.at(1).state == JobRecord::State::Finished);

    // Completed and skipped rows are history; a row of a job not saved has nothing to resume.
    REQUIRE(read.rows.size() == 5);
    CHECK(read.rows.at(0).name == QStringLiteral("a.jpg"));
    CHECK(read.rows.at(0).state == TransferState::Paused);
    CHECK(read.rows.at(0).size == 5'000'000'000);
    CHECK(read.rows.at(0).done == 1234);
    CHECK(read.rows.at(0).direction == ui::Direction::Upload);
    CHECK(read.rows.at(0).endedMs == 0);
    CHECK(read.rows.at(1).name == QStringLiteral("b.jpg"));
    CHECK(read.rows.at(1).state == TransferState::Completed);
    CHECK(read.rows.at(1).endedMs == 1'796'000'000'000);
    CHECK(read.rows.at(2).name == QStringLiteral("c.jpg"));
    CHECK(read.rows.at(2).state == TransferState::Paused);
    CHECK(read.rows.at(3).name == QStringLiteral("d.jpg"));
    CHECK(read.rows.at(3).state == TransferState::Failed);
    CHECK(read.rows.at(3).status == QStringLiteral("403 AuthorizationFailure"));
    CHECK(read.rows.at(3).direction == ui::Direction::Download);
    CHECK(read.rows.at(4).name == QStringLiteral("e.jpg"));
    CHECK(read.rows.at(4).state == TransferState::Skipped);
}

TEST_CASE("the answers a job's user gave to conflicts read back with the job, and a job asked "
          "nothing writes none",
          "[queuestore]")
{
    using transfer::ConflictAnswer;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("queue.json"));
    const QueueStore store(path);
    JobRecord answered = job(1, ui::Direction::Upload);
    transfer::Conflict conflict;
    conflict.destination = QStringLiteral("2026/big \"1\".bin");
    answered.answers.remember(conflict, ConflictAnswer::Yes);
    conflict.destination = QStringLiteral("2026/line\nbreak.jpg");
    answered.answers.remember(conflict, ConflictAnswer::No);
    answered.answers.remember(conflict, ConflictAnswer::IfNewerAll);
    const JobRecord quiet = job(2, ui::Direction::Download);
    QString error;
    REQUIRE(store.save({answered, quiet},
                       {row(1, QStringLiteral("a.jpg"), TransferState::Active),
                        row(2, QStringLiteral("b.jpg"), TransferState::Queued)},
                       &error));

    const QueueStore::Contents read = store.load();
    REQUIRE(read.jobs.size() == 2);
    CHECK(read.jobs.at(0).answers == answered.answers);
    CHECK(read.jobs.at(0).answers.perFile().size() == 2);
    CHECK(read.jobs.at(0).answers.forAll() == ConflictAnswer::IfNewerAll);
    CHECK(read.jobs.at(1).answers.isEmpty());
    CHECK(readAll(path).count("\"answers\"") == 1); // the quiet job has none
}

TEST_CASE("an answer a queue file names that this version does not know is left out: that file "
          "is asked again",
          "[queuestore]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("queue.json"));
    writeAll(path, R"({"jobs":[{"id":3,"direction":"upload","account":"emulator",)"
                   R"("container":"c","blobPath":"","localPath":"/tmp/x","onlyNames":[],)"
                   R"("recursive":false,"journal":"/s/job-3.journal","enumerated":true,)"
                   R"("finished":false,"answers":{"all":"sometimes","files":{"a":"overwrite",)"
                   R"("b":"maybe","c":7}}}],"rows":[]})");
    const QueueStore::Contents read = QueueStore(path).load();
    CHECK(read.problem.isEmpty());
    REQUIRE(read.jobs.size() == 1);
    const transfer::ConflictAnswers &answers = read.jobs.at(0).answers;
    CHECK_FALSE(answers.forAll());
    REQUIRE(answers.perFile().size() == 1);
    CHECK(answers.perFile().value(QStringLiteral("a")) == transfer::ConflictAnswer::Yes);
}

TEST_CASE("no queue file is an empty queue, and no problem", "[queuestore]")
{
    QTemporaryDir dir;
    const QueueStore::Contents read = QueueStore(dir.filePath(QStringLiteral("queue.json"))).load();
    CHECK(read.jobs.isEmpty());
    CHECK(read.rows.isEmpty());
    CHECK(read.problem.isEmpty());
    CHECK(read.keptAside.isEmpty());
}

TEST_CASE("a damaged queue file is kept aside with every byte, and the next save leaves it be",
          "[queuestore]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("queue.json"));
    const QueueStore store(path);
    // Cut short mid-write by something other than blobferry (a full disk, a copy).
    const QByteArray damaged = R"({"jobs":[{"id":1,"direction":"upload","account":"x")";
    writeAll(path, damaged);

    const QueueStore::Contents read = store.load();
    CHECK(read.jobs.isEmpty());
    CHECK(read.rows.isEmpty());
    CHECK_FALSE(read.problem.isEmpty());
    CHECK(read.keptAside == path + QStringLiteral(".damaged"));
    CHECK(readAll(read.keptAside) == damaged);
    CHECK_FALSE(QFile::exists(path));

    // A second damaged file does not replace the first one kept aside.
    writeAll(path, "[1, 2, 3]"); // JSON, but not a queue
    const QueueStore::Contents again = store.load();
    CHECK(again.keptAside == path + QStringLiteral(".damaged-2"));
    CHECK(readAll(again.keptAside) == "[1, 2, 3]");
    CHECK(readAll(path + QStringLiteral(".damaged")) == damaged);

    QString error;
    REQUIRE(store.save({job(3, ui::Direction::Upload)},
                       {row(3, QStringLiteral("x.jpg"), TransferState::Queued)}, &error));
    CHECK(store.load().jobs.size() == 1);
    CHECK(readAll(path + QStringLiteral(".damaged")) == damaged);
    CHECK(QDir(dir.path()).entryList(QDir::Files).size() == 3);
}

TEST_CASE("finished rows of jobs that are gone come back with their places and when they ended, "
          "and only the last 10,000 are kept",
          "[queuestore]")
{
    QTemporaryDir dir;
    const QueueStore store(dir.filePath(QStringLiteral("queue.json")));
    ui::JobPlaces places;
    places.direction = ui::Direction::Download;
    places.source = QStringLiteral("https://acct.blob.core.windows.net/photos/2026/");
    places.destination = QStringLiteral("/home/someone/Pictures/");
    QVector<QueueRow> rows;
    const int finished = QueueStore::kMaxFinishedRows + 5;
    for (int i = 0; i < finished; ++i) {
        QueueRow done = row(4, QStringLiteral("f%1.jpg").arg(i),
                            i % 3 == 0 ? TransferState::Failed : TransferState::Completed);
        done.endedMs = 1'796'000'000'000 + i;
        rows.append(done);
    }
    rows.append(row(5, QStringLiteral("unfinished.jpg"), TransferState::Queued)); // no job saved
    QString error;
    REQUIRE(store.save({}, rows, &error, {{4, places}}));

    const QueueStore::Contents read = store.load();
    CHECK(read.jobs.isEmpty());
    // The oldest five are dropped; the unfinished row without its job has nothing to resume.
    REQUIRE(read.rows.size() == QueueStore::kMaxFinishedRows);
    CHECK(read.rows.first().name == QStringLiteral("f5.jpg"));
    CHECK(read.rows.first().endedMs == 1'796'000'000'005);
    CHECK(read.rows.last().name == QStringLiteral("f%1.jpg").arg(finished - 1));
    CHECK(read.rows.first().direction == ui::Direction::Download);
    CHECK(read.rows.at(1).state == TransferState::Failed); // f6
    REQUIRE(read.places.contains(4));
    CHECK(read.places.value(4).source == places.source);
    CHECK(read.places.value(4).destination == places.destination);
    CHECK(read.places.value(4).direction == ui::Direction::Download);
}

TEST_CASE("a queue file of an older version, without history fields, still loads", "[queuestore]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("queue.json"));
    // As the version before history wrote it: no "places", no "ended".
    writeAll(path, R"({"jobs":[{"id":3,"direction":"upload","account":"emulator",)"
                   R"("container":"c","blobPath":"","localPath":"/tmp/x","onlyNames":["a"],)"
                   R"("recursive":false,"journal":"/s/job-3.journal","enumerated":true,)"
                   R"("finished":false}],"rows":[{"job":3,"name":"a","size":10,"done":4,)"
                   R"("state":1,"status":""},{"job":3,"name":"b","size":10,"done":0,)"
                   R"("state":5,"status":"503 ServerBusy"}]})");
    const QueueStore::Contents read = QueueStore(path).load();
    CHECK(read.problem.isEmpty());
    REQUIRE(read.jobs.size() == 1);
    REQUIRE(read.rows.size() == 2);
    CHECK(read.rows.at(0).state == TransferState::Paused);
    CHECK(read.rows.at(0).done == 4);
    CHECK(read.rows.at(0).endedMs == 0);
    CHECK(read.rows.at(1).state == TransferState::Failed);
    CHECK(read.rows.at(1).status == QStringLiteral("503 ServerBusy"));
    CHECK(read.places.isEmpty());
    CHECK(read.jobs.at(0).heldNames.isEmpty()); // no "held": nothing paused one by one
}

TEST_CASE("files paused one by one read back held with their job, and a job without any "
          "writes none",
          "[queuestore]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("queue.json"));
    const QueueStore store(path);
    JobRecord holding = job(1, ui::Direction::Download);
    holding.heldNames = {QStringLiteral("b.jpg"), QStringLiteral("line\nbreak.jpg")};
    const JobRecord plain = job(2, ui::Direction::Upload);
    QString error;
    REQUIRE(store.save({holding, plain},
                       {row(1, QStringLiteral("b.jpg"), TransferState::Paused),
                        row(2, QStringLiteral("c.jpg"), TransferState::Queued)},
                       &error));

    const QueueStore::Contents read = store.load();
    REQUIRE(read.jobs.size() == 2);
    CHECK(read.jobs.at(0).heldNames == holding.heldNames);
    CHECK(read.jobs.at(1).heldNames.isEmpty());
    CHECK(readAll(path).count("\"held\"") == 1);
}

TEST_CASE("a server copy's job reads back with its source, its kind and a rename's new name",
          "[queuestore]")
{
    QTemporaryDir dir;
    const QueueStore store(dir.filePath(QStringLiteral("queue.json")));
    JobRecord moved = job(3, ui::Direction::Move);
    moved.localPath.clear();
    moved.sourceAccountId = QStringLiteral("other-account");
    moved.sourceContainer = QStringLiteral("inbox");
    moved.sourceBlobPath = QStringLiteral("2025/");
    moved.onlyNames = {QStringLiteral("old.jpg")};
    moved.renameTo = QStringLiteral("new.jpg");
    const JobRecord copied = job(4, ui::Direction::Copy);
    QString error;
    REQUIRE(store.save({moved, copied},
                       {row(3, QStringLiteral("old.jpg"), TransferState::Queued),
                        row(4, QStringLiteral("a.jpg"), TransferState::Failed)},
                       &error));

    const QueueStore::Contents read = store.load();
    REQUIRE(read.jobs.size() == 2);
    const JobRecord &back = read.jobs.at(0);
    CHECK(back.direction == ui::Direction::Move);
    CHECK(back.sourceAccountId == QStringLiteral("other-account"));
    CHECK(back.sourceContainer == QStringLiteral("inbox"));
    CHECK(back.sourceBlobPath == QStringLiteral("2025/"));
    CHECK(back.renameTo == QStringLiteral("new.jpg"));
    CHECK(back.container == QStringLiteral("photos"));
    CHECK(back.blobPath == QStringLiteral("2026/"));
    CHECK(read.jobs.at(1).direction == ui::Direction::Copy);
    REQUIRE(read.rows.size() == 2);
    CHECK(read.rows.at(0).direction == ui::Direction::Move);
    CHECK(read.rows.at(1).direction == ui::Direction::Copy);
}
