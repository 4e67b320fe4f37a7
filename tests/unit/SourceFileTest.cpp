// SPDX-License-Identifier: MIT
// A local file the job reads is opened only as a regular file: a FIFO or device that took a
// listed file's name is refused at once instead of blocking the engine's thread.
#include "transfer/SourceFile.h"

#include "transfer/FileRangeDevice.h"

#include <QTemporaryDir>
#include <catch2/catch.hpp>
#include <sys/stat.h>

using blobferry::transfer::FileRangeDevice;
using blobferry::transfer::openSourceFile;

TEST_CASE("a FIFO where a listed file was is refused at once, not read", "[sourcefile]")
{
    QTemporaryDir dir;
    const QString fifo = dir.filePath(QStringLiteral("photo.raw"));
    REQUIRE(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    QFile file(fifo);
    QString why;
    // Opening a FIFO for reading blocks until a writer comes: this returns instead.
    CHECK_FALSE(openSourceFile(file, QIODevice::ReadOnly, &why));
    CHECK(why.contains(QStringLiteral("not a regular file any more")));
    CHECK_FALSE(file.isOpen());

    FileRangeDevice body(fifo, 0, 10);
    CHECK_FALSE(body.open(QIODevice::ReadOnly));
    CHECK(body.errorString() ==
          QStringLiteral("cannot read %1: it is not a regular file any more (something else "
                         "took its name after it was listed)")
              .arg(fifo));
}

TEST_CASE("a regular file opens and reads, and a missing one says why", "[sourcefile]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.txt"));
    QFile writer(path);
    REQUIRE(writer.open(QIODevice::WriteOnly));
    REQUIRE(writer.write("hello") == 5);
    writer.close();

    QFile file(path);
    QString why;
    REQUIRE(openSourceFile(file, QIODevice::ReadOnly, &why));
    CHECK(file.readAll() == "hello");
    file.close();

    QFile missing(dir.filePath(QStringLiteral("gone.txt")));
    CHECK_FALSE(openSourceFile(missing, QIODevice::ReadOnly, &why));
    CHECK(why == QStringLiteral("No such file or directory"));

    FileRangeDevice body(path, 1, 3);
    REQUIRE(body.open(QIODevice::ReadOnly));
    CHECK(body.readAll() == "ell");
}
