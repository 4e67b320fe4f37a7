// SPDX-License-Identifier: MIT
// Bad input: one line on stderr naming the problem, a non-zero exit, nothing half-written.
#include "support/CliRunner.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QDir>
#include <QTcpServer>
#include <QTemporaryDir>
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
