// SPDX-License-Identifier: MIT
// blobferry-cli against an Azurite that speaks https with a certificate from a CA made for the
// test: refused by default with a message that says what to do, accepted with --ca-file.
#include "azure/ConnectionString.h"
#include "support/CliRunner.h"
#include "support/HttpsAzurite.h"
#include "support/TestTree.h"

#include <QTemporaryDir>
#include <catch2/catch.hpp>

using namespace blobferry::test;

namespace {

const QString kKey = QString::fromLatin1(blobferry::azure::kDevKey);

} // namespace

TEST_CASE("an https service whose certificate is not trusted is refused with a one-line message",
          "[tls]")
{
    HttpsAzurite azurite;
    TestTree source;
    source.write(QStringLiteral("a.txt"), 10);
    const QString untrusted =
        QStringLiteral("TLS: the certificate of 127.0.0.1:%1 is not trusted (").arg(azurite.port());

    SECTION("upload")
    {
        const auto result = runCli({source.path(), azurite.containerUrl(QStringLiteral("tls")),
                                    QStringLiteral("--dest-key"), kKey});
        INFO(result.out.toStdString() << result.err.toStdString());
        CHECK(result.exitCode == 2);
        REQUIRE(result.errLines().size() == 1);
        CHECK(result.err.contains(untrusted));
        CHECK(result.err.contains(QStringLiteral("trust its CA with --ca-file PEM")));
        CHECK_FALSE((result.out + result.err).contains(kKey));
    }
    SECTION("download")
    {
        QTemporaryDir target;
        const auto result = runCli({azurite.containerUrl(QStringLiteral("tls")), target.path(),
                                    QStringLiteral("--source-key"), kKey});
        INFO(result.out.toStdString() << result.err.toStdString());
        CHECK(result.exitCode == 2);
        REQUIRE(result.errLines().size() == 1);
        CHECK(result.err.contains(untrusted));
    }
    SECTION("with the CA file of another authority")
    {
        const auto result = runCli({source.path(), azurite.containerUrl(QStringLiteral("tls")),
                                    QStringLiteral("--dest-key"), kKey, QStringLiteral("--ca-file"),
                                    QStringLiteral(BLOBFERRY_TEST_CA_PEM)});
        INFO(result.out.toStdString() << result.err.toStdString());
        CHECK(result.exitCode == 2);
        CHECK(result.err.contains(untrusted));
    }
}

TEST_CASE("with --ca-file naming its CA an https upload and download are byte-exact", "[tls]")
{
    HttpsAzurite azurite;
    TestTree source;
    source.write(QStringLiteral("small.txt"), 100);
    source.write(QStringLiteral("sub/large.bin"), 9 * 1024 * 1024 + 7);
    const QString caArgument = QStringLiteral("--ca-file=") + azurite.caFile();

    const auto up = runCli({source.path(), azurite.containerUrl(QStringLiteral("tls")),
                            QStringLiteral("/S"), QStringLiteral("--dest-key"), kKey, caArgument});
    INFO(up.out.toStdString() << up.err.toStdString());
    REQUIRE(up.exitCode == 0);
    CHECK(up.out.contains(QStringLiteral("Transfer successfully: 2\nTransfer failed: 0")));

    // localhost is in the certificate too; the download goes there to show names are checked
    // against it rather than skipped.
    QTemporaryDir target;
    const auto down = runCli(
        {QStringLiteral("https://localhost:%1/devstoreaccount1/tls").arg(azurite.port()),
         target.path(), QStringLiteral("/S"), QStringLiteral("--source-key"), kKey, caArgument});
    INFO(down.out.toStdString() << down.err.toStdString());
    REQUIRE(down.exitCode == 0);
    CHECK(treeDifferences(source.path(), target.path()).isEmpty());
}
