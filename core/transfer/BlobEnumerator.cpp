// SPDX-License-Identifier: MIT
#include "BlobEnumerator.h"

#include "azure/AzureError.h"
#include "net/HttpJob.h"
#include "net/NetworkPool.h"

namespace blobferry::transfer {

BlobEnumerator::BlobEnumerator(const azure::BlobRequests &requests, net::NetworkPool *pool,
                               net::RetryPolicy retry, const QString &directory,
                               const QStringList &prefixes, bool recursive, QObject *parent)
    : Enumerator(parent)
    , m_requests(requests)
    , m_pool(pool)
    , m_retry(retry)
    , m_directory(directory)
    , m_prefixes(prefixes.isEmpty() ? QStringList{QString()} : prefixes)
    , m_recursive(recursive)
{
    m_prefixes.removeDuplicates();
}

void BlobEnumerator::fetchMore()
{
    const QString prefix = m_directory + m_prefixes.first();
    const QString delimiter = m_recursive ? QString() : QStringLiteral("/");
    const QString marker = m_marker;
    auto *nam = m_pool->acquire();
    auto *job = new net::HttpJob(
        nam,
        [this, prefix, delimiter, marker] {
            return m_requests.listBlobs(prefix, delimiter, marker);
        },
        m_retry, this);
    connect(job, &net::HttpJob::finished, this, [this, job, nam] {
        m_pool->release(nam);
        job->deleteLater();
        const auto &result = job->result();
        if (!result.ok()) {
            Q_EMIT failed(
                QStringLiteral("cannot list %1: %2")
                    .arg(m_requests.location().display(),
                         azure::describeFailure(result, m_requests.location().containerUrl())));
            return;
        }
        azure::BlobListPage page;
        QString error;
        if (!azure::xml::parseBlobList(result.body, &page, &error)) {
            Q_EMIT failed(error);
            return;
        }
        QList<SourceItem> items;
        items.reserve(page.blobs.size());
        for (const azure::BlobEntry &blob : std::as_const(page.blobs)) {
            SourceItem item;
            item.relativeName = blob.name.mid(m_directory.size());
            item.size = blob.size;
            // A page blob we padded comes back at its file's own length.
            if (blob.blobType == QLatin1String("PageBlob") && blob.fileLength >= 0 &&
                blob.fileLength <= blob.size && blob.size - blob.fileLength < 512)
                item.size = blob.fileLength;
            item.modified = blob.fileModifiedMs > 0
                                ? QDateTime::fromMSecsSinceEpoch(blob.fileModifiedMs, Qt::UTC)
                                : blob.lastModified;
            item.blob = blob;
            items.append(item);
        }
        m_marker = page.nextMarker;
        if (m_marker.isEmpty())
            m_prefixes.removeFirst();
        Q_EMIT batchReady(items, m_prefixes.isEmpty());
    });
    job->start();
}

} // namespace blobferry::transfer
