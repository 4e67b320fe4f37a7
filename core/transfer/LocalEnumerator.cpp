// SPDX-License-Identifier: MIT
#include "LocalEnumerator.h"

#include "UndecodableNames.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTimer>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace blobferry::transfer {

namespace {

bool isAscii(const char *name)
{
    for (; *name; ++name) {
        if (uchar(*name) >= 0x80)
            return false;
    }
    return true;
}

} // namespace

LocalEnumerator::LocalEnumerator(const QString &root, const QStringList &patterns, bool recursive,
                                 QObject *parent)
    : Enumerator(parent)
    , m_rootPath(QFile::encodeName(QDir::cleanPath(QFileInfo(root).absoluteFilePath())))
    , m_matcher(patterns)
    , m_recursive(recursive)
{}

void LocalEnumerator::setNamedFiles(const QStringList &names)
{
    m_named = QSet<QString>(names.cbegin(), names.cend());
}

QString LocalEnumerator::Entry::text() const
{
    if (!undecodable)
        return QString::fromUtf8(key);
    const QString shown = UndecodableNames::display(name());
    return isDirectory() ? shown + QLatin1Char('/') : shown;
}

LocalEnumerator::~LocalEnumerator()
{
    while (!m_stack.empty())
        pop();
}

void LocalEnumerator::pop()
{
    if (m_stack.back().fd >= 0)
        ::close(m_stack.back().fd);
    m_stack.pop_back();
}

void LocalEnumerator::fetchMore()
{
    // Answers from the event loop, like the network enumerator, so callers never re-enter.
    QTimer::singleShot(0, this, [this] {
        QList<SourceItem> batch;
        batch.reserve(kBatchSize);
        if (!m_started) {
            m_started = true;
            // The root is followed when it is a link: the user named it.
            const int fd = ::open(m_rootPath.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (fd < 0 || !push(fd, m_rootPath, QString())) {
                Q_EMIT failed(QStringLiteral("cannot read the directory %1: %2")
                                  .arg(QFile::decodeName(m_rootPath),
                                       QString::fromLocal8Bit(std::strerror(errno))));
                return;
            }
        }
        while (batch.size() < kBatchSize && !m_stack.empty())
            step(&batch);
        Q_EMIT batchReady(batch, m_stack.empty());
    });
}

bool LocalEnumerator::push(int fd, const QByteArray &path, const QString &relative)
{
    struct stat self;
    if (::fstat(fd, &self) != 0) {
        const int error = errno;
        ::close(fd);
        errno = error;
        return false;
    }
    DIR *dir = ::fdopendir(fd);
    if (!dir) {
        const int error = errno;
        ::close(fd);
        errno = error;
        return false;
    }
    Frame frame;
    frame.path = path;
    frame.localPath = QFile::decodeName(path) + QLatin1Char('/');
    frame.relative = relative;
    frame.device = self.st_dev;
    frame.inode = self.st_ino;
    while (const dirent *found = ::readdir(dir)) {
        const char *name = found->d_name;
        if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0)))
            continue;
        Entry entry;
        if (!classify(fd, name, found->d_type, relative, &entry))
            continue;
        frame.entries.push_back(std::move(entry));
    }
    // Kept (a duplicate, as closedir closes its own): stat through it resolves one name, not
    // the whole path. Without one (out of descriptors), the path is used.
    frame.fd = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
    ::closedir(dir);
    // UTF-8 byte order is code point order, the order the service lists names in.
    std::sort(frame.entries.begin(), frame.entries.end(),
              [](const Entry &a, const Entry &b) { return a.key < b.key; });
    m_stack.push_back(std::move(frame));
    return true;
}

bool LocalEnumerator::classify(int dirFd, const char *name, unsigned char type,
                               const QString &relative, Entry *entry) const
{
    entry->key = QByteArray(name);
    entry->undecodable = !isAscii(name) && !UndecodableNames::isValidUtf8(entry->key);
    struct stat info;
    if (type == DT_UNKNOWN) {
        if (::fstatat(dirFd, name, &info, AT_SYMLINK_NOFOLLOW) != 0)
            return false; // gone since the directory was read
        type = IFTODT(info.st_mode);
    }
    bool followed = false;
    if (type == DT_LNK) {
        // A named link is the user's choice of file; links met on the way are not followed.
        followed = m_followLinks || (!m_named.isEmpty() && !entry->undecodable &&
                                     m_named.contains(relative + QString::fromUtf8(name)));
        if (::fstatat(dirFd, name, &info, 0) != 0) {
            entry->error = errno;
            entry->kind = errno == ELOOP                        ? Kind::LinkLoop
                          : errno == ENOENT || errno == ENOTDIR ? Kind::DanglingLink
                                                                : Kind::UnreadableLink;
            return true;
        }
        if (S_ISDIR(info.st_mode) && !m_recursive)
            return false;                              // like any directory of a job without /S
        if (S_ISDIR(info.st_mode) && !m_followLinks) { // a named link is a file's name
            entry->kind = Kind::LinkToDirectory;
            return true;
        }
        if (!followed) {
            entry->kind = Kind::Link;
            return true;
        }
        entry->viaLink = true;
        type = IFTODT(info.st_mode);
    }
    switch (type) {
    case DT_REG:
        entry->kind = Kind::File;
        return true;
    case DT_DIR:
        if (!m_recursive)
            return false;
        entry->kind = Kind::Directory;
        entry->key += '/';
        return true;
    case DT_FIFO:
        entry->kind = Kind::Fifo;
        return true;
    case DT_SOCK:
        entry->kind = Kind::Socket;
        return true;
    case DT_CHR:
    case DT_BLK:
        entry->kind = Kind::Device;
        return true;
    default:
        entry->kind = Kind::Other;
        return true;
    }
}

