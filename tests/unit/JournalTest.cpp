// SPDX-License-Identifier: MIT
#include "journal/Journal.h"

#include <QCoreApplication>
#include <QFile>
#include <QLockFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using blobferry::journal::JobIdentity;
using blobferry::journal::Journal;

namespace {

JobIdentity identity(const QString &source = QStringLiteral("/data/photos"))
{
    JobIdentity id;
    id.source = source;
    id.destination = QStringLiteral("http://127.0.0.1:10000/devstoreaccount1/box");
    id.patterns = {QStringLiteral("*.raw")};
    id.recursive = true;
    id.blockSize = 8 << 20;
    id.blobType = QStringLiteral("block");
    return id;
}

Journal::FileState state(qint64 size, const char *etag = "")
{
    Journal::FileState s;
    s.size = size;
    s.etag = etag;
    s.modifiedMs = 1700000000000;
    s.tag = "abcd1234";
    return s;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    return file.readAll();
}

void writeAll(const QString &path, const QByteArray &data)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(data);
}

// A journal with a job record, two files started, ranges and one done.
QByteArray sampleJournal(const QString &path)
{
    QString error;
    auto journal = Journal::open(path, identity(), &error);
    REQUIRE(journal);
    journal->fileStarted(QStringLiteral("a.raw"), state(100));
    journal->rangeDone(QStringLiteral("a.raw"), 0);
    journal->rangeDone(QStringLiteral("a.raw"), 2);
    journal->rangePartly(QStringLiteral("a.raw"), 3, 4096);
    journal->fileStarted(QStringLiteral("b.raw"), state(5));
    journal->fileDone(QStringLiteral("b.raw"), state(5));
    journal->close(false);
    return readAll(path);
}

} // namespace

TEST_CASE("a reopened journal remembers started files, their ranges and finished files",
          "[journal]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("job.journal"));
    sampleJournal(path);
    QString error;
    auto again = Journal::open(path, identity(), &error);
    REQUIRE(again);
    const auto *a = again->previous(QStringLiteral("a.raw"));
    REQUIRE(a);
    CHECK_FALSE(a->done);
    CHECK(a->size == 100);
    CHECK(a->tag == "abcd1234");
    CHECK(a->rangesDone == QSet<int>{0, 2});
    CHECK(a->rangesPartly.value(3) == 4096);
    const auto *b = again->previous(QStringLiteral("b.raw"));
    REQUIRE(b);
    CHECK(b->done);
    CHECK(again->previous(QStringLiteral("c.raw")) == nullptr);
}

TEST_CASE("a cleanly finished job removes its journal", "[journal]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("job.journal"));
    QString error;
    auto journal = Journal::open(path, identity(), &error);
    REQUIRE(journal);
    journal->close(true);
    CHECK_FALSE(QFile::exists(path));
}

TEST_CASE("a journal remembers the part file a download started, and its new name", "[journal]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("job.journal"));
    QString error;
    auto journal = Journal::open(path, identity(), &error);
    REQUIRE(journal);
    Journal::FileState started = state(100, "\"0x8D\"");
    started.partName = QStringLiteral("notes.1.bfpart");
    journal->fileStarted(QStringLiteral("notes"), started);
    journal->fileStarted(QStringLiteral("a"), state(5));
    journal->partFileRenamed(QStringLiteral("a"), QStringLiteral("a(1).bfpart"));
    journal->close(false);
    auto again = Journal::open(path, identity(), &error);
    REQUIRE(again);
    CHECK(again->previous(QStringLiteral("notes"))->partName == QStringLiteral("notes.1.bfpart"));
    CHECK(again->previous(QStringLiteral("a"))->partName == QStringLiteral("a(1).bfpart"));
}

TEST_CASE("a clean finish leaves a file that took the journal's place", "[journal]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("job.journal"));
    QString error;
    auto journal = Journal::open(path, identity(), &error);
    REQUIRE(journal);
    REQUIRE(QFile::rename(path, dir.filePath(QStringLiteral("moved.journal"))));
    writeAll(path, "the user's own file\n");
    journal->close(true);
    CHECK(readAll(path) == "the user's own file\n");
}

