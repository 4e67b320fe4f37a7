// SPDX-License-Identifier: MIT
#include "DownloadTransfer.h"

#include "NameMapper.h"

#include <QDir>
#include <QFileInfo>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace blobferry::transfer {

DownloadTransfer::DownloadTransfer(SourceItem item, QString blobName, QString localPath,
                                   TransferContext context, QObject *parent)
    : FileTransfer(std::move(item), context, parent)
    , m_blobName(std::move(blobName))
    , m_localPath(std::move(localPath))
    , m_part(partPath(m_localPath))
{}

QString DownloadTransfer::partPath(const QString &localPath)
{
    const int slash = int(localPath.lastIndexOf(QLatin1Char('/')));
    return localPath.left(slash + 1) +
           NameMapper::shortened(localPath.mid(slash + 1) + QStringLiteral(".bfpart"));
}

void DownloadTransfer::redirect(const QString &localPath)
{
    m_localPath = localPath;
}

void DownloadTransfer::begin()
{
    const QFileInfo target(m_localPath);
    if (target.isDir()) {
        fail(QStringLiteral("a directory named %1 is in the way").arg(m_localPath));
        return;
    }
    if (!target.exists() || m_context.spec->overwrite == OverwritePolicy::Always) {
        startReceiving();
        return;
    }
    if (m_context.spec->overwrite == OverwritePolicy::Never) {
        skip(QStringLiteral("the file exists"));
        return;
    }
    Conflict conflict;
    conflict.destination = m_localPath;
    conflict.sourceSize = m_item.size;
    conflict.sourceModified = m_item.modified;
    conflict.destinationSize = target.size();
    conflict.destinationModified = target.lastModified();
    Q_EMIT conflictRaised(conflict);
}

void DownloadTransfer::resolveConflict(bool overwrite)
{
    if (overwrite)
        startReceiving();
    else
        skip(QStringLiteral("the file exists and was not overwritten"));
}

void DownloadTransfer::startReceiving()
{
    const QString dir = QFileInfo(m_localPath).absolutePath();
    if (!QDir().mkpath(dir)) {
        fail(QStringLiteral("cannot create directory %1").arg(dir));
        return;
    }
    if (!m_part.open(QIODevice::ReadWrite | QIODevice::Truncate | QIODevice::Unbuffered) ||
        !m_part.resize(m_item.size)) {
        fail(QStringLiteral("cannot write %1: %2").arg(m_part.fileName(), m_part.errorString()));
        return;
    }
    m_rangeSize = std::max<qint64>(1, m_context.spec->blockSize);
    m_rangeCount = int((m_item.size + m_rangeSize - 1) / m_rangeSize);
    m_rangesLeft = m_rangeCount;
    m_received = QList<qint64>(m_rangeCount, 0);
    m_receiving = true;
    if (m_rangeCount == 0)
        finishFile();
}

bool DownloadTransfer::hasNextRequest() const
{
    return m_receiving && m_nextRange < m_rangeCount;
}

FileTransfer::Request DownloadTransfer::takeNextRequest()
{
    return rangeRequest(m_nextRange++);
}

FileTransfer::Request DownloadTransfer::rangeRequest(int index)
{
    const qint64 start = qint64(index) * m_rangeSize;
    const qint64 length = std::min(m_rangeSize, m_item.size - start);
    // A single-range blob is fetched whole; a retry asks only for what has not arrived.
    const bool whole = m_rangeCount == 1;
    const auto *blobs = m_context.blobs;
    const QString name = m_blobName;
    const QByteArray etag = m_item.blob.etag;
    Request request;
    request.url = blobs->location().blobUrl(name);
    request.factory = [this, blobs, name, etag, index, start, length, whole] {
        const qint64 got = m_received[index];
        if (whole && got == 0)
            return blobs->getBlob(name, 0, -1, etag);
        return blobs->getBlob(name, start + got, length - got, etag);
    };
    request.sink = [this, index, start, length](const QByteArray &chunk) -> QString {
        const qint64 at = start + m_received[index];
        if (m_received[index] + chunk.size() > length)
            return QStringLiteral("the service sent more bytes than asked for");
        if (!m_part.seek(at) || m_part.write(chunk) != chunk.size())
            return QStringLiteral("cannot write %1: %2")
                .arg(m_part.fileName(), m_part.errorString());
        m_received[index] += chunk.size();
        addBytes(chunk.size());
        return {};
    };
    request.done = [this, index, length](const net::HttpResult &result) {
        if (!result.ok()) {
            failRequest({}, result, m_context.blobs->location().blobUrl(m_blobName));
            return;
        }
        if (m_received[index] != length) {
            fail(QStringLiteral("the service sent %1 of %2 bytes")
                     .arg(m_received[index])
                     .arg(length));
            return;
        }
        if (--m_rangesLeft == 0)
            finishFile();
    };
    return request;
}

void DownloadTransfer::finishFile()
{
    m_receiving = false;
    if (!m_part.flush()) {
        fail(QStringLiteral("cannot write %1: %2").arg(m_part.fileName(), m_part.errorString()));
        return;
    }
    m_part.close();
    // rename(2) replaces an existing file atomically; QFile::rename would refuse.
    if (std::rename(QFile::encodeName(m_part.fileName()).constData(),
                    QFile::encodeName(m_localPath).constData()) != 0) {
        fail(
            QStringLiteral("cannot rename %1 to %2: %3")
                .arg(m_part.fileName(), m_localPath, QString::fromLocal8Bit(std::strerror(errno))));
        return;
    }
    complete();
}

void DownloadTransfer::cleanUp()
{
    m_receiving = false;
    if (m_part.isOpen())
        m_part.close();
    if (m_part.exists())
        m_part.remove();
}

} // namespace blobferry::transfer
