// SPDX-License-Identifier: MIT
// A download's part file is blobferry's own: a user's file that happens to be called
// NAME.bfpart keeps its bytes, with or without a journal, and across a kill and a resume.
#include "support/CliRunner.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <catch2/catch.hpp>
#include <csignal>

using namespace blobferry::test;

namespace {

constexpr qint64 kMiB = 1024 * 1024;

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(missing)");
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    REQUIRE(file.write(data) == data.size());
}

int rangeRecords(const QString &journal)
{
    return int(readFile(journal).count("\"t\":\"range\""));
}

// SIGKILL once `reached` says so; false when the run ended first.
bool runAndKill(const QStringList &args, const std::function<bool()> &reached)
{
    QProcess process;
    process.start(QStringLiteral(BLOBFERRY_CLI_PATH), args);
    if (!process.waitForStarted(10'000))
        return false;
    bool sent = false;
    QElapsedTimer clock;
    clock.start();
    while (process.state() == QProcess::Running && clock.elapsed() < 60'000) {
        if (reached()) {
            sent = ::kill(pid_t(process.processId()), SIGKILL) == 0;
            break;
        }
        process.waitForReadyRead(1);
    }
    if (!process.waitForFinished(60'000))
        process.kill();
    return sent;
}

// A container holding one blob, big.bin, of `size` bytes; returns its bytes.
QByteArray putBigBlob(const TestService &service, const QString &container, qint64 size)
{
    service.createContainer(container);
    const QByteArray blob = TestTree::contentFor(QStringLiteral("big.bin"), size);
    service.putBlob(container, QStringLiteral("big.bin"), blob);
    return blob;
}

} // namespace

TEST_CASE("a user's notes.bfpart keeps its bytes when the blob notes is downloaded beside it",
          "[download][partfile][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer();
    service.createContainer(container);
    const QByteArray blob = TestTree::contentFor(QStringLiteral("notes"), 3000);
    service.putBlob(container, QStringLiteral("notes"), blob);
    const QByteArray mine = "my own notes, not a download\n";

    for (const bool withJournal : {false, true}) {
        INFO("with a journal: " << withJournal);
        QTemporaryDir target;
        QTemporaryDir state;
        const QString userFile = QDir(target.path()).filePath(QStringLiteral("notes.bfpart"));
        writeFile(userFile, mine);
        QStringList args{service.containerUrl(container), target.path(), QStringLiteral("/S"),
                         QStringLiteral("--source-key"), service.key()};
        if (withJournal)
            args << QStringLiteral("/Z:") + state.filePath(QStringLiteral("job.log"));
        const auto result = runCli(args);
        INFO(result.out.toStdString() << result.err.toStdString());
        CHECK(result.exitCode == 0);
        CHECK(readFile(QDir(target.path()).filePath(QStringLiteral("notes"))) == blob);
        CHECK(readFile(userFile) == mine);
        CHECK(filesUnder(target.path()) ==
              QStringList{QStringLiteral("notes"), QStringLiteral("notes.bfpart")});
    }
}

TEST_CASE("a killed /Z download resumes from the part file its journal names, never the user's",
          "[download][partfile][restart][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer();
    const qint64 size = 24 * kMiB + 3;
    const QByteArray blob = putBigBlob(service, container, size);
    // The user's file has the blob's very size: only the journal can tell it is not a part.
    const QByteArray mine = TestTree::contentFor(QStringLiteral("the user's"), size);

    QTemporaryDir target;
    QTemporaryDir state;
    const QString userFile = QDir(target.path()).filePath(QStringLiteral("big.bin.bfpart"));
    writeFile(userFile, mine);
    const QString journal = state.filePath(QStringLiteral("job.log"));
    const QStringList args{service.containerUrl(container),
                           target.path(),
                           QStringLiteral("/S"),
                           QStringLiteral("/Z:") + journal,
                           QStringLiteral("--source-key"),
                           service.key(),
                           QStringLiteral("--block-size"),
                           QStringLiteral("1"),
                           QStringLiteral("--concurrency"),
                           QStringLiteral("2")};
    REQUIRE(runAndKill(args, [&] { return rangeRecords(journal) >= 4; }));
    const bool userFileKept = readFile(userFile) == mine;
    CHECK(userFileKept);
    // The run's own part file went beside it, under a name no blob of the job can take.
    const QStringList during = filesUnder(target.path());
    INFO(during.join(QLatin1Char(' ')).toStdString());
    CHECK(during.size() == 2);
    CHECK(during.filter(QRegularExpression(QStringLiteral("^big\\.bin\\.[0-9a-f]{8}\\.bfpart$")))
              .size() == 1);

    const auto again = runCli(args);
    INFO(again.out.toStdString() << again.err.toStdString());
    CHECK(again.exitCode == 0);
    CHECK(again.out.contains(QStringLiteral("Resuming big.bin: ")));
    const bool downloaded =
        readFile(QDir(target.path()).filePath(QStringLiteral("big.bin"))) == blob;
    CHECK(downloaded);
    const bool userFileStillKept = readFile(userFile) == mine;
    CHECK(userFileStillKept);
    CHECK(filesUnder(target.path()) ==
          QStringList{QStringLiteral("big.bin"), QStringLiteral("big.bin.bfpart")});
}

TEST_CASE("a part file a killed run left is taken over by the next run, not left beside a new one",
          "[download][partfile][restart][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer();
    const qint64 size = 24 * kMiB + 5;
    const QByteArray blob = putBigBlob(service, container, size);
    QTemporaryDir target;
    const QString part = QDir(target.path()).filePath(QStringLiteral("big.bin.bfpart"));
    // No /Z: nothing but the part file's own mark says it is blobferry's.
    const QStringList args{service.containerUrl(container), target.path(),
                           QStringLiteral("--source-key"),  service.key(),
                           QStringLiteral("--block-size"),  QStringLiteral("1"),
                           QStringLiteral("--concurrency"), QStringLiteral("2")};
    REQUIRE(runAndKill(args, [&] { return QFile::exists(part); }));
    REQUIRE(QFile::exists(part)); // what a kill leaves: the part file, nothing else to say so

    const auto again = runCli(args);
    INFO(again.out.toStdString() << again.err.toStdString());
    CHECK(again.exitCode == 0);
    const bool downloaded =
        readFile(QDir(target.path()).filePath(QStringLiteral("big.bin"))) == blob;
    CHECK(downloaded);
    // Taken over and renamed into place: no part file stays behind, however many kills.
    CHECK(filesUnder(target.path()) == QStringList{QStringLiteral("big.bin")});
}
