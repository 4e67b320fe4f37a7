// SPDX-License-Identifier: MIT
// Bad input: one line on stderr naming the problem, a non-zero exit, nothing half-written.
#include "support/CliRunner.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QDir>
#include <QFile>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QUrl>
#include <catch2/catch.hpp>

using namespace blobferry::test;

namespace {

// One line, starting with the program's name, saying `phrase`.
void requireOneLineError(const CliResult &result, const QString &phrase)
{
    INFO("stdout: " << result.out.toStdString() << "\nstderr: " << result.err.toStdString());
    REQUIRE_FALSE(result.crashed);
    REQUIRE_FALSE(result.timedOut);
    CHECK(result.exitCode == 2);
    const QStringList lines = result.errLines();
    REQUIRE(lines.size() == 1);
    CHECK(lines.first().startsWith(QStringLiteral("blobferry-cli: ")));
    CHECK(lines.first().contains(phrase, Qt::CaseInsensitive));
}

} // namespace

TEST_CASE("no arguments says what is missing and how to call", "[cli][badinput]")
{
    const auto result = runCli({});
    requireOneLineError(result, QStringLiteral("missing <Source> and <Destination>"));
    CHECK(result.err.contains(QStringLiteral("usage: blobferry-cli <Source> <Destination>")));
}

TEST_CASE("one argument says the destination is missing", "[cli][badinput]")
{
    requireOneLineError(runCli({QStringLiteral("/tmp")}), QStringLiteral("missing <Destination>"));
}

TEST_CASE("an unknown option is named, long or slash form", "[cli][badinput]")
{
    requireOneLineError(
        runCli({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("--frobnicate")}),
        QStringLiteral("unknown option --frobnicate"));
    requireOneLineError(
        runCli({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("/Frobnicate")}),
        QStringLiteral("unknown option /Frobnicate"));
}

TEST_CASE("a malformed URL is refused with the accepted forms", "[cli][badinput]")
{
    TestTree source;
    requireOneLineError(runCli({source.path(), QStringLiteral("http://")}),
                        QStringLiteral("malformed URL"));
    requireOneLineError(runCli({source.path(), QStringLiteral("http://127.0.0.1:10000/")}),
                        QStringLiteral("account name is missing"));
}

TEST_CASE("an invalid container name is refused before anything is sent", "[cli][badinput]")
{
    TestTree source;
    source.write(QStringLiteral("a.txt"), 1);
    requireOneLineError(
        runCli({source.path(), QStringLiteral("http://127.0.0.1:1/devstoreaccount1/Bad_Name")}),
        QStringLiteral("invalid container name 'Bad_Name'"));
}

TEST_CASE("a key that is not base64 is refused", "[cli][badinput]")
{
    TestTree source;
    requireOneLineError(
        runCli({source.path(), QStringLiteral("http://127.0.0.1:1/devstoreaccount1/box"),
                QStringLiteral("/DestKey:not-a-key!")}),
        QStringLiteral("not valid base64"));
}

TEST_CASE("a wrong key fails with 403 and uploads nothing", "[cli][badinput][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("a.txt"), 10);
    const QString container = service.uniqueContainer();
    // A well-formed key of the right length that is not the account's.
    const QString wrongKey = QString::fromLatin1(QByteArray(64, 'k').toBase64());
    const auto result = runCli(
        {source.path(), service.containerUrl(container), QStringLiteral("--dest-key"), wrongKey});
    INFO(result.out.toStdString() << result.err.toStdString());
    CHECK(result.exitCode == 2);
    CHECK(result.err.contains(QStringLiteral("403 AuthorizationFailure: the account key is wrong "
                                             "or the request was altered")));
    CHECK_FALSE(result.err.contains(wrongKey));
    CHECK(service.send(service.requests(container).listBlobs({}, {}, {})).status == 404);
}

TEST_CASE("a missing source directory is named", "[cli][badinput]")
{
    QTemporaryDir scratch;
    const QString missing = QDir(scratch.path()).filePath(QStringLiteral("no-such-dir"));
    requireOneLineError(
        runCli({missing, QStringLiteral("http://127.0.0.1:1/devstoreaccount1/box")}),
        QStringLiteral("does not exist"));
}

