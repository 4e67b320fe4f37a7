// SPDX-License-Identifier: MIT
#include "BlobEnumerator.h"

#include "azure/AzureError.h"
#include "net/Requester.h"

namespace blobferry::transfer {

BlobEnumerator::BlobEnumerator(const azure::BlobRequests &requests, net::Requester *requester,
                               net::RetryPolicy retry, const QString &directory,
                               const QStringList &prefixes, bool recursive, QObject *parent)
    : Enumerator(parent)
    , m_requests(requests)
    , m_requester(requester)
    , m_retry(retry)
    , m_directory(directory)
    , m_prefixes(prefixes.isEmpty() ? QStringList{QString()} : prefixes)
    , m_recursive(recursive)
{
    m_prefixes.removeDuplicates();
}

void BlobEnumerator::fetchMore()
{
    m_wanted = true;
    if (m_ready) // answered through the event loop, as when the page has to be fetched
        QMetaObject::invokeMethod(this, &BlobEnumerator::deliver, Qt::QueuedConnection);
    else if (!m_requesting)
        request();
    // else: the page is on its way, and onAnswer() hands it over.
}

void BlobEnumerator::request()
{
    const QString prefix = m_directory + m_prefixes.first();
    const QString delimiter = m_recursive ? QString() : QStringLiteral("/");
    const QString marker = m_marker;
    net::Request listing;
    listing.factory = [this, prefix, delimiter, marker] {
        return m_requests.listBlobs(prefix, delimiter, marker, m_pageSize);
    };
    listing.policy = m_retry;
    m_requesting = true;
    m_requester->send(std::move(listing), this,
                      [this](const net::HttpResult &result) { onAnswer(result); });
}

void BlobEnumerator::onAnswer(const net::HttpResult &result)
{
    m_requesting = false;
    Page ready;
    azure::BlobListPage page;
    if (!result.ok()) {
        ready.error =
            QStringLiteral("cannot list %1: %2")
                .arg(m_requests.location().display(),
                     azure::describeFailure(result, m_requests.location().containerUrl()));
    } else if (QString why; !azure::xml::parseBlobList(result.body, &page, &why) ||
                            !m_markers.follow(page.nextMarker, &why)) {
        ready.error =
            QStringLiteral("cannot list %1: %2").arg(m_requests.location().display(), why);
    } else {
        m_marker = page.nextMarker;
        if (m_marker.isEmpty()) {
            m_prefixes.removeFirst();
            m_markers.clear(); // the next prefix is a listing of its own
        }
        ready.atEnd = m_prefixes.isEmpty();
        // The consumer takes this page now: ask for the next before working on this one.
        if (m_wanted && !ready.atEnd)
            request();
        ready.items = toItems(page);
    }
    m_ready = std::move(ready);
    deliver();
}

void BlobEnumerator::deliver()
{
    if (!m_ready || !m_wanted)
        return;
    Page page = std::move(*m_ready);
    m_ready.reset();
    m_wanted = false;
    if (!page.error.isEmpty()) {
        Q_EMIT failed(page.error);
        return;
    }
    // A page held back until now: the one after it goes out as this one is handed over.
    if (!page.atEnd && !m_requesting)
        request();
    Q_EMIT batchReady(page.items, page.atEnd);
}

QList<SourceItem> BlobEnumerator::toItems(const azure::BlobListPage &page) const
{
    QList<SourceItem> items;
    items.reserve(page.blobs.size());
    for (const azure::BlobEntry &blob : page.blobs) {
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
    return items;
}

} // namespace blobferry::transfer
