// SPDX-License-Identifier: MIT
// The parts the engine schedules with: each direction's factory (the names it gives a small
// tree, its tickets), the preflight's one-line failures, and a cancel while the container is
// being created.
#include "net/Requester.h"
#include "support/FakeBlobService.h"
#include "support/FakeEngineRun.h"
#include "support/TestTree.h"
#include "transfer/CopyFactory.h"
#include "transfer/CopyTransfer.h"
#include "transfer/DownloadFactory.h"
#include "transfer/DownloadTransfer.h"
#include "transfer/JobReport.h"
#include "transfer/NameManifest.h"
#include "transfer/PageUploadTransfer.h"
#include "transfer/UploadFactory.h"
#include "transfer/UploadTransfer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <catch2/catch.hpp>
#include <memory>

using namespace blobferry;
using namespace blobferry::test;
using transfer::FileTransfer;
using transfer::JobResources;
using transfer::SourceItem;
using transfer::TransferSpec;
using transfer::TransferState;

namespace {

// What a factory borrows, as the engine would hand it over after its preflight.
struct FactoryBench
{
    explicit FactoryBench(TransferSpec jobSpec)
        : spec(std::move(jobSpec))
        , report(spec, {})
    {
        net::RequesterSettings settings;
        settings.accessManagers = FakeBlobService::factory(&store);
        requester = std::make_unique<net::Requester>(settings);
        resources.requester = requester.get();
        QObject::connect(&report, &transfer::JobReport::notice,
                         [this](const QString &text) { notices.append(text); });
    }
    transfer::TransferFactory::Parts parts()
    {
        return {&spec, &resources, nullptr, &report, nullptr, &owner};
    }

    FakeBlobStore store;
    TransferSpec spec;
    std::unique_ptr<net::Requester> requester;
    JobResources resources;
    transfer::JobReport report;
    QObject owner; // the transfers' parent, deleted before the requester
    QStringList notices;
};

SourceItem localItem(const TestTree &tree, const QString &name)
{
    SourceItem item;
    item.relativeName = name;
    item.localPath = tree.filePath(name);
    const QFileInfo info(item.localPath);
    item.size = info.size();
    item.modified = info.lastModified();
    return item;
}

SourceItem blobItem(const QString &directory, const QString &name, qint64 size)
{
    SourceItem item;
    item.relativeName = name;
    item.size = size;
    item.blob.name = directory + name;
    item.blob.size = size;
    return item;
}

} // namespace

TEST_CASE("the upload factory names a small tree's blobs as its manifest records, and brings "
          "back its folder markers",
          "[jobparts]")
{
    TestTree tree;
    tree.write(QStringLiteral("a.txt"), 10);
    tree.write(QStringLiteral("dotdot/x"), 5);
    tree.write(QStringLiteral("disk.vhd"), 1024);
    REQUIRE(QDir(tree.path()).mkpath(QStringLiteral("photos")));
    transfer::NameManifest manifest;
    manifest.setFile(QStringLiteral("dotdot/x"), QStringLiteral("../x"));
    manifest.addFolderMarker(QStringLiteral("photos"), QStringLiteral("photos/"));
    QString error;
    REQUIRE(manifest.save(tree.path(), &error));

    TransferSpec spec = uploadSpec(tree.path());
    spec.destination.blob = fakeFolder(QStringLiteral("into"));
    spec.detectPageBlobs = true;
    FactoryBench bench(spec);
    bench.resources.blobs = std::make_unique<azure::BlobRequests>(*bench.spec.destination.blob,
                                                                  azure::Credential::anonymous());
    int encoded = 0;
    transfer::UploadFactory factory(bench.parts(), [&encoded](const SourceItem &) { ++encoded; });

    const QList<SourceItem> markers = factory.initialItems();
    REQUIRE(markers.size() == 1);
    CHECK(markers[0].relativeName == QLatin1String("photos/"));
    CHECK(markers[0].folderMarker);

    std::unique_ptr<FileTransfer> plain(factory.make(localItem(tree, QStringLiteral("a.txt"))));
    REQUIRE(qobject_cast<transfer::UploadTransfer *>(plain.get()));
    CHECK(plain->destination() == QLatin1String("into/a.txt"));

    std::unique_ptr<FileTransfer> restored(
        factory.make(localItem(tree, QStringLiteral("dotdot/x"))));
    REQUIRE(restored);
    CHECK(restored->destination() == QLatin1String("into/../x"));
    CHECK(bench.notices == QStringList{QStringLiteral("Renamed: dotdot/x -> into/../x")});
    CHECK(bench.report.summary().renamed == 1);

    // A disk image under --blob-type detect: a page blob.
    std::unique_ptr<FileTransfer> image(factory.make(localItem(tree, QStringLiteral("disk.vhd"))));
    CHECK(qobject_cast<transfer::PageUploadTransfer *>(image.get()));

    // The manifest is the tree's names, not a file of it: no transfer, not counted.
    bench.report.snapshot().filesSeen = 1;
    CHECK_FALSE(factory.make(localItem(tree, transfer::NameManifest::fileName())));
    CHECK(bench.report.snapshot().filesSeen == 0);

    // --gzip: a chosen file goes to the encoder, not to a transfer.
    bench.spec.gzipExtensions = {QStringLiteral("txt")};
    CHECK_FALSE(factory.make(localItem(tree, QStringLiteral("a.txt"))));
    CHECK(encoded == 1);
}

