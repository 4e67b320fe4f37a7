// SPDX-License-Identifier: MIT
// Downloads of gzip-encoded blobs against the run's Azurite: a decompression bomb is stopped
// and leaves nothing behind, while ordinary gzip blobs still arrive decompressed.
#include "OptionsHelpers.h"
#include "support/CliRunner.h"
#include "support/TestService.h"
#include "support/TestTree.h"
#include "transfer/GzipCodec.h"

#include <QFile>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using namespace blobferry;
using namespace blobferry::test;
using namespace blobferry::test::options;
using transfer::GzipCodec;

namespace {

QByteArray gzipped(const QByteArray &data)
{
    QTemporaryDir dir;
    QFile plain(dir.filePath(QStringLiteral("plain")));
    REQUIRE(plain.open(QIODevice::WriteOnly));
    REQUIRE(plain.write(data) == data.size());
    plain.close();
    QString error;
    REQUIRE(
        GzipCodec::compress(plain.fileName(), plain.fileName() + QStringLiteral(".gz"), &error));
    QFile packed(plain.fileName() + QStringLiteral(".gz"));
    REQUIRE(packed.open(QIODevice::ReadOnly));
    return packed.readAll();
}

} // namespace

TEST_CASE("a gzip bomb fails its download with a clear message and leaves no file",
          "[options][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer();
    service.createContainer(container);
    azure::BlobProperties encoded;
    encoded.contentEncoding = "gzip";
    const QByteArray bomb = gzipped(QByteArray(64 * kMiB, '\0')); // about 64 KiB
    putBlobWith(service, container, QStringLiteral("bomb.txt"), bomb, encoded);
    const QByteArray text = QByteArray("an ordinary line of text\n").repeated(20'000);
    putBlobWith(service, container, QStringLiteral("notes.txt"), gzipped(text), encoded);

    QTemporaryDir target;
    const auto down = runCli(download(service, container, target.path()));
    INFO(down.out.toStdString() << down.err.toStdString());
    CHECK(down.exitCode == 1);
    CHECK(down.err.contains(QStringLiteral("Failed Transfer: bomb.txt: the blob says "
                                           "Content-Encoding: gzip but it expands more than "
                                           "1000-fold")));
    CHECK(down.err.contains(QStringLiteral("--keep-encoding")));
    // Neither the bomb's part file, nor its partial output, nor a final file.
    CHECK(filesUnder(target.path()) == QStringList{QStringLiteral("notes.txt")});
    QFile notes(target.path() + QStringLiteral("/notes.txt"));
    REQUIRE(notes.open(QIODevice::ReadOnly));
    CHECK(notes.readAll() == text);

    // The stored bytes are still there for whoever wants them.
    QTemporaryDir raw;
    const auto kept =
        runCli(download(service, container, raw.path(), {QStringLiteral("--keep-encoding")}));
    CHECK(kept.exitCode == 0);
    CHECK(QFileInfo(raw.path() + QStringLiteral("/bomb.txt")).size() == bomb.size());
}