TEST_CASE("an unwritable destination is refused and nothing is written", "[cli][badinput][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer();
    service.createContainer(container);
    service.putBlob(container, QStringLiteral("a.txt"), "a");
    TestTree scratch;
    scratch.writeText(QStringLiteral("plain-file"), "x");
    // A directory below a regular file cannot be created, whoever runs the test (root too).
    const QString destination = scratch.filePath(QStringLiteral("plain-file/target"));
    const auto result = runCli({service.containerUrl(container), destination,
                                QStringLiteral("--source-key"), service.key()});
    INFO(result.out.toStdString() << result.err.toStdString());
    CHECK(result.exitCode == 2);
    CHECK(result.err.contains(QStringLiteral("cannot create the destination directory")));
    CHECK(scratch.files() == QStringList{QStringLiteral("plain-file")});
}

TEST_CASE("nothing listening on the port fails soon with a clear message", "[cli][badinput]")
{
    // A port that was free a moment ago.
    QTcpServer probe;
    REQUIRE(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    TestTree source;
    source.write(QStringLiteral("a.txt"), 10);
    CliOptions options;
    options.timeoutMs = 60'000;
    const auto result =
        runCli({source.path(), QStringLiteral("http://127.0.0.1:%1/devstoreaccount1/box").arg(port),
                QStringLiteral("--dest-key"), QString::fromLatin1(QByteArray(64, 'k').toBase64())},
               options);
    INFO(result.out.toStdString() << result.err.toStdString());
    REQUIRE_FALSE(result.timedOut);
    CHECK(result.exitCode == 2);
    CHECK(result.errLines().size() == 1);
    CHECK(result.err.contains(
        QStringLiteral("cannot connect to 127.0.0.1:%1: connection refused").arg(port)));
}

TEST_CASE("a download from a container that does not exist says so", "[cli][badinput][azurite]")
{
    TestService service;
    QTemporaryDir target;
    const auto result = runCli({service.containerUrl(service.uniqueContainer()), target.path(),
                                QStringLiteral("--source-key"), service.key()});
    CHECK(result.exitCode == 2);
    CHECK(result.err.contains(QStringLiteral("404 ContainerNotFound")));
    CHECK(filesUnder(target.path()).isEmpty());
}

namespace {

// Every run log under dir, read whole; empty when there is none.
QString logsUnder(const QString &dir)
{
    QString all;
    for (const QString &name : filesUnder(dir)) {
        QFile file(QDir(dir).filePath(name));
        if (file.open(QIODevice::ReadOnly))
            all += QString::fromUtf8(file.readAll());
    }
    return all;
}

// Another account's key (a well-formed one, registered nowhere): only its shape can hide it.
QString strayKey()
{
    return QString::fromLatin1(QByteArray("another account's key, 64 bytes long, not this one's!!")
                                   .leftJustified(64, '#')
                                   .toBase64());
}

void requireAbsent(const QString &secret, const CliResult &result, const QString &logs)
{
    INFO("stdout: " << result.out.toStdString() << "\nstderr: " << result.err.toStdString()
                    << "\nlogs: " << logs.toStdString());
    REQUIRE(secret.size() == 88);
    CHECK_FALSE(result.out.contains(secret));
    CHECK_FALSE(result.err.contains(secret));
    CHECK_FALSE(logs.contains(secret));
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(secret));
    CHECK_FALSE(result.err.contains(encoded));
    CHECK_FALSE(logs.contains(encoded));
}

} // namespace