TEST_CASE("the download factory gives a file's name to a directory and redirects the file's "
          "transfer by its ticket",
          "[jobparts]")
{
    QTemporaryDir target;
    TransferSpec spec = downloadSpec(target.path());
    spec.source.blob = fakeFolder(QStringLiteral("from"));
    FactoryBench bench(spec);
    bench.resources.blobs = std::make_unique<azure::BlobRequests>(*bench.spec.source.blob,
                                                                  azure::Credential::anonymous());
    transfer::DownloadFactory factory(bench.parts());
    const QString root = QDir(target.path()).absolutePath();

    std::unique_ptr<FileTransfer> file(
        factory.make(blobItem(QStringLiteral("from/"), QStringLiteral("a"), 3)));
    REQUIRE(qobject_cast<transfer::DownloadTransfer *>(file.get()));
    CHECK(file->destination() == root + QStringLiteral("/a"));

    // "a/b" needs "a" as a directory: the file still downloading moves aside to "a(1)".
    std::unique_ptr<FileTransfer> below(
        factory.make(blobItem(QStringLiteral("from/"), QStringLiteral("a/b"), 4)));
    REQUIRE(below);
    CHECK(below->destination() == root + QStringLiteral("/a/b"));
    CHECK(file->destination() == root + QStringLiteral("/a(1)"));
    CHECK(bench.notices == QStringList{QStringLiteral("Renamed: from/a -> a(1)")});

    // A folder marker is a directory, made at once, and no transfer.
    bench.report.snapshot().filesSeen = 1;
    CHECK_FALSE(factory.make(blobItem(QStringLiteral("from/"), QStringLiteral("d/"), 0)));
    CHECK(QFileInfo(QDir(root).filePath(QStringLiteral("d"))).isDir());
    CHECK(bench.report.snapshot().filesSeen == 0);
}

TEST_CASE("the copy factory keeps each blob's relative name under the destination's directory",
          "[jobparts]")
{
    TransferSpec spec = quickSpec();
    spec.source.blob = fakeFolder(QStringLiteral("from"));
    spec.destination.blob = fakeFolder(QStringLiteral("into"));
    FactoryBench bench(spec);
    bench.resources.direction = JobResources::Direction::Copy;
    bench.resources.blobs = std::make_unique<azure::BlobRequests>(*bench.spec.destination.blob,
                                                                  azure::Credential::anonymous());
    bench.resources.copySource = std::make_unique<azure::BlobRequests>(
        *bench.spec.source.blob, azure::Credential::anonymous());
    transfer::CopyFactory factory(bench.parts());
    for (const QString &name : {QStringLiteral("x"), QStringLiteral("sub/../odd name")}) {
        std::unique_ptr<FileTransfer> copy(
            factory.make(blobItem(QStringLiteral("from/"), name, 1)));
        REQUIRE(qobject_cast<transfer::CopyTransfer *>(copy.get()));
        CHECK(copy->destination() == QStringLiteral("into/") + name);
    }
    CHECK(bench.notices.isEmpty());
}

