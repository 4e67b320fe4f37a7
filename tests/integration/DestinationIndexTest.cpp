// SPDX-License-Identifier: MIT
// The upload's destination index against the run's Azurite: what it answers from the listing,
// where it must say "unknown" (so the file asks the service itself), and that a re-upload
// asks with one listing instead of a HEAD per file.
#include "transfer/DestinationIndex.h"

#include "azure/BlobRequests.h"
#include "net/Requester.h"
#include "support/CliRunner.h"
#include "support/FaultProxyProcess.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QThread>
#include <QTimer>
#include <catch2/catch.hpp>
#include <sys/stat.h>

using namespace blobferry;
using namespace blobferry::test;
using transfer::DestinationIndex;

namespace {

// Asks the index and runs the event loop until it answers (30 s at most).
DestinationIndex::Answer ask(DestinationIndex &index, const QString &name)
{
    QObject receiver;
    QEventLoop loop;
    std::optional<DestinationIndex::Answer> answer;
    index.find(name, &receiver, [&](const DestinationIndex::Answer &given) {
        answer = given;
        loop.quit();
    });
    if (!answer) {
        QTimer::singleShot(30000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    INFO("no answer for " << name.toStdString());
    REQUIRE(answer.has_value());
    return *answer;
}

QString fileName(int i)
{
    return QStringLiteral("d/f%1").arg(i, 2, 10, QLatin1Char('0'));
}

// A new container holding d/f00 … d/f29, blob i of i bytes.
QString thirtyBlobs(const TestService &service)
{
    const QString container = service.uniqueContainer(QStringLiteral("idx"));
    service.createContainer(container);
    for (int i = 0; i < 30; ++i)
        service.putBlob(container, fileName(i), QByteArray(i, 'x'));
    return container;
}

} // namespace

TEST_CASE("the destination index answers from the listing's pages and forgets behind the uploads",
          "[index][azurite]")
{
    TestService service;
    const QString container = thirtyBlobs(service);
    service.putBlob(container, QStringLiteral("e/outside"), "y");

    const azure::BlobRequests requests = service.requests(container);
    net::RequesterSettings settings;
    settings.concurrency = 4;
    net::Requester requester(settings);
    DestinationIndex index(requests, &requester, net::RetryPolicy{}, QStringLiteral("d/"), true);
    index.setLimits(8, 5); // pages of 5, at most 8 entries held
    index.start();

    // In name order, as a sorted upload asks: every blob is there, with its size.
    for (int i = 0; i < 30; ++i) {
        const auto answer = ask(index, fileName(i));
        INFO(fileName(i).toStdString());
        REQUIRE(answer.known == DestinationIndex::Known::Present);
        CHECK(answer.entry.size == i);
        CHECK_FALSE(answer.entry.contentMd5.isEmpty());
        // A name between two listed ones is known to be absent.
        CHECK(ask(index, fileName(i) + QStringLiteral("x")).known ==
              DestinationIndex::Known::Absent);
    }
    CHECK(ask(index, QStringLiteral("d/g")).known == DestinationIndex::Known::Absent);
    // Forgotten to stay within 8 entries: the file must ask the service itself.
    CHECK(ask(index, fileName(3)).known == DestinationIndex::Known::Unknown);
    // Outside the listing's prefix, and a name the service may order differently.
    CHECK(ask(index, QStringLiteral("e/outside")).known == DestinationIndex::Known::Unknown);
    CHECK(ask(index, QStringLiteral("d/\U0001F600")).known == DestinationIndex::Known::Unknown);
    CHECK(index.answered() == 61);
}

TEST_CASE("the destination index gives way to HEADs when the listing answers little",
          "[index][azurite]")
{
    TestService service;
    const QString container = thirtyBlobs(service);
    const azure::BlobRequests requests = service.requests(container);
    net::RequesterSettings settings;
    settings.concurrency = 2;
    net::Requester requester(settings);
    DestinationIndex index(requests, &requester, net::RetryPolicy{}, QStringLiteral("d/"), true);
    // Pages of 5, and one answer owed per 2 names listed: three pages without an answer
    // while a question waits past them is not paying.
    index.setLimits(100, 5, 2);
    index.start();
    CHECK(ask(index, fileName(29) + QStringLiteral("x")).known == DestinationIndex::Known::Unknown);
    CHECK(ask(index, fileName(0)).known == DestinationIndex::Known::Unknown);
    CHECK(index.answered() == 0);
}

TEST_CASE("the destination index: a missing container holds nothing, a refused listing knows "
          "nothing, a top-level listing nothing below",
          "[index][azurite]")
{
    TestService service;
    net::RequesterSettings settings;
    settings.concurrency = 2;
    net::Requester requester(settings);

    const azure::BlobRequests missing = service.requests(service.uniqueContainer());
    DestinationIndex empty(missing, &requester, net::RetryPolicy{}, QString(), true);
    empty.start();
    CHECK(ask(empty, QStringLiteral("a.txt")).known == DestinationIndex::Known::Absent);

    const QString container = service.uniqueContainer();
    service.createContainer(container);
    service.putBlob(container, QStringLiteral("a.txt"), "a");
    service.putBlob(container, QStringLiteral("sub/b.txt"), "b");
    QString error;
    const auto location = azure::BlobLocation::parse(service.containerUrl(container), &error);
    REQUIRE(location.has_value());
    const azure::BlobRequests wrongKey(
        *location, azure::Credential::sharedKey(
                       service.account(), QStringLiteral("d3Jvbmcga2V5IHdyb25nIGtleQ=="), &error));
    DestinationIndex refused(wrongKey, &requester, net::RetryPolicy{}, QString(), true);
    refused.start();
    CHECK(ask(refused, QStringLiteral("a.txt")).known == DestinationIndex::Known::Unknown);

    const azure::BlobRequests requests = service.requests(container);
    DestinationIndex topLevel(requests, &requester, net::RetryPolicy{}, QString(), false);
    topLevel.start();
    CHECK(ask(topLevel, QStringLiteral("a.txt")).known == DestinationIndex::Known::Present);
    CHECK(ask(topLevel, QStringLiteral("b.txt")).known == DestinationIndex::Known::Absent);
    CHECK(ask(topLevel, QStringLiteral("sub/b.txt")).known == DestinationIndex::Known::Unknown);
}

TEST_CASE("a re-upload learns what is there from one listing, not a HEAD per file",
          "[index][azurite]")
{
    TestService service;
    TestTree tree;
    for (int i = 0; i < 40; ++i)
        tree.writeText(QStringLiteral("dir%1/file%2.txt").arg(i % 3).arg(i), QByteArray::number(i));
    const QString container = service.uniqueContainer();
    const QStringList first{tree.path(), service.containerUrl(container), QStringLiteral("/S"),
                            QStringLiteral("--dest-key"), service.key()};
    REQUIRE(runCli(first).exitCode == 0);
    tree.writeText(QStringLiteral("dir0/file0.txt"), "changed");
    QFile changed(tree.filePath(QStringLiteral("dir0/file0.txt")));
    REQUIRE(changed.open(QIODevice::ReadWrite));
    REQUIRE(changed.setFileTime(QDateTime::currentDateTimeUtc().addSecs(3600),
                                QFileDevice::FileModificationTime));
    changed.close();
    tree.writeText(QStringLiteral("new.txt"), "new");

    FaultProxyProcess proxy(service.endpoint(), {});
    const auto again = runCli({tree.path(), proxy.containerUrl(container), QStringLiteral("/S"),
                               QStringLiteral("/V"), QStringLiteral("/Y"), QStringLiteral("/XO"),
                               QStringLiteral("--dest-key"), service.key()});
    proxy.stop();
    INFO(again.out.toStdString() << again.err.toStdString());
    REQUIRE(again.exitCode == 0);
    CHECK(again.out.contains(QStringLiteral("Transfer skipped: 39")));
    CHECK(again.outLines().contains(QStringLiteral("Finished Transfer: new.txt")));
    CHECK(again.outLines().contains(QStringLiteral("Finished Transfer: dir0/file0.txt")));
    CHECK(service.getBlob(container, QStringLiteral("dir0/file0.txt")) == "changed");
    CHECK(proxy.count(QStringLiteral("requestsByMethod.HEAD")) == 0);
    CHECK(proxy.count(QStringLiteral("requestsByMethod.GET")) == 1); // one page of the listing
}

TEST_CASE("a dry run walks the tree in the listing's order, takes files and followed links, "
          "and asks the service nothing per file",
          "[index][azurite]")
{
    TestService service;
    TestTree tree;
    tree.writeText(QStringLiteral("a0"), "x");
    tree.writeText(QStringLiteral("a.txt"), "x");
    tree.writeText(QStringLiteral("a/b"), "x");
    tree.writeText(QStringLiteral(".hidden"), "x");
    tree.writeText(QStringLiteral("B.txt"), "x");
    REQUIRE(
        QFile::link(tree.filePath(QStringLiteral("a0")), tree.filePath(QStringLiteral("link"))));
    REQUIRE(
        QFile::link(tree.filePath(QStringLiteral("a")), tree.filePath(QStringLiteral("dirlink"))));
    REQUIRE(QFile::link(tree.filePath(QStringLiteral("gone")),
                        tree.filePath(QStringLiteral("dangling"))));
    REQUIRE(::mkfifo(QFile::encodeName(tree.filePath(QStringLiteral("fifo"))).constData(), 0600) ==
            0);
    const QString container = service.uniqueContainer();
    service.createContainer(container);

    FaultProxyProcess proxy(service.endpoint(), {});
    const auto dry = runCli({tree.path(), proxy.containerUrl(container), QStringLiteral("/S"),
                             QStringLiteral("--dry-run"), QStringLiteral("--follow-symlinks"),
                             QStringLiteral("--dest-key"), service.key()});
    proxy.stop();
    INFO(dry.out.toStdString() << dry.err.toStdString());
    REQUIRE(dry.exitCode == 0);
    QStringList wouldCopy;
    QStringList wouldSkip;
    for (const QString &line : dry.outLines()) {
        if (line.startsWith(QStringLiteral("Would copy: ")))
            wouldCopy.append(line.mid(12));
        else if (line.startsWith(QStringLiteral("Would skip: ")))
            wouldSkip.append(line.mid(12));
    }
    // UTF-8 byte order, as the service lists: "a.txt" < "a/b" < "a0"; a followed link to a
    // directory sorts as one ("dirlink/").
    CHECK(wouldCopy == QStringList{QStringLiteral(".hidden"), QStringLiteral("B.txt"),
                                   QStringLiteral("a.txt"), QStringLiteral("a/b"),
                                   QStringLiteral("a0"), QStringLiteral("dirlink/b"),
                                   QStringLiteral("link")});
    CHECK(wouldSkip ==
          QStringList{QStringLiteral("dangling (a symbolic link whose target does not exist)"),
                      QStringLiteral("fifo (a FIFO, not a regular file)")});
    CHECK(proxy.count(QStringLiteral("requestsByMethod.HEAD")) == 0);
    CHECK(proxy.count(QStringLiteral("requestsByMethod.GET")) == 1);
}

TEST_CASE("a dry run of 25,000 files into a reader that stalls loses no line and does not hang",
          "[index][azurite]")
{
    // More outcomes than the engine lets wait unprinted (10,000): the engine must pause and
    // carry on, not deadlock or drop lines, while the pipe to a slow reader is full.
    TestService service;
    TestTree tree;
    for (int d = 0; d < 25; ++d) {
        for (int f = 0; f < 1000; ++f)
            tree.writeText(QStringLiteral("d%1/f%2")
                               .arg(d, 2, 10, QLatin1Char('0'))
                               .arg(f, 4, 10, QLatin1Char('0')),
                           {});
    }
    CliOptions slow;
    slow.holdOutputMs = 3000;
    const auto dry =
        runCli({tree.path(), service.containerUrl(service.uniqueContainer()), QStringLiteral("/S"),
                QStringLiteral("--dry-run"), QStringLiteral("--dest-key"), service.key()},
               slow);
    INFO(dry.err.toStdString());
    REQUIRE(dry.exitCode == 0);
    QStringList wouldCopy;
    for (const QString &line : dry.outLines()) {
        if (line.startsWith(QStringLiteral("Would copy: ")))
            wouldCopy.append(line.mid(12));
    }
    REQUIRE(wouldCopy.size() == 25000);
    CHECK(wouldCopy.first() == QStringLiteral("d00/f0000"));
    CHECK(wouldCopy.last() == QStringLiteral("d24/f0999"));
    QStringList sorted = wouldCopy;
    sorted.sort();
    CHECK(sorted == wouldCopy); // each once, in the walk's order
    CHECK(sorted.removeDuplicates() == 0);
    CHECK(dry.out.contains(QStringLiteral("Total files transferred: 25000")));
}

TEST_CASE("a blob someone writes after the destination was listed is not replaced unasked",
          "[index][azurite]")
{
    TestService service;
    TestTree tree;
    tree.writeText(QStringLiteral("x.txt"), "ours");
    tree.write(QStringLiteral("y.bin"), 20 * 1024 * 1024 + 5); // blocks: the race is at the commit
    const QString container = service.uniqueContainer();
    service.createContainer(container);
    // The proxy holds every request 3 s and counts it as it arrives: once the uploads' writes
    // are seen, there are 3 s to write the same names beside it, after the listing said absent.
    FaultProxyProcess proxy(service.endpoint(),
                            {QStringLiteral("--delay-ms"), QStringLiteral("3000")});
    QProcess cli;
    cli.start(QStringLiteral(BLOBFERRY_CLI_PATH),
              {tree.path(), proxy.containerUrl(container), QStringLiteral("/S"),
               QStringLiteral("/V"), QStringLiteral("--dest-key"), service.key()});
    REQUIRE(cli.waitForStarted(10000));
    cli.closeWriteChannel();
    QElapsedTimer waited;
    waited.start();
    // The first PUT creates the container (it exists: 409); the next are the uploads' writes.
    while (proxy.count(QStringLiteral("requestsByMethod.PUT")) < 2 && waited.elapsed() < 60000)
        QThread::msleep(20);
    REQUIRE(proxy.count(QStringLiteral("requestsByMethod.PUT")) >= 2);
    service.putBlob(container, QStringLiteral("x.txt"), "theirs");
    service.putBlob(container, QStringLiteral("y.bin"), "theirs too");
    REQUIRE(cli.waitForFinished(120000));
    const QString out = QString::fromUtf8(cli.readAllStandardOutput());
    const QString err = QString::fromUtf8(cli.readAllStandardError());
    INFO(out.toStdString() << err.toStdString());
    CHECK(cli.exitCode() == 0);
    CHECK(service.getBlob(container, QStringLiteral("x.txt")) == "theirs");
    // Compared whole, not decomposed: Catch would print 20 MiB if it failed.
    const QByteArray y = service.getBlob(container, QStringLiteral("y.bin"));
    CHECK(y.size() == 10);
    CHECK((y == "theirs too"));
    CHECK(out.contains(QStringLiteral("x.txt appeared in the destination while this job ran")));
    CHECK(out.contains(QStringLiteral("y.bin appeared in the destination while this job ran")));
    CHECK(err.contains(QStringLiteral("Skipped existing y.bin: nobody can answer")));
    CHECK(out.contains(QStringLiteral("Transfer skipped: 2")));
}
