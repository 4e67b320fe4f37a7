// SPDX-License-Identifier: MIT
#include "BlobEnumerator.h"

#include "azure/ListingCursor.h"

namespace blobferry::transfer {

BlobEnumerator::BlobEnumerator(const azure::BlobRequests &requests, net::Requester *requester,
                               net::RetryPolicy retry, const QString &directory,
                               const QStringList &prefixes, bool recursive, QObject *parent)
    : Enumerator(parent)
    , m_service(requester, requests, retry)
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
    else if (!requesting())
        request();
    // else: the page is on its way, and onPage() hands it over.
}

bool BlobEnumerator::requesting() const
{
    return m_cursor && m_cursor->fetching();
}

void BlobEnumerator::request()
{
    if (!m_cursor) {
        m_cursor = new azure::ListingCursor(m_service, m_directory + m_prefixes.first(),
                                            m_recursive ? QString() : QStringLiteral("/"),
                                            m_pageSize, this);
        connect(m_cursor, &azure::ListingCursor::pageReady, this, &BlobEnumerator::onPage);
        connect(m_cursor, &azure::ListingCursor::failed, this, &BlobEnumerator::onFailed);
    }
    m_cursor->next();
}

void BlobEnumerator::onPage(const azure::BlobListPage &page, bool last)
{
    Page ready;
    if (last) { // the next prefix is a listing of its own
        m_prefixes.removeFirst();
        m_cursor->deleteLater();
        m_cursor = nullptr;
    }
    ready.atEnd = m_prefixes.isEmpty();
    // The consumer takes this page now: ask for the next before working on this one.
    if (m_wanted && !ready.atEnd)
        request();
    ready.items = toItems(page);
    m_ready = std::move(ready);
    deliver();
}

void BlobEnumerator::onFailed(const azure::CallOutcome &outcome)
{
    Page ready;
    ready.error = QStringLiteral("cannot list %1: %2")
                      .arg(m_service.requests().location().display(), outcome.error);
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
    if (!page.atEnd && !requesting())
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
        item.size = blob.fileSize(); // a page blob we padded: its file's own length
        item.modified = blob.fileModified();
        item.blob = blob;
        items.append(item);
    }
    return items;
}

} // namespace blobferry::transfer