TEST_CASE("a preflight failure is the job's one line, and nothing is sent", "[jobparts]")
{
    TestTree tree;
    tree.write(QStringLiteral("a.txt"), 10);
    FakeBlobStore store;

    SECTION("a CA file that cannot be read")
    {
        TransferSpec spec = uploadSpec(tree.path());
        spec.caFile = QStringLiteral("/nonexistent/ca.pem");
        const EngineRun run = runEngine(spec, &store);
        REQUIRE(run.finished);
        CHECK(run.summary.fatalError.startsWith(
            QStringLiteral("cannot read the CA file /nonexistent/ca.pem: ")));
        CHECK_FALSE(run.summary.fatalError.contains(QLatin1Char('\n')));
        CHECK(store.requests().isEmpty());
    }
    SECTION("a missing container the account key may not create")
    {
        FakeFault refused;
        refused.status = 403;
        refused.errorCode = "AuthorizationPermissionMismatch";
        refused.matches = FakeFault::on("PUT", QStringLiteral("restype=container"));
        store.addFault(refused);
        TransferSpec spec = uploadSpec(tree.path());
        QString error;
        spec.destination.credential =
            azure::Credential::sharedKey(QStringLiteral("devstoreaccount1"),
                                         QStringLiteral("d3Jvbmcga2V5IHdyb25nIGtleQ=="), &error);
        REQUIRE(error.isEmpty());
        const EngineRun run = runEngine(spec, &store);
        REQUIRE(run.finished);
        INFO(run.summary.fatalError.toStdString());
        CHECK(run.summary.fatalError.startsWith(
            QStringLiteral("cannot create container box: 403 AuthorizationPermissionMismatch")));
        CHECK_FALSE(run.summary.fatalError.contains(QLatin1Char('\n')));
        CHECK(store.requests() ==
              QStringList{QStringLiteral("PUT /devstoreaccount1/box?restype=container")});
        CHECK(run.outcomes.isEmpty());
    }
    SECTION("an upload's source that is not there")
    {
        const QString missing = tree.filePath(QStringLiteral("nowhere"));
        const EngineRun run = runEngine(uploadSpec(missing), &store);
        REQUIRE(run.finished);
        CHECK(run.summary.fatalError ==
              QStringLiteral("the source %1 does not exist").arg(missing));
        CHECK(store.requests().isEmpty());
    }
}

TEST_CASE("a cancel while the container is being created ends the job at once", "[jobparts]")
{
    TestTree tree;
    tree.write(QStringLiteral("a.txt"), 10);
    FakeBlobStore store;
    transfer::TransferEngine *engine = nullptr;
    FakeFault hang;
    hang.kind = FakeFault::Kind::Hang;
    hang.matches = [&engine](const QByteArray &verb, const QUrl &url) {
        if (!FakeFault::on("PUT", QStringLiteral("restype=container"))(verb, url))
            return false;
        QTimer::singleShot(0, engine, &transfer::TransferEngine::cancel);
        return true;
    };
    store.addFault(hang);
    TransferSpec spec = uploadSpec(tree.path());
    spec.retry.stallTimeoutMs = 60'000; // the creation would hang for a minute
    spec.restartable = true;
    QTemporaryDir state;
    spec.journalPath = QDir(state.path()).filePath(QStringLiteral("job.journal"));

    QElapsedTimer clock;
    clock.start();
    const EngineRun run = runEngine(spec, &store, nullptr, &engine);
    REQUIRE(run.finished);
    CHECK(clock.elapsed() < 2000);
    CHECK(run.summary.fatalError.isEmpty());
    CHECK(run.summary.succeeded == 0);
    CHECK(run.summary.failed == 0);
    CHECK(run.outcomes.isEmpty());
    // Nothing but the creation was sent; the journal stays for the re-run.
    CHECK(store.requests() ==
          QStringList{QStringLiteral("PUT /devstoreaccount1/box?restype=container")});
    CHECK(store.blobNames(kFakeContainer).isEmpty());
    CHECK(QFileInfo::exists(spec.journalPath));
}
