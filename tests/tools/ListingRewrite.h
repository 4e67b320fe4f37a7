// SPDX-License-Identifier: MIT
// Test equipment: how the fault proxy spoils List Blobs answers (--listing), standing in for a
// captive portal, a misconfigured proxy or a buggy service. Azurite never answers like this.
#pragma once

#include <QByteArray>
#include <QString>

namespace blobferry::tools {

enum class ListingFault
{
    None,
    ErrorDocument, // error: 200 with an <Error> document instead of the listing
    HtmlPage,      // html: 200 with a captive portal's login page
    SameMarker,    // same-marker: the blobs as listed, and always the same NextMarker
    EmptyLoop,     // empty-loop: no blobs, and always the same NextMarker
};

// "error", "html", "same-marker", "empty-loop"; false for anything else.
bool parseListingFault(const QString &text, ListingFault *fault);
// A List Blobs request: GET with restype=container and comp=list.
bool isListBlobs(const QByteArray &method, const QByteArray &target);
// The body the client gets instead of `body` (the service's, de-chunked).
QByteArray rewriteListing(ListingFault fault, const QByteArray &body);
// The body of a chunked answer, framing removed.
QByteArray dechunk(const QByteArray &raw);

} // namespace blobferry::tools