TEST_CASE("a journal of another job is refused, naming what differs", "[journal]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("job.journal"));
    sampleJournal(path);
    QString error;
    CHECK_FALSE(Journal::open(path, identity(QStringLiteral("/data/other")), &error));
    CHECK(error.contains(QStringLiteral("belongs to another job")));
    CHECK(error.contains(QStringLiteral("source is /data/photos, not /data/other")));
}

TEST_CASE("a torn last record is dropped and reported, the earlier ones kept", "[journal]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("job.journal"));
    const QByteArray full = sampleJournal(path);
    writeAll(path, full.left(full.size() - 7)); // the "done" record cut mid-write
    QString error;
    QString notice;
    auto journal = Journal::open(path, identity(), &error, &notice);
    REQUIRE(journal);
    CHECK(notice.contains(QStringLiteral("cut short")));
    CHECK_FALSE(journal->previous(QStringLiteral("b.raw"))->done);
    // New records go on a line of their own after the last good one.
    journal->fileDone(QStringLiteral("b.raw"), state(5));
    journal->close(false);
    auto reread = Journal::open(path, identity(), &error);
    REQUIRE(reread);
    CHECK(reread->previous(QStringLiteral("b.raw"))->done);
}

TEST_CASE("a damaged record before the last is refused with its line number", "[journal]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("job.journal"));
    QByteArray text = sampleJournal(path);
    const int second = text.indexOf('\n') + 1;
    text[second + 12] = text[second + 12] == 'x' ? 'y' : 'x';
    writeAll(path, text);
    QString error;
    CHECK_FALSE(Journal::open(path, identity(), &error));
    CHECK(error.contains(QStringLiteral("damaged at line 2 (checksum mismatch)")));
    CHECK(error.contains(QStringLiteral("delete it")));
}

TEST_CASE("a file that is not a journal is refused, not a crash", "[journal]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("job.journal"));
    writeAll(path, "Transfer summary:\nTotal files transferred: 6\n");
    QString error;
    CHECK_FALSE(Journal::open(path, identity(), &error));
    CHECK(error.contains(QStringLiteral("is a file of something else, not a blobferry journal")));
    CHECK(readAll(path) == "Transfer summary:\nTotal files transferred: 6\n");
}

TEST_CASE("a journal in use by another process is refused", "[journal]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("job.journal"));
    QString error;
    auto first = Journal::open(path, identity(), &error);
    REQUIRE(first);
    CHECK_FALSE(Journal::open(path, identity(), &error));
    CHECK(error.contains(QStringLiteral("another blobferry process (pid %1)")
                             .arg(QCoreApplication::applicationPid())));
}

TEST_CASE("random, truncated and corrupted journals never crash the reader", "[journal][fuzz]")
{
    QTemporaryDir dir;
    const QByteArray valid = sampleJournal(dir.filePath(QStringLiteral("job.journal")));
    const int firstLineEnd = valid.indexOf('\n') + 1;
    QRandomGenerator random(20261123);
    for (int round = 0; round < 3000; ++round) {
        QByteArray text;
        const int kind = round % 3;
        if (kind == 0) { // truncated anywhere
            text = valid.left(random.bounded(valid.size() + 1));
        } else if (kind == 1) { // a few bytes changed
            text = valid;
            for (int flips = random.bounded(1, 4); flips > 0; --flips)
                text[random.bounded(text.size())] = char(random.bounded(256));
        } else { // garbage, sometimes with journal-looking lines
            text.resize(random.bounded(300));
            for (char &c : text)
                c = random.bounded(4) == 0 ? '\n' : char(random.bounded(256));
        }
        JobIdentity id;
        QHash<QString, Journal::FileState> files;
        qint64 validLength = -1;
        bool torn = false;
        QString error;
        const bool ok = Journal::parse(text, &id, &files, &validLength, &torn, &error);
        INFO("round " << round);
        CHECK(validLength >= 0);
        CHECK(validLength <= text.size());
        CHECK(ok != !error.isEmpty());
        if (kind == 0 && text.size() >= firstLineEnd) {
            // Any cut after the job record leaves a usable journal of whole records.
            CHECK(ok);
            CHECK(validLength == text.left(validLength).lastIndexOf('\n') + 1);
        }
    }
}
