// SPDX-License-Identifier: MIT
// blobferry-cli downloading through the fault proxy (tests/tools, --listing) while it spoils the
// List Blobs answers of the run's Azurite, as a captive portal, a misconfigured proxy or a
// buggy service would: an answer that is not a listing, or a NextMarker that comes round again,
// ends the job with exit 2 and a message naming it, and a mirror deletes nothing after it.
#include "support/CliRunner.h"
#include "support/FaultProxyProcess.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QFile>
#include <catch2/catch.hpp>

using namespace blobferry::test;

namespace {

QByteArray contentOf(const QString &path)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    return file.readAll();
}

} // namespace

TEST_CASE("a listing answered with an <Error> document or an HTML page fails, and /MIR deletes "
          "nothing",
          "[faults][listing][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer(QStringLiteral("notalisting"));
    service.createContainer(container);
    service.putBlob(container, QStringLiteral("a.txt"), "from the container");

    const struct
    {
        const char *kind;
        const char *named;
    } answers[] = {
        {"error", "an <Error> document (InternalError: The server encountered an internal error "
                  "(injected by blobferry-faultproxy).)"},
        {"html", "an HTML page"},
    };
    for (const auto &answer : answers) {
        for (const bool mirror : {true, false}) {
            INFO(answer.kind << (mirror ? " with /MIR" : " without /MIR"));
            TestTree local;
            local.writeText(QStringLiteral("keep.txt"), QByteArrayLiteral("the user's own file"));
            FaultProxyProcess proxy(service.endpoint(),
                                    {QStringLiteral("--listing"), QLatin1String(answer.kind)});
            QStringList args{proxy.containerUrl(container), local.path(), QStringLiteral("/S"),
                             QStringLiteral("--source-key"), service.key()};
            if (mirror)
                args << QStringLiteral("/MIR") << QStringLiteral("/Y");
            const CliResult result = runCli(args);
            proxy.stop();
            INFO(result.out.toStdString() << result.err.toStdString());
            CHECK(proxy.count(QStringLiteral("faults.listingRewritten")) >= 1);
            CHECK(result.exitCode == 2);
            CHECK(result.err.contains(
                QStringLiteral("blobferry-cli: error: cannot list %1: the answer is not a blob "
                               "listing but %2; something other than the Blob service may be "
                               "answering")
                    .arg(proxy.containerUrl(container), QLatin1String(answer.named))));
            CHECK_FALSE(result.out.contains(QStringLiteral("Deleted")));
            CHECK(local.files() == QStringList{QStringLiteral("keep.txt")});
            CHECK(contentOf(local.filePath(QStringLiteral("keep.txt"))) == "the user's own file");
        }
    }
}

TEST_CASE("a NextMarker that comes round again ends the listing instead of looping for ever",
          "[faults][listing][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer(QStringLiteral("loop"));
    service.createContainer(container);
    service.putBlob(container, QStringLiteral("a.txt"), "listed on every page");

    // same-marker: every page lists a.txt again (it once wrote a(1).txt, a(2).txt… until
    // killed); empty-loop: pages without blobs (it once waited silently for ever).
    const struct
    {
        const char *kind;
        bool listsBlobs;
    } loops[] = {{"same-marker", true}, {"empty-loop", false}};
    for (const auto &loop : loops) {
        INFO(loop.kind);
        TestTree local;
        FaultProxyProcess proxy(service.endpoint(),
                                {QStringLiteral("--listing"), QLatin1String(loop.kind)});
        CliOptions options;
        options.timeoutMs = 60'000; // a run that loops is stopped and fails the checks below
        const CliResult result =
            runCli({proxy.containerUrl(container), local.path(), QStringLiteral("/S"),
                    QStringLiteral("--source-key"), service.key()},
                   options);
        proxy.stop();
        INFO(result.out.toStdString() << result.err.toStdString());
        CHECK_FALSE(result.timedOut);
        CHECK(result.exitCode == 2);
        CHECK(result.err.contains(
            QStringLiteral("blobferry-cli: error: cannot list %1: the service sent the listing's "
                           "continuation marker \"!\" a second time, so the listing would never "
                           "end; a proxy or the service is misbehaving")
                .arg(proxy.containerUrl(container))));
        // The first page's marker is followed once; the second page brings it again.
        CHECK(proxy.count(QStringLiteral("faults.listingRewritten")) == 2);
        // a.txt of the first page may have arrived before the second page failed the job, or
        // been cancelled with it; nothing else is there.
        const QStringList files = local.files();
        CHECK(files.size() <= (loop.listsBlobs ? 1 : 0));
        for (const QString &file : files) {
            CHECK(file == QLatin1String("a.txt"));
            CHECK(contentOf(local.filePath(file)) == "listed on every page");
        }
    }
}
