// SPDX-License-Identifier: MIT
#include "ListingCursor.h"

namespace blobferry::azure {

ListingCursor::ListingCursor(BlobService service, QString prefix, QString delimiter, int pageSize,
                             QObject *parent)
    : QObject(parent)
    , m_service(std::move(service))
    , m_prefix(std::move(prefix))
    , m_delimiter(std::move(delimiter))
    , m_pageSize(pageSize)
{}

void ListingCursor::next()
{
    if (m_fetching || m_atEnd)
        return;
    m_fetching = true;
    m_service.listPage(m_prefix, m_delimiter, m_marker, m_pageSize, this,
                       [this](CallOutcome outcome, const BlobListPage &page) {
                           m_fetching = false;
                           if (outcome.ok())
                               m_markers.follow(page.nextMarker, &outcome.error);
                           if (!outcome.ok()) {
                               m_atEnd = true;
                               Q_EMIT failed(outcome);
                               return;
                           }
                           m_marker = page.nextMarker;
                           m_atEnd = m_marker.isEmpty();
                           Q_EMIT pageReady(page, m_atEnd);
                       });
}

} // namespace blobferry::azure
