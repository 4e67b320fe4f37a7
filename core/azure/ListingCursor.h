// SPDX-License-Identifier: MIT
#pragma once

#include "BlobService.h"
#include "ListingMarkers.h"

#include <QObject>

namespace blobferry::azure {

// Everything under a prefix, one page of List Blobs per next(), following NextMarker. A
// marker met before (a listing sent round in a circle) or an answer that is not a listing
// ends it with failed(). Deleting the cursor aborts a page on its way.
//
//   next() ─► Fetching ─┬─ page, more to come ─► pageReady(page, false) ─► Idle ─► next() …
//                       ├─ last page ────────► pageReady(page, true)  ─► AtEnd
//                       └─ failure ──────────► failed(outcome)         ─► AtEnd
class ListingCursor final : public QObject
{
    Q_OBJECT
public:
    // delimiter "/": one folder level (prefixes are the virtual directories); empty: all.
    ListingCursor(BlobService service, QString prefix, QString delimiter = {}, int pageSize = 5000,
                  QObject *parent = nullptr);

    // Asks for the next page; nothing while one is on its way or after the last.
    void next();
    bool fetching() const { return m_fetching; }
    bool atEnd() const { return m_atEnd; }
    const QString &prefix() const { return m_prefix; }

Q_SIGNALS:
    void pageReady(const blobferry::azure::BlobListPage &page, bool last);
    void failed(const blobferry::azure::CallOutcome &outcome);

private:
    BlobService m_service;
    QString m_prefix;
    QString m_delimiter;
    int m_pageSize;
    QString m_marker;
    ListingMarkers m_markers;
    bool m_fetching = false;
    bool m_atEnd = false;
};

} // namespace blobferry::azure
