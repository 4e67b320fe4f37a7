// SPDX-License-Identifier: MIT
// What /Z:FILE may point at: a journal blobferry wrote, or nothing. Anything else is refused
// before the job starts and left exactly as it was.
#include "support/CliRunner.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocalServer>
#include <QTemporaryDir>
#include <catch2/catch.hpp>
#include <sys/stat.h>

using namespace blobferry::test;

namespace {

// A download of a one-blob container with /Z:journal, run as a user would.
struct Job
{
    TestService service;
    TestTree source;
    QString container = service.uniqueContainer();
    QTemporaryDir target;

    Job()
    {
        source.write(QStringLiteral("a.txt"), 1000);
        service.createContainer(container);
        service.putBlob(container, QStringLiteral("a.txt"),
                        TestTree::contentFor(QStringLiteral("a.txt"), 1000));
    }

    CliResult run(const QString &journal) const
    {
        CliOptions options;
        options.timeoutMs = 60'000; // a run blocked on a FIFO fails the test instead of hanging
        return runCli({service.containerUrl(container), target.path(), QStringLiteral("/S"),
                       QStringLiteral("/Z:") + journal, QStringLiteral("--source-key"),
                       service.key()},
                      options);
    }
};

mode_t typeOf(const QString &path)
{
    struct stat status = {};
    REQUIRE(::lstat(QFile::encodeName(path).constData(), &status) == 0);
    return status.st_mode & S_IFMT;
}

// Refused with one line naming the path and what is there; nothing downloaded.
void requireRefused(const Job &job, const CliResult &result, const QString &path,
                    const QString &what)
{
    INFO("stdout: " << result.out.toStdString() << "\nstderr: " << result.err.toStdString());
    REQUIRE_FALSE(result.timedOut);
    CHECK(result.exitCode == 2);
    const QStringList lines = result.errLines();
    REQUIRE(lines.size() == 1);
    CHECK(lines.first().contains(QStringLiteral("the journal path %1 is %2, not a blobferry "
                                                "journal")
                                     .arg(QFileInfo(path).absoluteFilePath(), what)));
    CHECK(filesUnder(job.target.path()).isEmpty());
    CHECK_FALSE(QFile::exists(path + QStringLiteral(".lock")));
}

} // namespace

TEST_CASE("/Z: on a FIFO, an empty file, a directory, a socket, a link or someone else's file "
          "is refused and left as it was",
          "[restart][journal][azurite]")
{
    Job job;
    QTemporaryDir state;

    const QString fifo = state.filePath(QStringLiteral("pipe"));
    REQUIRE(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    requireRefused(job, job.run(fifo), fifo, QStringLiteral("a FIFO (named pipe)"));
    CHECK(typeOf(fifo) == S_IFIFO);

    const QString empty = state.filePath(QStringLiteral("empty.log"));
    QFile emptyFile(empty);
    REQUIRE(emptyFile.open(QIODevice::WriteOnly));
    emptyFile.close();
    requireRefused(job, job.run(empty), empty, QStringLiteral("an empty file"));
    CHECK(typeOf(empty) == S_IFREG);
    CHECK(QFileInfo(empty).size() == 0);

    const QString folder = state.filePath(QStringLiteral("folder"));
    REQUIRE(QDir().mkdir(folder));
    requireRefused(job, job.run(folder), folder, QStringLiteral("a directory"));
    CHECK(typeOf(folder) == S_IFDIR);

    QLocalServer server;
    const QString socket = state.filePath(QStringLiteral("sock"));
    REQUIRE(server.listen(socket));
    requireRefused(job, job.run(socket), socket, QStringLiteral("a socket"));
    CHECK(typeOf(socket) == S_IFSOCK);

    // Someone else's notes: not removed by the clean finish, not appended to.
    const QString notes = state.filePath(QStringLiteral("notes.txt"));
    const QByteArray words = "shopping: milk, eggs\n";
    QFile notesFile(notes);
    REQUIRE(notesFile.open(QIODevice::WriteOnly));
    notesFile.write(words);
    notesFile.close();
    requireRefused(job, job.run(notes), notes, QStringLiteral("a file of something else"));
    REQUIRE(notesFile.open(QIODevice::ReadOnly));
    CHECK(notesFile.readAll() == words);
    notesFile.close();

    // A link, to the FIFO or to nothing at all: never followed.
    for (const QString &to : {fifo, state.filePath(QStringLiteral("nowhere"))}) {
        const QString link = state.filePath(QStringLiteral("link"));
        QFile::remove(link);
        REQUIRE(QFile::link(to, link));
        requireRefused(job, job.run(link), link, QStringLiteral("a symbolic link"));
        CHECK(typeOf(link) == S_IFLNK);
    }
    CHECK_FALSE(QFile::exists(state.filePath(QStringLiteral("nowhere"))));
}

TEST_CASE("/Z:/dev/null is refused and /dev/null is still the null device afterwards",
          "[restart][journal][azurite]")
{
    // Read-only checks of the real /dev/null: the refusal comes before anything is opened.
    Job job;
    const QString null = QStringLiteral("/dev/null");
    REQUIRE(typeOf(null) == S_IFCHR);
    requireRefused(job, job.run(null), null, QStringLiteral("a character device"));
    CHECK(typeOf(null) == S_IFCHR);
}

TEST_CASE("a journal path where no file is becomes a journal, removed after a clean finish",
          "[restart][journal][azurite]")
{
    Job job;
    QTemporaryDir state;
    const QString journal = state.filePath(QStringLiteral("sub/job.log"));
    const auto result = job.run(journal);
    INFO(result.out.toStdString() << result.err.toStdString());
    CHECK(result.exitCode == 0);
    CHECK(treeDifferences(job.source.path(), job.target.path()).isEmpty());
    CHECK_FALSE(QFile::exists(journal));
    CHECK_FALSE(QFile::exists(journal + QStringLiteral(".lock")));
    // No temporary file of the journal's creation is left beside it.
    CHECK(QDir(state.filePath(QStringLiteral("sub")))
              .entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)
              .isEmpty());
}

TEST_CASE("a user's own FILE.lock beside the journal path is named as such, not as a process",
          "[restart][journal][azurite]")
{
    Job job;
    QTemporaryDir state;
    const QString journal = state.filePath(QStringLiteral("job.log"));
    QFile mine(journal + QStringLiteral(".lock"));
    REQUIRE(mine.open(QIODevice::WriteOnly));
    REQUIRE(mine.write("my notes\n") == 9);
    mine.close();
    const auto result = job.run(journal);
    INFO(result.out.toStdString() << result.err.toStdString());
    CHECK(result.exitCode == 2);
    CHECK(result.err.contains(QStringLiteral("job.log.lock is in the way of the journal's lock "
                                             "and is not blobferry's")));
    CHECK_FALSE(result.err.contains(QStringLiteral("pid 0")));
    QFile kept(journal + QStringLiteral(".lock"));
    REQUIRE(kept.open(QIODevice::ReadOnly));
    CHECK(kept.readAll() == "my notes\n");
    CHECK(filesUnder(job.target.path()).isEmpty());
}
