// SPDX-License-Identifier: MIT
#include "PartFile.h"

#include "NameMapper.h"
#include "PathParts.h"

#include <QFile>
#include <QRandomGenerator>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/xattr.h>
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

// blobferry's mark on the part files it creates (where the file system keeps user xattrs).
constexpr char kMarkName[] = "user.blobferry.part";

// The lock a running download holds on its part file, so another run leaves it alone.
bool lockExclusively(int fd)
{
    return ::flock(fd, LOCK_EX | LOCK_NB) == 0;
}

// NAME.bfpart as a killed run left it: a regular file with blobferry's mark that no running
// blobferry holds. Returns it opened, locked and emptied, or -1 when it is anything else.
int takeOverLeftBehind(const QString &name)
{
    const int fd =
        ::open(QFile::encodeName(name).constData(), O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat status = {};
    char mark = 0;
    if (::fstat(fd, &status) == 0 && S_ISREG(status.st_mode) &&
        ::fgetxattr(fd, kMarkName, &mark, 1) == 1 && mark == '1' && lockExclusively(fd) &&
        ::ftruncate(fd, 0) == 0)
        return fd;
    ::close(fd);
    return -1;
}

// A new file at `name` that already carries blobferry's mark when it appears there: made
// unnamed (O_TMPFILE), marked, then linked in, so a kill can never leave an unmarked part
// file that no later run would dare take over. Where the file system or /proc can't do
// that, it is created and marked in two steps. Fails with errno EEXIST when anything, a
// user's file or a link, is already at `name`: that is someone else's.
int createMarked(const QString &name)
{
    const QByteArray encoded = QFile::encodeName(name);
    const int slash = name.lastIndexOf(QLatin1Char('/'));
    const QByteArray directory =
        slash < 0 ? QByteArray(".") : QFile::encodeName(name.left(std::max(slash, 1)));
    const int unnamed = ::open(directory.constData(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0666);
    if (unnamed >= 0) {
        // Best effort: without user xattrs a part file left by a kill is not taken over.
        ::fsetxattr(unnamed, kMarkName, "1", 1, 0);
        const QByteArray self = "/proc/self/fd/" + QByteArray::number(unnamed);
        if (::linkat(AT_FDCWD, self.constData(), AT_FDCWD, encoded.constData(),
                     AT_SYMLINK_FOLLOW) == 0)
            return unnamed;
        const int linkError = errno;
        ::close(unnamed);
        errno = linkError;
        if (linkError == EEXIST)
            return -1;
    }
    const int fd =
        ::open(encoded.constData(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd >= 0)
        ::fsetxattr(fd, kMarkName, "1", 1, 0);
    return fd;
}

} // namespace

QString PartFile::candidate(const QString &localPath, int counter)
{
    const QString suffix =
        counter == 0 ? QStringLiteral(".bfpart")
                     : QStringLiteral(".%1.bfpart")
                           .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    return directoryOf(localPath) + NameMapper::shortened(leafOf(localPath) + suffix);
}

int PartFile::create(const QString &localPath, QString *path, QString *error)
{
    for (int counter = 0; counter < kMaxCandidates; ++counter) {
        const QString name = candidate(localPath, counter);
        const int fd = createMarked(name);
        if (fd >= 0) {
            lockExclusively(fd); // new and exclusive: nobody else can hold it
            *path = name;
            return fd;
        }
        if (errno != EEXIST) {
            *error = QStringLiteral("cannot write %1: %2").arg(name, systemError());
            return -1;
        }
        if (counter == 0) {
            const int left = takeOverLeftBehind(name);
            if (left >= 0) {
                *path = name;
                return left;
            }
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
    if (!lockExclusively(fd)) {
        *error = QStringLiteral("%1 is being written by another blobferry; let it finish, or "
                                "stop it first")
                     .arg(path);
        ::close(fd);
        return -1;
    }
    return fd;
}

void PartFile::release(int fd)
{
    if (fd >= 0)
        ::flock(fd, LOCK_UN);
}

PartFile::Identity PartFile::identityOf(int fd)
{
    struct stat status = {};
    if (::fstat(fd, &status) != 0)
        return {};
    return {quint64(status.st_dev), quint64(status.st_ino)};
}

bool PartFile::stillAt(const QString &path, Identity identity)
{
    struct stat status = {};
    return identity.inode != 0 && ::lstat(QFile::encodeName(path).constData(), &status) == 0 &&
           quint64(status.st_dev) == identity.device && quint64(status.st_ino) == identity.inode;
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

bool PartFile::removeOwn(const QString &path)
{
    QString error;
    const int fd = openOwn(path, false, &error);
    if (fd < 0)
        return false;
    const bool removed = stillAt(path, identityOf(fd)) && QFile::remove(path);
    ::close(fd);
    return removed;
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
