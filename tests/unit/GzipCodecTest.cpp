// SPDX-License-Identifier: MIT
#include "transfer/GzipCodec.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using blobferry::transfer::GzipCodec;

namespace {

void writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    REQUIRE(file.write(data) == data.size());
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    return file.readAll();
}

QByteArray randomBytes(int size)
{
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator generator(42);
    for (char &c : data)
        c = char(generator.bounded(256));
    return data;
}

} // namespace

TEST_CASE("gzip round trips empty, small, compressible and random files", "[gzip]")
{
    QTemporaryDir dir;
    const QString in = dir.filePath(QStringLiteral("in"));
    const QString gz = dir.filePath(QStringLiteral("in.gz"));
    const QString out = dir.filePath(QStringLiteral("out"));
    const QByteArray repeated = QByteArray("abcabcabc\n").repeated(100'000);
    for (const QByteArray &data : {QByteArray(), QByteArray("x"), repeated, randomBytes(700'000)}) {
        INFO("size " << data.size());
        writeFile(in, data);
        QString error;
        REQUIRE(GzipCodec::compress(in, gz, &error));
        CHECK(readFile(gz).startsWith("\x1f\x8b"));
        REQUIRE(GzipCodec::decompress(gz, out, &error));
        const bool same = readFile(out) == data;
        CHECK(same);
        if (data == repeated)
            CHECK(QFileInfo(gz).size() < repeated.size() / 100);
    }
}

TEST_CASE("gzip output is the same for the same file", "[gzip]")
{
    QTemporaryDir dir;
    writeFile(dir.filePath(QStringLiteral("in")), QByteArray("hello gzip\n").repeated(1000));
    QString error;
    REQUIRE(GzipCodec::compress(dir.filePath(QStringLiteral("in")),
                                dir.filePath(QStringLiteral("a")), &error));
    REQUIRE(GzipCodec::compress(dir.filePath(QStringLiteral("in")),
                                dir.filePath(QStringLiteral("b")), &error));
    CHECK(readFile(dir.filePath(QStringLiteral("a"))) ==
          readFile(dir.filePath(QStringLiteral("b"))));
}

TEST_CASE("gzip decompresses concatenated members and refuses damaged input", "[gzip]")
{
    QTemporaryDir dir;
    const QString one = dir.filePath(QStringLiteral("one"));
    const QString two = dir.filePath(QStringLiteral("two"));
    writeFile(one, "first ");
    writeFile(two, "second");
    QString error;
    REQUIRE(GzipCodec::compress(one, one + QStringLiteral(".gz"), &error));
    REQUIRE(GzipCodec::compress(two, two + QStringLiteral(".gz"), &error));
    const QByteArray first = readFile(one + QStringLiteral(".gz"));
    const QByteArray both = first + readFile(two + QStringLiteral(".gz"));
    const QString joined = dir.filePath(QStringLiteral("joined.gz"));
    writeFile(joined, both);
    const QString out = dir.filePath(QStringLiteral("out"));
    REQUIRE(GzipCodec::decompress(joined, out, &error));
    CHECK(readFile(out) == "first second");

    writeFile(joined, first.left(first.size() - 3)); // cut short
    CHECK_FALSE(GzipCodec::decompress(joined, out, &error));
    CHECK(error.contains(QStringLiteral("cut short")));
    writeFile(joined, "not gzip at all");
    error.clear();
    CHECK_FALSE(GzipCodec::decompress(joined, out, &error));
    CHECK(error.contains(QStringLiteral("not valid gzip")));
    writeFile(joined, QByteArray());
    error.clear();
    CHECK_FALSE(GzipCodec::decompress(joined, out, &error));
    CHECK_FALSE(error.isEmpty());
}

TEST_CASE("gzip output is readable by gzip(1)", "[gzip]")
{
    QTemporaryDir dir;
    const QString in = dir.filePath(QStringLiteral("in"));
    const QByteArray data = QByteArray("interoperable\n").repeated(5000);
    writeFile(in, data);
    QString error;
    REQUIRE(GzipCodec::compress(in, in + QStringLiteral(".gz"), &error));
    QProcess gzip;
    gzip.start(QStringLiteral("gzip"), {QStringLiteral("-dc"), in + QStringLiteral(".gz")});
    REQUIRE(gzip.waitForFinished(30'000));
    CHECK(gzip.exitCode() == 0);
    CHECK(gzip.readAllStandardOutput() == data);
}

TEST_CASE("gzip chooses files by extension, case-insensitively", "[gzip]")
{
    const QStringList chosen{QStringLiteral("js"), QStringLiteral("css")};
    CHECK(GzipCodec::chosen(QStringLiteral("a/b/app.js"), chosen));
    CHECK(GzipCodec::chosen(QStringLiteral("Style.CSS"), chosen));
    CHECK_FALSE(GzipCodec::chosen(QStringLiteral("app.json"), chosen));
    CHECK_FALSE(GzipCodec::chosen(QStringLiteral("js"), chosen));
    CHECK_FALSE(GzipCodec::chosen(QStringLiteral("dir.js/file"), chosen));
}

TEST_CASE("gzip stops a decompression bomb past the first 16 MiB and removes what it wrote",
          "[gzip]")
{
    QTemporaryDir dir;
    QString error;
    // Zeros gzip about 1000-fold: under the free first 16 MiB they are fine, past it not.
    const QString small = dir.filePath(QStringLiteral("small"));
    writeFile(small, QByteArray(int(GzipCodec::kRatioFreeBytes / 2), '\0'));
    REQUIRE(GzipCodec::compress(small, small + QStringLiteral(".gz"), &error));
    const QString out = GzipCodec::decompressBeside(small + QStringLiteral(".gz"), &error);
    INFO(error.toStdString());
    REQUIRE_FALSE(out.isEmpty());
    CHECK(QFileInfo(out).size() == GzipCodec::kRatioFreeBytes / 2);
    QFile::remove(out);

    const QString bomb = dir.filePath(QStringLiteral("bomb"));
    writeFile(bomb, QByteArray(int(4 * GzipCodec::kRatioFreeBytes), '\0'));
    REQUIRE(GzipCodec::compress(bomb, bomb + QStringLiteral(".gz"), &error));
    QFile::remove(bomb);
    error.clear();
    CHECK(GzipCodec::decompressBeside(bomb + QStringLiteral(".gz"), &error).isEmpty());
    CHECK(error.contains(QStringLiteral("expands more than 1000-fold")));
    CHECK(error.contains(QStringLiteral("decompression bomb")));
    CHECK(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden) ==
          QStringList{QStringLiteral("bomb.gz"), QStringLiteral("small"),
                      QStringLiteral("small.gz")});
}

TEST_CASE("a very repetitive file (a few hundred-fold) still decompresses in full", "[gzip]")
{
    QTemporaryDir dir;
    QString error;
    // A log of one line repeated gzips ~360-fold: far past what real files do, far short of a
    // bomb. 200-fold as the limit refused files blobferry had uploaded itself.
    QByteArray line(1000, 'A');
    line += 'B';
    const QByteArray log = line.repeated(40'000);
    const QString plain = dir.filePath(QStringLiteral("app.log"));
    writeFile(plain, log);
    REQUIRE(GzipCodec::compress(plain, plain + QStringLiteral(".gz"), &error));
    const qint64 packed = QFileInfo(plain + QStringLiteral(".gz")).size();
    INFO("ratio " << log.size() / packed);
    REQUIRE(log.size() > 300 * packed);
    const QString out = GzipCodec::decompressBeside(plain + QStringLiteral(".gz"), &error);
    INFO(error.toStdString());
    REQUIRE_FALSE(out.isEmpty());
    QFile result(out);
    REQUIRE(result.open(QIODevice::ReadOnly));
    CHECK(result.readAll() == log);
}

TEST_CASE("gzip stops before the output outgrows the room it has", "[gzip]")
{
    QTemporaryDir dir;
    const QString in = dir.filePath(QStringLiteral("in"));
    const QByteArray data = randomBytes(700'000);
    writeFile(in, data);
    QString error;
    REQUIRE(GzipCodec::compress(in, in + QStringLiteral(".gz"), &error));
    const QString out = dir.filePath(QStringLiteral("out"));
    CHECK_FALSE(GzipCodec::decompress(in + QStringLiteral(".gz"), out, &error, 500'000));
    CHECK(error.contains(QStringLiteral("does not fit in the 500000 bytes free in ") + dir.path()));
    CHECK(QFileInfo(out).size() <= 500'000);
    error.clear();
    CHECK(GzipCodec::decompress(in + QStringLiteral(".gz"), out, &error, data.size()));
    CHECK(readFile(out) == data);
}
