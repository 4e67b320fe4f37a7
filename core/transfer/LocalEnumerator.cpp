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

QString LocalEnumerator::Entry::text() const
{
    if (!undecodable)
        return QString::fromUtf8(key);
    const QString shown = UndecodableNames::display(name());
    return isDirectory ? shown + QLatin1Char('/') : shown;
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
            if (!push(m_rootPath, QString())) {
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

bool LocalEnumerator::push(const QByteArray &path, const QString &relative)
{
    DIR *dir = ::opendir(path.constData());
    if (!dir)
        return false;
    Frame frame;
    frame.path = path;
    frame.localPath = QFile::decodeName(path) + QLatin1Char('/');
    frame.relative = relative;
    const int fd = ::dirfd(dir);
    while (const dirent *found = ::readdir(dir)) {
        const char *name = found->d_name;
        if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0)))
            continue;
        unsigned char type = found->d_type;
        if (type == DT_UNKNOWN || type == DT_LNK) {
            // Links count as what they point to; a dangling one is left out.
            struct stat info;
            if (::fstatat(fd, name, &info, 0) != 0)
                continue;
            const bool link = type == DT_LNK;
            type = S_ISREG(info.st_mode)   ? DT_REG
                   : S_ISDIR(info.st_mode) ? (link ? DT_LNK : DT_DIR) // links to directories: no
                                           : DT_UNKNOWN;
        }
        if (type != DT_REG && !(type == DT_DIR && m_recursive))
            continue;
        Entry entry;
        entry.key = QByteArray(name);
        entry.isDirectory = type == DT_DIR;
        entry.undecodable = !isAscii(name) && !UndecodableNames::isValidUtf8(entry.key);
        if (entry.isDirectory)
            entry.key += '/';
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

void LocalEnumerator::step(QList<SourceItem> *batch)
{
    Frame &frame = m_stack.back();
    if (frame.next == frame.entries.size()) {
        pop();
        return;
    }
    const Entry entry = std::move(frame.entries[frame.next++]);
    if (entry.undecodable) {
        SourceItem item;
        item.relativeName = frame.relative + entry.text();
        if (entry.isDirectory) {
            item.relativeName.chop(1);
        } else if (!m_matcher.matches(item.relativeName)) {
            return;
        }
        item.problem =
            entry.isDirectory
                ? QStringLiteral("the directory name is not valid UTF-8, so nothing in it can "
                                 "become a blob name; rename the directory to upload it")
                : QStringLiteral("the file name is not valid UTF-8, so it cannot become a blob "
                                 "name; rename the file to upload it");
        batch->append(item);
        return;
    }
    if (!entry.isDirectory) {
        addFile(frame, entry, batch);
        return;
    }
    const QByteArray path = frame.path + '/' + entry.name();
    const QString relative = frame.relative + entry.text(); // ends in '/'
    if (!push(path, relative)) {                            // `frame` may dangle from here on
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
    const int found = frame.fd >= 0 ? ::fstatat(frame.fd, entry.key.constData(), &info, 0)
                                    : ::stat((frame.path + '/' + entry.key).constData(), &info);
    if (found != 0 || !S_ISREG(info.st_mode))
        return; // gone since the directory was read
    SourceItem item;
    item.relativeName = relative;
    item.localPath = frame.localPath + name;
    item.size = info.st_size;
    item.modified = QDateTime::fromMSecsSinceEpoch(
        qint64(info.st_mtim.tv_sec) * 1000 + info.st_mtim.tv_nsec / 1000000, Qt::UTC);
    batch->append(item);
}

} // namespace blobferry::transfer
