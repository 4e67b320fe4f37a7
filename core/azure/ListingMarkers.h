// SPDX-License-Identifier: MIT
#pragma once

#include <QSet>
#include <QString>

namespace blobferry::azure {

// The NextMarkers one listing has followed. A marker the listing was at before means the
// service (or a proxy) sends it round in a circle: following it would list the same pages for
// ever. Only a 64-bit hash of each marker is kept, 8 bytes a page of up to 5000 blobs.
class ListingMarkers final
{
public:
    // Records that the listing goes on at `marker`; false, with the error, if it was there
    // before. An empty marker (the last page) is always fine.
    bool follow(const QString &marker, QString *error);
    // A new listing (another prefix): no marker of the last one counts.
    void clear();

private:
    QSet<quint64> m_seen;
};

} // namespace blobferry::azure
