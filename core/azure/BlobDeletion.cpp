// SPDX-License-Identifier: MIT
#include "BlobDeletion.h"

#include "ListingCursor.h"

#include <algorithm>

namespace blobferry::azure {

BlobDeletion::BlobDeletion(BlobService service, int maxInFlight, QObject *parent)
    : QObject(parent)
    , m_service(std::move(service))
    , m_maxInFlight(std::max(1, maxInFlight))
{}

void BlobDeletion::add(const QString &name, const QByteArray &etag)
{
    m_queue.enqueue({name, etag});
}

void BlobDeletion::addUnder(const QString &prefix)
{
    m_folders.append(prefix);
}

void BlobDeletion::start()
{
    if (m_started)
        return;
    m_started = true;
    QMetaObject::invokeMethod(this, &BlobDeletion::pump, Qt::QueuedConnection);
}

void BlobDeletion::stop()
{
    if (m_finished)
        return;
    m_queue.clear();
    m_folders.clear();
    if (m_cursor) { // a page on its way is aborted, never heard
        m_cursor->disconnect(this);
        m_cursor->deleteLater();
        m_cursor = nullptr;
    }
    m_started = true;
    QMetaObject::invokeMethod(this, &BlobDeletion::pump, Qt::QueuedConnection);
}

void BlobDeletion::pump()
{
    if (!m_started || m_finished)
        return;
    while (m_inFlight < m_maxInFlight && !m_queue.isEmpty())
        send(m_queue.dequeue());
    if (m_queue.size() < m_maxInFlight) {
        if (!m_cursor && !m_folders.isEmpty())
            listNextFolder();
        if (m_cursor && !m_cursor->fetching() && !m_cursor->atEnd())
            m_cursor->next();
    }
    if (m_inFlight == 0 && m_queue.isEmpty() && !m_cursor && m_folders.isEmpty()) {
        m_finished = true;
        Q_EMIT finished();
    }
}

void BlobDeletion::send(const Target &target)
{
    ++m_inFlight;
    m_service.deleteBlob(
        target.name, target.etag, this, [this, name = target.name](const CallOutcome &outcome) {
            --m_inFlight;
            Result result = Result::Failed;
            if (outcome.ok())
                result = Result::Deleted;
            else if (outcome.status == 404)
                result = Result::Gone;
            else if (outcome.status == 412)
                result = Result::Changed;
            Q_EMIT blobDone(name, result, result == Result::Failed ? outcome.error : QString());
            pump();
        });
}

void BlobDeletion::listNextFolder()
{
    const QString prefix = m_folders.takeFirst();
    m_cursor = new ListingCursor(m_service, prefix, {}, 5000, this);
    connect(m_cursor, &ListingCursor::pageReady, this, &BlobDeletion::listed);
    connect(m_cursor, &ListingCursor::failed, this, [this, prefix](const CallOutcome &outcome) {
        m_cursor->deleteLater();
        m_cursor = nullptr;
        Q_EMIT listingFailed(prefix, outcome.error);
        pump();
    });
}

void BlobDeletion::listed(const BlobListPage &page, bool last)
{
    for (const BlobEntry &blob : page.blobs)
        m_queue.enqueue({blob.name, blob.etag});
    if (last) {
        m_cursor->deleteLater();
        m_cursor = nullptr;
    }
    pump();
}

} // namespace blobferry::azure
