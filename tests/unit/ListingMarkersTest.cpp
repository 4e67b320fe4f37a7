// SPDX-License-Identifier: MIT
#include "azure/ListingMarkers.h"

#include <catch2/catch.hpp>

using blobferry::azure::ListingMarkers;

TEST_CASE("a listing marker met a second time is refused, naming it", "[listingmarkers]")
{
    ListingMarkers markers;
    QString error;
    CHECK(markers.follow(QStringLiteral("2!88!MDAw"), &error));
    CHECK(markers.follow(QStringLiteral("2!88!MDAx"), &error));
    CHECK(markers.follow(QString(), &error)); // the last page: always fine
    CHECK(markers.follow(QString(), &error));
    CHECK(error.isEmpty());
    // Not only the one before: any marker this listing followed.
    CHECK_FALSE(markers.follow(QStringLiteral("2!88!MDAw"), &error));
    CHECK(error.contains(QLatin1String("\"2!88!MDAw\" a second time")));
    // A long marker is cut in the message.
    const QString longMarker(500, QLatin1Char('m'));
    CHECK(markers.follow(longMarker, &error));
    CHECK_FALSE(markers.follow(longMarker, &error));
    CHECK(error.size() < 300);
    // Another listing (the next prefix) starts afresh.
    markers.clear();
    CHECK(markers.follow(QStringLiteral("2!88!MDAw"), &error));
}
