// SPDX-License-Identifier: MIT
// Writing a download's bytes: a short write goes on until the file system says why it stops,
// so the error reported is that write's, never an errno left over from an earlier call.
#include "transfer/PartFile.h"

#include <QFile>
#include <QTemporaryDir>
#include <catch2/catch.hpp>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

using blobferry::transfer::PartFile;

TEST_CASE("a write cut short reports the error of the write that failed, not a stale errno",
          "[partfile]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.bfpart"));
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_EXCL, 0600);
    REQUIRE(fd >= 0);
    // A file size limit makes the kernel write up to it (a short write) and fail the next
    // write with EFBIG, as a filling disk writes part of a chunk and then fails with ENOSPC.
    struct rlimit saved = {};
    REQUIRE(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit limit = saved;
    limit.rlim_cur = 4096;
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &limit) == 0);
    const QByteArray data(10'000, 'x');
    errno = EEXIST; // what mkpath() or a socket read may leave behind
    const int error = PartFile::writeAt(fd, data.constData(), data.size(), 0);
    ::setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previousHandler);
    ::close(fd);

    CHECK(error == EFBIG);
    CHECK(QFile(path).size() == 4096); // the short write's bytes went through
}

TEST_CASE("a write onto a full device reports ENOSPC, and a whole write reports nothing",
          "[partfile]")
{
    const QByteArray data(1000, 'x');
    const int full = ::open("/dev/full", O_WRONLY);
    REQUIRE(full >= 0);
    CHECK(PartFile::writeAt(full, data.constData(), data.size(), 0) == ENOSPC);
    ::close(full);

    QTemporaryDir dir;
    const int fd = ::open(QFile::encodeName(dir.filePath(QStringLiteral("b"))).constData(),
                          O_RDWR | O_CREAT | O_EXCL, 0600);
    REQUIRE(fd >= 0);
    CHECK(PartFile::writeAt(fd, data.constData(), data.size(), 500) == 0);
    ::close(fd);
    CHECK(QFile(dir.filePath(QStringLiteral("b"))).size() == 1500);
}

TEST_CASE("a part file whose path now leads elsewhere is not taken for this run's", "[partfile]")
{
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("notes"));
    QString path;
    QString error;
    const int fd = PartFile::create(target, &path, &error);
    REQUIRE(fd >= 0);
    CHECK(path == target + QStringLiteral(".bfpart"));
    const PartFile::Identity mine = PartFile::identityOf(fd);
    CHECK(PartFile::stillAt(path, mine));
    // Held by this run: another run gets a part file of its own.
    QString beside;
    const int held = PartFile::create(target, &beside, &error);
    REQUIRE(held >= 0);
    CHECK(beside != path);
    ::close(held);
    QFile::remove(beside);
    // Another file renamed onto the part file's name (another blob of the job, say).
    const QString other = dir.filePath(QStringLiteral("other"));
    QFile otherFile(other);
    REQUIRE(otherFile.open(QIODevice::WriteOnly));
    otherFile.close();
    REQUIRE(::rename(QFile::encodeName(other).constData(), QFile::encodeName(path).constData()) ==
            0);
    CHECK_FALSE(PartFile::stillAt(path, mine));
    ::close(fd);
    // A second part file beside a taken name gets a random one, never NAME.1.bfpart.
    QString second;
    const int fd2 = PartFile::create(target, &second, &error);
    REQUIRE(fd2 >= 0);
    CHECK(second != path);
    CHECK(second.endsWith(QStringLiteral(".bfpart")));
    CHECK_FALSE(second.endsWith(QStringLiteral(".1.bfpart")));
    ::close(fd2);
    // The other file now at NAME.bfpart bears no mark: it is never taken over.
    QString third;
    const int fd3 = PartFile::create(target, &third, &error);
    REQUIRE(fd3 >= 0);
    CHECK(third != path);
    ::close(fd3);
}

TEST_CASE("a part file a killed run left (marked, unlocked) is taken over and emptied",
          "[partfile]")
{
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("photo.raw"));
    QString path;
    QString error;
    const int fd = PartFile::create(target, &path, &error);
    REQUIRE(fd >= 0);
    REQUIRE(::write(fd, "half", 4) == 4);
    ::close(fd); // the run is killed: its lock goes, its mark stays
    QString again;
    const int fd2 = PartFile::create(target, &again, &error);
    REQUIRE(fd2 >= 0);
    CHECK(again == path); // where the file system keeps user xattrs, as ext4 does
    CHECK(PartFile::regularFileSize(again) == 0);
    ::close(fd2);
}
