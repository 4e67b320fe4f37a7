// SPDX-License-Identifier: MIT
#include "LocalEnumerator.h"

#include "UndecodableNames.h"

#include <QFileInfo>
#include <QTimer>

namespace blobferry::transfer {

LocalEnumerator::LocalEnumerator(const QString &root, const QStringList &patterns, bool recursive,
                                 QObject *parent)
    : Enumerator(parent)
    , m_root(root)
    , m_matcher(patterns)
    , m_recursive(recursive)
    , m_iterator(std::make_unique<QDirIterator>(root,
                                                QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot |
                                                    (recursive ? QDir::Dirs : QDir::Filters()),
                                                recursive ? QDirIterator::Subdirectories
                                                          : QDirIterator::NoIteratorFlags))
{}

void LocalEnumerator::fetchMore()
{
    // Sockets, FIFOs and devices are left out (QDir::System is not asked for): reading a FIFO
    // would hang. Answer from the event loop, like the network enumerator, so callers never
    // re-enter.
    QTimer::singleShot(0, this, [this] {
        QList<SourceItem> batch;
        if (!m_rootScanned) {
            m_rootScanned = true;
            reportUndecodable(m_root.path(), &batch);
        }
        while (batch.size() < kBatchSize && m_iterator->hasNext()) {
            m_iterator->next();
            const QFileInfo info = m_iterator->fileInfo();
            if (info.isDir()) {
                // Listed only to look for the names the iterator leaves out.
                if (!info.isSymLink())
                    reportUndecodable(info.filePath(), &batch);
                continue;
            }
            const QString relative = m_root.relativeFilePath(info.filePath());
            if (!m_matcher.matches(relative))
                continue;
            SourceItem item;
            item.relativeName = relative;
            item.localPath = info.absoluteFilePath();
            item.size = info.size();
            item.modified = info.lastModified();
            batch.append(item);
        }
        Q_EMIT batchReady(batch, !m_iterator->hasNext());
    });
}

void LocalEnumerator::reportUndecodable(const QString &directory, QList<SourceItem> *batch) const
{
    const QString prefix = directory == m_root.path()
                               ? QString()
                               : m_root.relativeFilePath(directory) + QLatin1Char('/');
    const auto entries = UndecodableNames::in(directory);
    for (const UndecodableNames::Entry &entry : entries) {
        if (entry.isDirectory && !m_recursive)
            continue;
        SourceItem item;
        item.relativeName = prefix + UndecodableNames::display(entry.name);
        if (!entry.isDirectory && !m_matcher.matches(item.relativeName))
            continue;
        item.problem =
            entry.isDirectory
                ? QStringLiteral("the directory name is not valid UTF-8, so nothing in it can "
                                 "become a blob name; rename the directory to upload it")
                : QStringLiteral("the file name is not valid UTF-8, so it cannot become a blob "
                                 "name; rename the file to upload it");
        batch->append(item);
    }
}

} // namespace blobferry::transfer
