// SPDX-License-Identifier: MIT
#include "ListingMarkers.h"

#include <QCryptographicHash>
#include <QtEndian>

namespace blobferry::azure {

namespace {

// SHA-1's first 64 bits: well mixed whatever the markers look like, so two different markers
// are taken for one with odds of about 2^-64 a pair (a cost of microseconds a page).
quint64 markerHash(const QString &marker)
{
    const QByteArray digest = QCryptographicHash::hash(marker.toUtf8(), QCryptographicHash::Sha1);
    return qFromLittleEndian<quint64>(digest.constData());
}

} // namespace

bool ListingMarkers::follow(const QString &marker, QString *error)
{
    if (marker.isEmpty())
        return true;
    const qsizetype before = m_seen.size();
    m_seen.insert(markerHash(marker));
    if (m_seen.size() != before)
        return true;
    if (error)
        *error = QStringLiteral("the service sent the listing's continuation marker \"%1\" a "
                                "second time, so the listing would never end; a proxy or the "
                                "service is misbehaving")
                     .arg(marker.size() > 80 ? marker.left(80) + QStringLiteral("…") : marker);
    return false;
}

void ListingMarkers::clear()
{
    m_seen.clear();
}

} // namespace blobferry::azure
