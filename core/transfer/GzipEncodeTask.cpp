// SPDX-License-Identifier: MIT
#include "GzipEncodeTask.h"

#include "GzipCodec.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

namespace blobferry::transfer {

GzipEncodeTask::GzipEncodeTask(SourceItem item)
    : m_item(std::move(item))
{
    setAutoDelete(true);
    qRegisterMetaType<SourceItem>();
}

void GzipEncodeTask::run()
{
    SourceItem item = m_item;
    QString error;
    if (!encode(&item, &error))
        item = m_item;
    Q_EMIT encoded(item, error);
}

bool GzipEncodeTask::encode(SourceItem *item, QString *error)
{
    QTemporaryFile temporary(QDir::tempPath() + QStringLiteral("/blobferry-gzip-XXXXXX.gz"));
    temporary.setAutoRemove(false);
    if (!temporary.open()) {
        *error = QStringLiteral("cannot create a temporary file for --gzip in %1: %2")
                     .arg(QDir::tempPath(), temporary.errorString());
        return false;
    }
    const QString path = temporary.fileName();
    temporary.close();
    bool ok = GzipCodec::compress(item->localPath, path, error);
    const QFileInfo after(item->localPath);
    if (ok && (after.size() != item->size || after.lastModified() != item->modified)) {
        *error = QStringLiteral("the file changed while it was being compressed; run the copy "
                                "again");
        ok = false;
    }
    QFile copy(path);
    if (ok && (!copy.open(QIODevice::ReadWrite) ||
               !copy.setFileTime(item->modified, QFileDevice::FileModificationTime))) {
        *error = QStringLiteral("cannot set the time of %1: %2").arg(path, copy.errorString());
        ok = false;
    }
    copy.close();
    if (!ok) {
        QFile::remove(path);
        return false;
    }
    item->encodedFrom = item->localPath;
    item->localPath = path;
    item->size = QFileInfo(path).size();
    return true;
}

} // namespace blobferry::transfer
