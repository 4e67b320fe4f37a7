// SPDX-License-Identifier: MIT
#include "PartFile.h"

#include "NameMapper.h"

#include <QFile>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace blobferry::transfer {

namespace {

// Enough for any number of users' leftovers; past it something is badly wrong.
constexpr int kMaxCandidates = 1000;

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

// rename(2) that fails with EEXIST instead of replacing what is at `to`.
bool renameNoReplace(const QByteArray &from, const QByteArray &to)
{
    if (::renameat2(AT_FDCWD, from.constData(), AT_FDCWD, to.constData(), RENAME_NOREPLACE) == 0)
        return true;
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
        return false;
    // A file system without RENAME_NOREPLACE: link(2) never replaces either.
    if (::link(from.constData(), to.constData()) != 0)
        return false;
    ::unlink(from.constData());
    return true;
}

} // namespace

QString PartFile::candidate(const QString &localPath, int counter)
{
    const int slash = int(localPath.lastIndexOf(QLatin1Char('/')));
    const QString suffix =
        counter == 0 ? QStringLiteral(".bfpart") : QStringLiteral(".%1.bfpart").arg(counter);
    return localPath.left(slash + 1) + NameMapper::shortened(localPath.mid(slash + 1) + suffix);
}

int PartFile::create(const QString &localPath, QString *path, QString *error)
{
    for (int counter = 0; counter < kMaxCandidates; ++counter) {
        const QString name = candidate(localPath, counter);
        // O_EXCL: whatever is already there, a user's file or a link, is someone else's.
        const int fd = ::open(QFile::encodeName(name).constData(),
                              O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd >= 0) {
            *path = name;
            return fd;
        }
        if (errno != EEXIST) {
            *error = QStringLiteral("cannot write %1: %2").arg(name, systemError());
            return -1;
        }
    }
    *error = QStringLiteral("no free name for a part file beside %1; remove the *.bfpart files "
                            "there that are not yours")
                 .arg(localPath);
    return -1;
}

int PartFile::openOwn(const QString &path, bool truncate, QString *error)
{
    const int fd = ::open(QFile::encodeName(path).constData(),
                          O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | (truncate ? O_TRUNC : 0));
    struct stat status = {};
    if (fd < 0 || ::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
        *error = QStringLiteral("cannot write %1: %2")
                     .arg(path, fd < 0 ? systemError() : QStringLiteral("not a regular file"));
        if (fd >= 0)
            ::close(fd);
        return -1;
    }
    return fd;
}

int PartFile::writeAt(int fd, const char *data, qint64 size, qint64 offset)
{
    while (size > 0) {
        const ssize_t written = ::pwrite(fd, data, size_t(size), offset);
        if (written < 0 && errno == EINTR)
            continue;
        if (written < 0)
            return errno;
        if (written == 0) // no progress and no error: a full device by another name
            return ENOSPC;
        data += written;
        size -= written;
        offset += written;
    }
    return 0;
}

qint64 PartFile::regularFileSize(const QString &path)
{
    struct stat status = {};
    if (::lstat(QFile::encodeName(path).constData(), &status) != 0 || !S_ISREG(status.st_mode))
        return -1;
    return qint64(status.st_size);
}

QString PartFile::moveBeside(const QString &from, const QString &localPath)
{
    const QByteArray source = QFile::encodeName(from);
    for (int counter = 0; counter < kMaxCandidates; ++counter) {
        const QString name = candidate(localPath, counter);
        if (name == from)
            return from;
        if (renameNoReplace(source, QFile::encodeName(name)))
            return name;
        if (errno != EEXIST)
            return {};
    }
    return {};
}

} // namespace blobferry::transfer