void LocalEnumerator::step(QList<SourceItem> *batch)
{
    Frame &frame = m_stack.back();
    if (frame.next == frame.entries.size()) {
        pop();
        return;
    }
    const Entry entry = std::move(frame.entries[frame.next++]);
    if (entry.kind != Kind::File && entry.kind != Kind::Directory) {
        addSkipped(frame, entry, batch);
        return;
    }
    if (entry.undecodable) {
        SourceItem item;
        item.relativeName = frame.relative + entry.text();
        if (entry.isDirectory()) {
            item.relativeName.chop(1);
        } else if (!m_matcher.matches(item.relativeName)) {
            return;
        }
        item.problem =
            entry.isDirectory()
                ? QStringLiteral("the directory name is not valid UTF-8, so nothing in it can "
                                 "become a blob name; rename the directory to upload it")
                : QStringLiteral("the file name is not valid UTF-8, so it cannot become a blob "
                                 "name; rename the file to upload it");
        batch->append(item);
        return;
    }
    if (entry.isDirectory())
        enter(frame, entry, batch); // `frame` may dangle from here on
    else
        addFile(frame, entry, batch);
}

void LocalEnumerator::enter(const Frame &frame, const Entry &entry, QList<SourceItem> *batch)
{
    const QByteArray path = frame.path + '/' + entry.name();
    const QString relative = frame.relative + entry.text(); // ends in '/'
    // A directory met as a directory is never entered through a link put there since.
    const int flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | (entry.viaLink ? 0 : O_NOFOLLOW);
    const int fd = frame.fd >= 0 ? ::openat(frame.fd, entry.name().constData(), flags)
                                 : ::open(path.constData(), flags);
    struct stat self;
    if (fd >= 0 && ::fstat(fd, &self) == 0) {
        // A link back to a directory on the current path would be walked for ever.
        for (const Frame &open : m_stack) {
            if (open.device == self.st_dev && open.inode == self.st_ino) {
                ::close(fd);
                SourceItem item;
                item.relativeName = relative.chopped(1);
                item.skipsDirectory = true;
                item.skipReason =
                    (entry.viaLink ? QStringLiteral("a symbolic link loop: it leads back to %1")
                                   : QStringLiteral("a directory loop: it leads back to %1"))
                        .arg(open.relative.isEmpty() ? QStringLiteral("the source directory")
                                                     : open.relative.chopped(1));
                batch->append(item);
                return;
            }
        }
    }
    if (fd < 0 || !push(fd, path, relative)) { // `frame` may dangle from here on
        SourceItem item;
        item.relativeName = relative.chopped(1);
        item.problem = QStringLiteral("cannot read the directory: %1; nothing in it was copied")
                           .arg(QString::fromLocal8Bit(std::strerror(errno)));
        batch->append(item);
    }
}

void LocalEnumerator::addFile(const Frame &frame, const Entry &entry, QList<SourceItem> *batch)
{
    const QString name = QString::fromUtf8(entry.key);
    const QString relative = frame.relative + name;
    if (!m_matcher.matches(relative))
        return;
    struct stat info;
    const int flags = entry.viaLink ? 0 : AT_SYMLINK_NOFOLLOW;
    const int found =
        frame.fd >= 0
            ? ::fstatat(frame.fd, entry.key.constData(), &info, flags)
            : ::fstatat(AT_FDCWD, (frame.path + '/' + entry.key).constData(), &info, flags);
    if (found != 0 || !S_ISREG(info.st_mode))
        return; // gone (or made something else) since the directory was read
    SourceItem item;
    item.relativeName = relative;
    item.localPath = frame.localPath + name;
    item.size = info.st_size;
    item.modified = QDateTime::fromMSecsSinceEpoch(
        qint64(info.st_mtim.tv_sec) * 1000 + info.st_mtim.tv_nsec / 1000000, Qt::UTC);
    batch->append(item);
}

void LocalEnumerator::addSkipped(const Frame &frame, const Entry &entry, QList<SourceItem> *batch)
{
    SourceItem item;
    item.relativeName = frame.relative + entry.text();
    // A link to a directory is reported whatever the patterns: files in it might match.
    if (entry.kind != Kind::LinkToDirectory && !m_matcher.matches(item.relativeName))
        return;
    const QString notFollowed = QStringLiteral("links are followed only with --follow-symlinks");
    const QString link = entry.viaLink ? QStringLiteral("a symbolic link to ") : QString();
    switch (entry.kind) {
    case Kind::Link:
        item.skipReason = QStringLiteral("a symbolic link; ") + notFollowed;
        break;
    case Kind::LinkToDirectory:
        item.skipReason = QStringLiteral("a symbolic link to a directory; ") + notFollowed;
        item.skipsDirectory = true;
        break;
    case Kind::DanglingLink:
        item.skipReason = QStringLiteral("a symbolic link whose target does not exist");
        break;
    case Kind::LinkLoop:
        item.skipReason = QStringLiteral("a symbolic link loop");
        break;
    case Kind::UnreadableLink:
        item.skipReason = QStringLiteral("a symbolic link whose target cannot be read: %1")
                              .arg(QString::fromLocal8Bit(std::strerror(entry.error)));
        break;
    case Kind::Fifo:
        item.skipReason = link + QStringLiteral("a FIFO, not a regular file");
        break;
    case Kind::Socket:
        item.skipReason = link + QStringLiteral("a socket, not a regular file");
        break;
    case Kind::Device:
        item.skipReason = link + QStringLiteral("a device, not a regular file");
        break;
    default:
        item.skipReason = link + QStringLiteral("not a regular file");
        break;
    }
    batch->append(item);
}

} // namespace blobferry::transfer
