// SPDX-License-Identifier: MIT
#include "LocalEnumerator.h"

#include <QFileInfo>
#include <QTimer>

namespace blobferry::transfer {

LocalEnumerator::LocalEnumerator(const QString &root, const QStringList &patterns, bool recursive,
                                 QObject *parent)
    : Enumerator(parent)
    , m_root(root)
    , m_matcher(patterns)
    , m_iterator(std::make_unique<QDirIterator>(
          root, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
          recursive ? QDirIterator::Subdirectories : QDirIterator::NoIteratorFlags))
{}

void LocalEnumerator::fetchMore()
{
    // Sockets, FIFOs and devices are left out (QDir::System is not asked for): reading a FIFO
    // would hang. Answer from the event loop, like the network enumerator, so callers never
    // re-enter.
    QTimer::singleShot(0, this, [this] {
        QList<SourceItem> batch;
        while (batch.size() < kBatchSize && m_iterator->hasNext()) {
            m_iterator->next();
            const QFileInfo info = m_iterator->fileInfo();
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

} // namespace blobferry::transfer
