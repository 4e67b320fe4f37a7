// SPDX-License-Identifier: MIT
// Content-MD5 on upload and the check on download, read back from the service itself; bytes
// damaged on the way (by the fault proxy) in blobs with no stored MD5.
#include "support/CliRunner.h"
#include "support/FaultProxyProcess.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using namespace blobferry::test;

namespace {

constexpr qint64 kMiB = 1024 * 1024;

QByteArray md5Base64(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Md5).toBase64();
}

QByteArray storedMd5(const TestService &service, const QString &container, const QString &name)
{
    for (const auto &blob : service.listBlobs(container))
        if (blob.name == name)
            return blob.contentMd5;
    FAIL("no blob " << name.toStdString());
    return {};
}

} // namespace

TEST_CASE("uploads store each file's MD5 as the blob's Content-MD5, small and block-wise",
          "[integrity][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("small.txt"), 1000);
    source.write(QStringLiteral("large.bin"), 20 * kMiB + 7);
    const QString container = service.uniqueContainer();
    const auto result = runCli({source.path(), service.containerUrl(container),
                                QStringLiteral("/S"), QStringLiteral("--dest-key"), service.key()});
    REQUIRE(result.exitCode == 0);
    CHECK(storedMd5(service, container, QStringLiteral("small.txt")) ==
          md5Base64(TestTree::contentFor(QStringLiteral("small.txt"), 1000)));
    CHECK(storedMd5(service, container, QStringLiteral("large.bin")) ==
          md5Base64(TestTree::contentFor(QStringLiteral("large.bin"), 20 * kMiB + 7)));

    const QString without = service.uniqueContainer();
    REQUIRE(runCli({source.path(), service.containerUrl(without), QStringLiteral("/S"),
                    QStringLiteral("--no-put-md5"), QStringLiteral("--dest-key"), service.key()})
                .exitCode == 0);
    CHECK(storedMd5(service, without, QStringLiteral("large.bin")).isEmpty());
}

TEST_CASE("a download whose bytes differ from the stored Content-MD5 fails and leaves no file",
          "[integrity][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer();
    service.createContainer(container);
    // Blobs whose recorded MD5 is another content's: Put Block List stores it unchecked. One
    // hashed from the part file on a pool thread, one small enough to be hashed as it arrives.
    const auto requests = service.requests(container);
    const QByteArray id = QByteArray("block-0").toBase64();
    blobferry::azure::BlobProperties wrong;
    wrong.contentMd5 = md5Base64("something else");
    const QList<QPair<QString, qint64>> liars{{QStringLiteral("liar.bin"), 3 * kMiB},
                                              {QStringLiteral("small-liar.txt"), 1000}};
    for (const auto &[name, size] : liars) {
        auto block = requests.putBlock(name, id, size, {});
        block.body = TestTree::contentFor(name, size);
        REQUIRE(service.send(block).status == 201);
        REQUIRE(service.send(requests.putBlockList(name, {id}, wrong)).status == 201);
    }

    QTemporaryDir target;
    const auto checked = runCli({service.containerUrl(container), target.path(),
                                 QStringLiteral("--source-key"), service.key()});
    INFO(checked.out.toStdString() << checked.err.toStdString());
    CHECK(checked.exitCode == 1);
    for (const auto &liar : liars)
        CHECK(checked.err.contains(QStringLiteral("Failed Transfer: ") + liar.first +
                                   QStringLiteral(": the downloaded bytes do not match the "
                                                  "blob's Content-MD5")));
    CHECK(filesUnder(target.path()).isEmpty());

    const auto unchecked =
        runCli({service.containerUrl(container), target.path(), QStringLiteral("--no-check-md5"),
                QStringLiteral("--source-key"), service.key()});
    CHECK(unchecked.exitCode == 0);
    CHECK(filesUnder(target.path()) ==
          QStringList{QStringLiteral("liar.bin"), QStringLiteral("small-liar.txt")});
}

TEST_CASE("a download checks the stored MD5 of good blobs and keeps them", "[integrity][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("a.bin"), 17 * kMiB + 1);
    const QString container = service.uniqueContainer();
    REQUIRE(runCli({source.path(), service.containerUrl(container), QStringLiteral("--dest-key"),
                    service.key()})
                .exitCode == 0);
    QTemporaryDir target;
    const auto result =
        runCli({service.containerUrl(container), target.path(), QStringLiteral("--block-size"),
                QStringLiteral("2"), QStringLiteral("--source-key"), service.key()});
    REQUIRE(result.exitCode == 0);
    CHECK(treeDifferences(source.path(), target.path()).isEmpty());
}

namespace {

// Blobs with no stored MD5, as other tools leave them: one of three ranges, one in one range.
struct UncheckedBlobs
{
    TestService service;
    TestTree source;
    QString container = service.uniqueContainer();

    UncheckedBlobs()
    {
        service.createContainer(container);
        for (const auto &[name, size] : {std::pair{QStringLiteral("large.bin"), 9 * kMiB + 5},
                                         std::pair{QStringLiteral("small.txt"), 1000LL}}) {
            source.write(name, size);
            service.putBlobWithoutMd5(container, name, TestTree::contentFor(name, size));
            REQUIRE(storedMd5(service, container, name).isEmpty());
        }
    }
    // The proxy changes one byte in each of the first `flips` answers to a GET of a blob.
    CliResult downloadThrough(const QString &flips, const QString &target,
                              const QStringList &extra = {})
    {
        FaultProxyProcess proxy(service.endpoint(),
                                {QStringLiteral("--flip-byte"), flips, QStringLiteral("--match"),
                                 QLatin1Char('/') + container + QLatin1Char('/')});
        const auto result = runCli(QStringList{proxy.containerUrl(container), target,
                                               QStringLiteral("--source-key"), service.key()} +
                                   extra);
        proxy.stop();
        flipped = proxy.count(QStringLiteral("faults.flippedByte"));
        return result;
    }
    qint64 flipped = 0;
};

} // namespace

TEST_CASE("a byte changed on the way in a blob with no stored MD5 is caught and fetched again",
          "[integrity][azurite]")
{
    UncheckedBlobs blobs;
    QTemporaryDir target;
    const auto result = blobs.downloadThrough(QStringLiteral("2"), target.path());
    INFO(result.out.toStdString() << result.err.toStdString());
    CHECK(blobs.flipped == 2);
    CHECK(result.exitCode == 0);
    CHECK(treeDifferences(blobs.source.path(), target.path()).isEmpty());
}

TEST_CASE("a blob with no stored MD5 whose bytes keep arriving changed fails and leaves no file",
          "[integrity][azurite]")
{
    UncheckedBlobs blobs;
    QTemporaryDir target;
    const auto result = blobs.downloadThrough(QStringLiteral("1000"), target.path(),
                                              {QStringLiteral("--retries"), QStringLiteral("2")});
    INFO(result.out.toStdString() << result.err.toStdString());
    CHECK(result.exitCode == 1);
    for (const QString &name : {QStringLiteral("large.bin"), QStringLiteral("small.txt")}) {
        CHECK(result.err.contains(QStringLiteral("Failed Transfer: ") + name +
                                  QStringLiteral(": bytes ")));
    }
    CHECK(result.err.contains(QStringLiteral("arrived different from what the service sent")));
    CHECK(result.err.contains(QStringLiteral("try 3 of 3")));
    CHECK(filesUnder(target.path()).isEmpty());
}