TEST_CASE("a pattern that matches nothing is named and the job does not pass for a success",
          "[cli][badinput][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("holiday.jpg"), 100);
    source.write(QStringLiteral("notes.txt"), 10);
    const QString container = service.uniqueContainer();

    SECTION("an upload whose only pattern matches nothing: nothing to do, exit 2")
    {
        const auto typo =
            runCli({source.path(), service.containerUrl(container), QStringLiteral("*.jgp"),
                    QStringLiteral("--dest-key"), service.key()});
        INFO(typo.out.toStdString() << typo.err.toStdString());
        CHECK(typo.exitCode == 2);
        CHECK(
            typo.err.contains(QStringLiteral("blobferry-cli: pattern \"*.jgp\" matched no file")));
        CHECK(service.blobNames(container).isEmpty());
    }
    SECTION("one pattern of two matches: its files go, the other is named, exit 1")
    {
        const auto half =
            runCli({source.path(), service.containerUrl(container), QStringLiteral("*.jpg"),
                    QStringLiteral("*.tx"), QStringLiteral("--dest-key"), service.key()});
        INFO(half.out.toStdString() << half.err.toStdString());
        CHECK(half.exitCode == 1);
        CHECK(half.err.contains(QStringLiteral("blobferry-cli: pattern \"*.tx\" matched no file")));
        CHECK_FALSE(half.err.contains(QStringLiteral("\"*.jpg\"")));
        CHECK(service.blobNames(container) == QStringList{QStringLiteral("holiday.jpg")});
    }
    SECTION("a download's prefix that no blob starts with: exit 2")
    {
        REQUIRE(runCli({source.path(), service.containerUrl(container),
                        QStringLiteral("--dest-key"), service.key()})
                    .exitCode == 0);
        QTemporaryDir target;
        const auto typo =
            runCli({service.containerUrl(container), target.path(), QStringLiteral("holidya"),
                    QStringLiteral("--source-key"), service.key()});
        INFO(typo.out.toStdString() << typo.err.toStdString());
        CHECK(typo.exitCode == 2);
        CHECK(typo.err.contains(QStringLiteral("pattern \"holidya\" matched no blob")));
        CHECK(filesUnder(target.path()).isEmpty());
        // The same prefix spelled right finds its blob: exit 0.
        const auto right =
            runCli({service.containerUrl(container), target.path(), QStringLiteral("holiday"),
                    QStringLiteral("--source-key"), service.key()});
        CHECK(right.exitCode == 0);
        CHECK(filesUnder(target.path()) == QStringList{QStringLiteral("holiday.jpg")});
    }
}

TEST_CASE("/DestKey: KEY (a space after the colon) is refused and the key shown nowhere",
          "[cli][badinput][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("a.txt"), 10);
    const QString container = service.uniqueContainer();
    QTemporaryDir logs;
    const auto result =
        runCli({source.path(), service.containerUrl(container), QStringLiteral("/DestKey:"),
                service.key(), QStringLiteral("/S"), QStringLiteral("--log-dir"), logs.path()});
    requireOneLineError(result, QStringLiteral("option /DestKey: has an empty value"));
    requireAbsent(service.key(), result, logsUnder(logs.path()));
    CHECK(service.send(service.requests(container).listBlobs({}, {}, {})).status == 404);
}

TEST_CASE("a key typed as <Source>, in a URL's user part or as a pattern is masked wherever the "
          "command line or an error is shown",
          "[cli][badinput][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("a.txt"), 10);
    const QString key = strayKey();
    QTemporaryDir logs;

    SECTION("as <Source>")
    {
        const auto result = runCli({key, service.containerUrl(service.uniqueContainer()),
                                    QStringLiteral("--log-dir"), logs.path()});
        requireOneLineError(result, QStringLiteral("does not exist"));
        requireAbsent(key, result, logsUnder(logs.path()));
    }
    SECTION("in a URL's user part, as typed and percent-encoded")
    {
        for (const QString &user : {key, QString::fromLatin1(QUrl::toPercentEncoding(key)),
                                    QStringLiteral("devstoreaccount1:") + key}) {
            QString url = service.containerUrl(service.uniqueContainer());
            url.replace(QStringLiteral("://"), QStringLiteral("://") + user + QLatin1Char('@'));
            const auto result =
                runCli({source.path(), url, QStringLiteral("--log-dir"), logs.path()});
            requireOneLineError(result, QStringLiteral("malformed URL"));
            requireAbsent(key, result, logsUnder(logs.path()));
        }
    }
    SECTION("as a pattern: the job runs, its log's command line and the error mask it")
    {
        const QString container = service.uniqueContainer();
        const auto result = runCli({source.path(), service.containerUrl(container), key,
                                    QStringLiteral("--dest-key"), service.key(),
                                    QStringLiteral("--log-dir"), logs.path()});
        INFO(result.out.toStdString() << result.err.toStdString());
        CHECK(result.exitCode == 2);
        CHECK(result.err.contains(QStringLiteral("pattern \"***\" matched no file")));
        const QString log = logsUnder(logs.path());
        CHECK(log.contains(QStringLiteral("blobferry-cli ")));
        CHECK(log.contains(QStringLiteral("Pattern \"***\" matched nothing")));
        requireAbsent(key, result, log);
        requireAbsent(service.key(), result, log);
    }
}
