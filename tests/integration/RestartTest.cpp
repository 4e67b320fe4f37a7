// SPDX-License-Identifier: MIT
// The restart journal with real SIGKILLs of the real blobferry-cli: each run is killed when
// its journal shows it has reached a chosen point, then run again with the same journal.
#include "support/CliRunner.h"
#include "support/FaultProxyProcess.h"
#include "support/SignalledRun.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLockFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>
#include <algorithm>
#include <catch2/catch.hpp>
#include <csignal>

using namespace blobferry::test;

namespace {

constexpr qint64 kMiB = 1024 * 1024;

int countRecords(const QString &journal, const char *type)
{
    QFile file(journal);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return int(file.readAll().count(QByteArray("\"t\":\"") + type + '"'));
}

// SIGKILL at the point the journal shows: no handler, no flush, no goodbye. False when the
// run ended before the point (the test then fails).
bool runAndKill(const QStringList &args, const std::function<bool()> &reached)
{
    const Signalled run = runAndSignal(args, reached, SIGKILL);
    if (!run.err.isEmpty())
        std::fputs(run.err.toLocal8Bit().constData(), stderr);
    return run.sent;
}

// Uploads `tree` (/S) into a new container of the service; returns the container's name.
QString containerWith(const TestService &service, const TestTree &tree)
{
    const QString container = service.uniqueContainer();
    REQUIRE(runCli({tree.path(), service.containerUrl(container), QStringLiteral("/S"),
                    QStringLiteral("--dest-key"), service.key()})
                .exitCode == 0);
    return container;
}

bool hasPartFile(const QString &root)
{
    const QStringList files = filesUnder(root);
    return std::any_of(files.cbegin(), files.cend(),
                       [](const QString &name) { return name.endsWith(QLatin1String(".bfpart")); });
}

QStringList transferArgs(const QString &from, const QString &to, const QString &journal,
                         const TestService &service, const char *keyOption)
{
    return {from,
            to,
            QStringLiteral("/S"),
            QStringLiteral("/Z:") + journal,
            QLatin1String(keyOption),
            service.key(),
            QStringLiteral("--block-size"),
            QStringLiteral("1"),
            QStringLiteral("--concurrency"),
            QStringLiteral("2")};
}

// "Resuming NAME: K of N blocks …" → K, or -1 when absent.
int resumedCount(const QString &output, const QString &name)
{
    const QRegularExpression pattern(
        QStringLiteral("Resuming %1: (\\d+) of").arg(QRegularExpression::escape(name)));
    const auto match = pattern.match(output);
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

} // namespace

TEST_CASE("an upload killed mid-file resumes and sends only the blocks that are missing",
          "[restart][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("big.bin"), 40 * kMiB + 3);
    source.write(QStringLiteral("small.txt"), 10);
    QTemporaryDir state;
    const QString journal = state.filePath(QStringLiteral("restart.log"));
    const QString container = service.uniqueContainer();
    // Through the proxy, with no fault: it counts every byte of every request body.
    FaultProxyProcess proxy(service.endpoint(), {});
    const QStringList args =
        transferArgs(source.path(), proxy.containerUrl(container), journal, service, "--dest-key");

    REQUIRE(runAndKill(args, [&] { return countRecords(journal, "range") >= 8; }));
    const auto second = runCli(args + QStringList{QStringLiteral("/V")});
    INFO(second.out.toStdString() << second.err.toStdString());
    REQUIRE(second.exitCode == 0);
    CHECK(resumedCount(second.out, QStringLiteral("big.bin")) >= 8);
    CHECK(second.outLines().contains(QStringLiteral("Finished Transfer: big.bin")));
    const bool same = service.getBlob(container, QStringLiteral("big.bin")) ==
                      TestTree::contentFor(QStringLiteral("big.bin"), 40 * kMiB + 3);
    CHECK(same);
    CHECK_FALSE(QFile::exists(journal)); // a finished job leaves no journal

    // Both runs together sent the files once, plus at most the blocks that were in flight
    // when the first was killed (--concurrency 2, 1 MiB blocks) and the small XML bodies.
    proxy.stop();
    const qint64 sent = proxy.count(QStringLiteral("requestBodyBytes"));
    const qint64 files = 40 * kMiB + 3 + 10;
    INFO("request body bytes " << sent << " for " << files << " bytes of files");
    CHECK(sent >= files);
    CHECK(sent - files <= 2 * kMiB + 64 * 1024);
}

TEST_CASE("an upload killed before its first block or during its commit finishes on re-run",
          "[restart][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("big.bin"), 12 * kMiB);
    QTemporaryDir state;
    // The first commit of each blob is answered 503 "retry in 5 s", so the killed run is
    // still there to be killed however fast the machine sends the blocks; the re-run's
    // commit goes through.
    FaultProxyProcess proxy(service.endpoint(),
                            {QStringLiteral("--fail-503-first"), QStringLiteral("--match"),
                             QStringLiteral("comp=blocklist"), QStringLiteral("--retry-after-ms"),
                             QStringLiteral("5000")});
    for (const char *point : {"start", "commit"}) {
        INFO(point);
        const QString journal = state.filePath(QString::fromLatin1(point) + QStringLiteral(".log"));
        const QString container = service.uniqueContainer();
        const QStringList args = transferArgs(source.path(), proxy.containerUrl(container), journal,
                                              service, "--dest-key");
        const bool atStart = QByteArray(point) == "start";
        REQUIRE(runAndKill(args, [&] {
            return atStart ? countRecords(journal, "start") >= 1
                           : countRecords(journal, "range") >= 12; // every block sent, commit next
        }));
        const auto again = runCli(args);
        INFO(again.out.toStdString() << again.err.toStdString());
        REQUIRE(again.exitCode == 0);
        const bool same = service.getBlob(container, QStringLiteral("big.bin")) ==
                          TestTree::contentFor(QStringLiteral("big.bin"), 12 * kMiB);
        CHECK(same);
    }
}

TEST_CASE("a download killed mid-file resumes from the bytes already on disk", "[restart][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("first.bin"), 3 * kMiB);
    source.write(QStringLiteral("movie.mp4"), 40 * kMiB + 5);
    const QString container = containerWith(service, source);

    QTemporaryDir target;
    QTemporaryDir state;
    const QString journal = state.filePath(QStringLiteral("restart.log"));
    FaultProxyProcess proxy(service.endpoint(), {}); // counts every byte of every answer body
    const QStringList args = transferArgs(proxy.containerUrl(container), target.path(), journal,
                                          service, "--source-key");
    // Killed between files (the first one done), then again mid-file.
    REQUIRE(runAndKill(args, [&] { return countRecords(journal, "done") >= 1; }));
    REQUIRE(runAndKill(args, [&] { return countRecords(journal, "range") >= 12; }));
    CHECK(QFile::exists(QDir(target.path()).filePath(QStringLiteral("movie.mp4.bfpart"))));

    const auto last = runCli(args + QStringList{QStringLiteral("/V")});
    INFO(last.out.toStdString() << last.err.toStdString());
    REQUIRE(last.exitCode == 0);
    CHECK(last.out.contains(QStringLiteral("Resuming movie.mp4: ")));
    CHECK(treeDifferences(source.path(), target.path()).isEmpty());

    // Three runs together received the blobs once, plus at most the ranges in flight at each
    // of the two kills (--concurrency 2, 1 MiB ranges) and the listings' XML.
    proxy.stop();
    const qint64 received = proxy.count(QStringLiteral("responseBodyBytes"));
    const qint64 blobs = 3 * kMiB + 40 * kMiB + 5;
    INFO("response body bytes " << received << " for " << blobs << " bytes of blobs");
    CHECK(received >= blobs);
    CHECK(received - blobs <= 2 * 2 * kMiB + 64 * 1024);
}

TEST_CASE("a source changed between runs restarts that file from zero and says so",
          "[restart][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("doc.bin"), 30 * kMiB);
    QTemporaryDir state;
    const QString journal = state.filePath(QStringLiteral("restart.log"));
    const QString container = service.uniqueContainer();
    const QStringList args = transferArgs(source.path(), service.containerUrl(container), journal,
                                          service, "--dest-key");
    REQUIRE(runAndKill(args, [&] { return countRecords(journal, "range") >= 4; }));

    source.write(QStringLiteral("doc.bin"), 30 * kMiB + 1); // new content and size
    const auto again = runCli(args);
    INFO(again.out.toStdString() << again.err.toStdString());
    REQUIRE(again.exitCode == 0);
    CHECK(again.out.contains(QStringLiteral("Restarting doc.bin from the beginning: it changed "
                                            "since the interrupted run")));
    const bool same = service.getBlob(container, QStringLiteral("doc.bin")) ==
                      TestTree::contentFor(QStringLiteral("doc.bin"), 30 * kMiB + 1);
    CHECK(same);
}

TEST_CASE("a garbage journal, another job's journal and a locked journal are each refused",
          "[restart][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("a.txt"), 10);
    QTemporaryDir state;
    const QString container = service.uniqueContainer();
    auto run = [&](const QString &journal, const QStringList &extra = {}) {
        return runCli(QStringList{source.path(), service.containerUrl(container),
                                  QStringLiteral("/Z:") + journal, QStringLiteral("--dest-key"),
                                  service.key()} +
                      extra);
    };

    const QString garbage = state.filePath(QStringLiteral("garbage.log"));
    QFile file(garbage);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write("\x7f"
               "ELF not a journal at all\n\x01\x02");
    file.close();
    const auto refused = run(garbage);
    CHECK(refused.exitCode == 2);
    CHECK(refused.err.contains(
        QStringLiteral("is a file of something else, not a blobferry journal")));
    // Refused before anything was sent: not even the container was created.
    CHECK(service.send(service.requests(container).listBlobs({}, {}, {})).status == 404);

    // A journal left by an interrupted job with another pattern.
    const QString other = state.filePath(QStringLiteral("other.log"));
    source.write(QStringLiteral("big.bin"), 20 * kMiB);
    REQUIRE(runAndKill({source.path(), service.containerUrl(container), QStringLiteral("big.bin"),
                        QStringLiteral("/Z:") + other, QStringLiteral("--dest-key"), service.key(),
                        QStringLiteral("--block-size"), QStringLiteral("1"),
                        QStringLiteral("--concurrency"), QStringLiteral("1")},
                       [&] { return countRecords(other, "range") >= 1; }));
    const auto mismatch = run(other);
    CHECK(mismatch.exitCode == 2);
    CHECK(mismatch.err.contains(
        QStringLiteral("belongs to another job: its pattern list is big.bin, not (none)")));

    const QString locked = state.filePath(QStringLiteral("locked.log"));
    QLockFile lock(locked + QStringLiteral(".lock"));
    REQUIRE(lock.tryLock(0));
    const auto busy = run(locked);
    CHECK(busy.exitCode == 2);
    CHECK(
        busy.err.contains(QStringLiteral("another blobferry process (pid %1) is using the journal")
                              .arg(QCoreApplication::applicationPid())));
}

TEST_CASE("a journal never holds the account key or a SAS signature", "[restart][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("big.bin"), 20 * kMiB);
    QTemporaryDir state;
    const QString container = service.uniqueContainer();
    service.createContainer(container);
    const QString sas = service.accountSas();
    const QString signature =
        QUrl::fromPercentEncoding(sas.section(QStringLiteral("sig="), 1).toLatin1());
    const QString journal = state.filePath(QStringLiteral("restart.log"));
    REQUIRE(runAndKill({source.path(), service.containerUrl(container) + QLatin1Char('?') + sas,
                        QStringLiteral("/Z:") + journal, QStringLiteral("--block-size"),
                        QStringLiteral("1"), QStringLiteral("--concurrency"), QStringLiteral("1")},
                       [&] { return countRecords(journal, "range") >= 2; }));
    QFile file(journal);
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    CHECK_FALSE(text.contains(signature.toLatin1()));
    CHECK_FALSE(text.contains(QUrl::toPercentEncoding(signature)));
    CHECK_FALSE(text.contains(service.key().toLatin1()));
    CHECK_FALSE(text.contains("sig="));
}

TEST_CASE("a page-blob upload killed mid-file resumes from its confirmed page ranges",
          "[restart][pageblob][azurite]")
{
    TestService service;
    TestTree source;
    const qint64 size = 30 * kMiB + 1001; // not a multiple of 512: the last page is padded
    source.write(QStringLiteral("disk.vhd"), size);
    QTemporaryDir state;
    const QString journal = state.filePath(QStringLiteral("restart.log"));
    const QString container = service.uniqueContainer();
    const QStringList args = transferArgs(source.path(), service.containerUrl(container), journal,
                                          service, "--dest-key") +
                             QStringList{QStringLiteral("/BlobType:page")};
    REQUIRE(runAndKill(args, [&] { return countRecords(journal, "range") >= 6; }));

    const auto again = runCli(args);
    INFO(again.out.toStdString() << again.err.toStdString());
    REQUIRE(again.exitCode == 0);
    const QRegularExpression resumed(QStringLiteral("Resuming disk.vhd: (\\d+) of 31 page ranges"));
    const auto match = resumed.match(again.out);
    REQUIRE(match.hasMatch());
    CHECK(match.captured(1).toInt() >= 6);

    const auto blobs = service.listBlobs(container);
    REQUIRE(blobs.size() == 1);
    CHECK(blobs.first().blobType == QStringLiteral("PageBlob"));
    CHECK(blobs.first().size == (size + 511) / 512 * 512);
    CHECK(blobs.first().fileLength == size);

    // Downloaded, it has the file's own length and bytes again.
    QTemporaryDir target;
    REQUIRE(runCli({service.containerUrl(container), target.path(), QStringLiteral("--source-key"),
                    service.key()})
                .exitCode == 0);
    CHECK(treeDifferences(source.path(), target.path()).isEmpty());
}

TEST_CASE("a dry run with /Z leaves the interrupted run's journal for the real re-run",
          "[restart][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("big.bin"), 20 * kMiB);
    QTemporaryDir state;
    const QString journal = state.filePath(QStringLiteral("restart.log"));
    const QString container = service.uniqueContainer();
    const QStringList args = transferArgs(source.path(), service.containerUrl(container), journal,
                                          service, "--dest-key");
    REQUIRE(runAndKill(args, [&] { return countRecords(journal, "range") >= 4; }));
    const auto dry = runCli(args + QStringList{QStringLiteral("/DryRun")});
    CHECK(dry.exitCode == 0);
    CHECK(QFile::exists(journal));
    const auto real = runCli(args);
    INFO(real.out.toStdString() << real.err.toStdString());
    REQUIRE(real.exitCode == 0);
    CHECK(resumedCount(real.out, QStringLiteral("big.bin")) >= 4);
}

TEST_CASE("an unfinished page blob is replaced even where /XO would skip a finished one",
          "[restart][pageblob][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("disk.vhd"), 16 * kMiB + 7);
    QTemporaryDir state;
    const QString journal = state.filePath(QStringLiteral("restart.log"));
    const QString container = service.uniqueContainer();
    const QStringList args = transferArgs(source.path(), service.containerUrl(container), journal,
                                          service, "--dest-key") +
                             QStringList{QStringLiteral("/BlobType:page")};
    REQUIRE(runAndKill(args, [&] { return countRecords(journal, "range") >= 3; }));

    // Without the journal, and with /XO: the half-written blob must not pass for the file.
    const auto again =
        runCli({source.path(), service.containerUrl(container), QStringLiteral("/XO"),
                QStringLiteral("/BlobType:page"), QStringLiteral("--dest-key"), service.key()});
    INFO(again.out.toStdString() << again.err.toStdString());
    REQUIRE(again.exitCode == 0);
    QTemporaryDir target;
    REQUIRE(runCli({service.containerUrl(container), target.path(), QStringLiteral("--source-key"),
                    service.key()})
                .exitCode == 0);
    CHECK(treeDifferences(source.path(), target.path()).isEmpty());
}

TEST_CASE("Ctrl-C stops a download with its summary, leaves no part file, and /Z resumes it",
          "[restart][azurite]")
{
    TestService service;
    TestTree source;
    for (int i = 0; i < 12; ++i)
        source.write(QStringLiteral("photo-%1.raw").arg(i, 2, 10, QLatin1Char('0')), 512 * 1024);
    source.write(QStringLiteral("video.mp4"), 8 * kMiB + 1);
    const QString container = containerWith(service, source);
    // Each request held 200 ms by the proxy: the job takes seconds, and is cut in the middle.
    FaultProxyProcess proxy(service.endpoint(),
                            {QStringLiteral("--delay-ms"), QStringLiteral("200")});
    const QStringList download{proxy.containerUrl(container),   QStringLiteral("/S"),
                               QStringLiteral("--source-key"),  service.key(),
                               QStringLiteral("--block-size"),  QStringLiteral("1"),
                               QStringLiteral("--concurrency"), QStringLiteral("2")};

    SECTION("without a journal: the files in flight are abandoned and their part files go")
    {
        QTemporaryDir target;
        const Signalled run = runAndSignal(
            QStringList{download[0], target.path()} + download.mid(1),
            [&] { return hasPartFile(target.path()); }, SIGINT);
        INFO(run.out.toStdString() << run.err.toStdString());
        REQUIRE(run.sent);
        CHECK(run.exitedNormally);
        CHECK(run.exitCode == 130);
        CHECK(run.err.contains(QStringLiteral("blobferry-cli: interrupted: stopping the files in "
                                              "flight (again to quit at once)")));
        CHECK(run.err.contains(QStringLiteral(": cancelled")));
        CHECK(run.out.contains(QStringLiteral("Transfer summary:")));
        CHECK_FALSE(hasPartFile(target.path()));
        // What is there is whole; not everything is there.
        const QStringList got = filesUnder(target.path());
        CHECK(got.size() < source.files().size());
        for (const QString &name : got) {
            QFile file(QDir(target.path()).filePath(name));
            REQUIRE(file.open(QIODevice::ReadOnly));
            CHECK(file.readAll() ==
                  TestTree::contentFor(name, QFileInfo(source.filePath(name)).size()));
        }
    }
    SECTION("with /Z: the journal stays and the same command finishes the job")
    {
        QTemporaryDir target;
        QTemporaryDir state;
        const QString journal = state.filePath(QStringLiteral("restart.log"));
        const QStringList args = QStringList{download[0], target.path()} + download.mid(1) +
                                 QStringList{QStringLiteral("/Z:") + journal};
        const QString videoPart = QDir(target.path()).filePath(QStringLiteral("video.mp4.bfpart"));
        const Signalled run = runAndSignal(
            args, [&] { return QFileInfo(videoPart).size() > 0; }, SIGINT);
        INFO(run.out.toStdString() << run.err.toStdString());
        REQUIRE(run.sent);
        CHECK(run.exitCode == 130);
        CHECK(run.err.contains(QStringLiteral("the journal keeps what arrived, run the same "
                                              "command to resume")));
        CHECK(QFile::exists(journal));
        CHECK(QFile::exists(videoPart)); // what arrived of it stays for the re-run
        const auto again = runCli(args);
        INFO(again.out.toStdString() << again.err.toStdString());
        CHECK(again.exitCode == 0);
        CHECK(again.out.contains(QStringLiteral("Resuming video.mp4: ")));
        CHECK(treeDifferences(source.path(), target.path()).isEmpty());
        CHECK_FALSE(QFile::exists(journal));
    }
}

TEST_CASE("Ctrl-C while the listing is on its way still ends the job with its summary",
          "[restart][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("a.txt"), 1000);
    const QString container = containerWith(service, source);
    // The first page takes 3 s: the signal comes while the job has nothing else in flight.
    FaultProxyProcess proxy(service.endpoint(),
                            {QStringLiteral("--delay-ms"), QStringLiteral("3000")});
    QTemporaryDir target;
    QElapsedTimer started;
    started.start();
    const Signalled run = runAndSignal(
        {proxy.containerUrl(container), target.path(), QStringLiteral("/S"),
         QStringLiteral("--source-key"), service.key()},
        [&] { return started.elapsed() > 1000; }, SIGINT);
    INFO(run.out.toStdString() << run.err.toStdString());
    REQUIRE(run.sent);
    CHECK(run.exitedNormally);
    CHECK(run.exitCode == 130);
    CHECK(run.out.contains(QStringLiteral("Transfer summary:")));
    CHECK(filesUnder(target.path()).isEmpty());
}

TEST_CASE("Ctrl-C during a mirror's deletions stops them", "[restart][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer();
    TestTree old;
    for (int i = 0; i < 60; ++i)
        old.write(QStringLiteral("old-%1.txt").arg(i, 2, 10, QLatin1Char('0')), 10);
    REQUIRE(runCli({old.path(), service.containerUrl(container), QStringLiteral("/S"),
                    QStringLiteral("--dest-key"), service.key()})
                .exitCode == 0);
    TestTree source;
    source.write(QStringLiteral("keep.txt"), 10);
    // Each request held 1.5 s: the signal comes while the first deletions are held.
    FaultProxyProcess proxy(service.endpoint(),
                            {QStringLiteral("--delay-ms"), QStringLiteral("1500")});
    const Signalled run = runAndSignal(
        {source.path(), proxy.containerUrl(container), QStringLiteral("/S"), QStringLiteral("/MIR"),
         QStringLiteral("/Y"), QStringLiteral("--dest-key"), service.key()},
        [&] { return proxy.count(QStringLiteral("requestsByMethod.DELETE")) >= 1; }, SIGINT);
    INFO(run.out.toStdString() << run.err.toStdString());
    REQUIRE(run.sent);
    CHECK(run.exitedNormally);
    CHECK(run.exitCode == 130);
    CHECK(run.out.contains(QStringLiteral("Transfer summary:")));
    // At most the deletions already sent (8 at a time) went; the other old blobs stay.
    const QStringList left = service.blobNames(container);
    CHECK(left.contains(QStringLiteral("keep.txt")));
    CHECK(left.size() >= 1 + 60 - 8);
}

TEST_CASE("a download of a blob with no stored MD5 resumes alike with or without --no-check-md5",
          "[restart][azurite]")
{
    // Such a blob comes in ranges of at most 4 MiB, checked against the service's MD5 for each
    // (not 8 MiB, --block-size's default): a re-run that split it otherwise would take the
    // journal's range numbers for other bytes.
    TestService service;
    TestTree source;
    source.write(QStringLiteral("unhashed.bin"), 40 * kMiB + 5);
    const QString container = service.uniqueContainer();
    REQUIRE(runCli({source.path(), service.containerUrl(container), QStringLiteral("--no-put-md5"),
                    QStringLiteral("--dest-key"), service.key()})
                .exitCode == 0);
    REQUIRE(service.listBlobs(container).value(0).contentMd5.isEmpty());

    QTemporaryDir target;
    QTemporaryDir state;
    const QString journal = state.filePath(QStringLiteral("restart.log"));
    const QStringList args{service.containerUrl(container),
                           target.path(),
                           QStringLiteral("/Z:") + journal,
                           QStringLiteral("--source-key"),
                           service.key(),
                           QStringLiteral("--concurrency"),
                           QStringLiteral("2")};
    REQUIRE(runAndKill(args, [&] { return countRecords(journal, "range") >= 2; }));
    const auto last = runCli(args + QStringList{QStringLiteral("--no-check-md5")});
    INFO(last.out.toStdString() << last.err.toStdString());
    REQUIRE(last.exitCode == 0);
    CHECK(last.out.contains(QStringLiteral("Resuming unhashed.bin: ")));
    CHECK(treeDifferences(source.path(), target.path()).isEmpty());
}
