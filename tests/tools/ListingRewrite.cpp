// SPDX-License-Identifier: MIT
#include "ListingRewrite.h"

#include <QRegularExpression>

namespace blobferry::tools {

namespace {

// Sorts before any name the tests use, so Azurite (which lists names after the marker) lists
// the whole container again for it.
const QByteArray kMarker = "!";

} // namespace

bool parseListingFault(const QString &text, ListingFault *fault)
{
    if (text == QLatin1String("error"))
        *fault = ListingFault::ErrorDocument;
    else if (text == QLatin1String("html"))
        *fault = ListingFault::HtmlPage;
    else if (text == QLatin1String("same-marker"))
        *fault = ListingFault::SameMarker;
    else if (text == QLatin1String("empty-loop"))
        *fault = ListingFault::EmptyLoop;
    else
        return false;
    return true;
}

bool isListBlobs(const QByteArray &method, const QByteArray &target)
{
    const qsizetype query = target.indexOf('?');
    if (method != "GET" || query < 0)
        return false;
    const QList<QByteArray> params = target.mid(query + 1).split('&');
    return params.contains("restype=container") && params.contains("comp=list");
}

QByteArray rewriteListing(ListingFault fault, const QByteArray &body)
{
    switch (fault) {
    case ListingFault::None:
        return body;
    case ListingFault::ErrorDocument:
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>InternalError</Code>"
               "<Message>The server encountered an internal error (injected by "
               "blobferry-faultproxy).</Message></Error>";
    case ListingFault::HtmlPage:
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Guest Wi-Fi</title>"
               "</head><body><h1>Welcome</h1><p>Accept the terms to go on.<br><a "
               "href=\"/login\">Log in</a></p></body></html>";
    case ListingFault::EmptyLoop:
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><EnumerationResults><Blobs />"
               "<NextMarker>" +
               kMarker + "</NextMarker></EnumerationResults>";
    case ListingFault::SameMarker: {
        QString text = QString::fromUtf8(body);
        static const QRegularExpression marker(
            QStringLiteral("<NextMarker\\s*/>|<NextMarker>[^<]*</NextMarker>"));
        const QString replacement =
            QStringLiteral("<NextMarker>%1</NextMarker>").arg(QString::fromUtf8(kMarker));
        if (text.contains(marker))
            text.replace(marker, replacement);
        else
            text.replace(QStringLiteral("</EnumerationResults>"),
                         replacement + QStringLiteral("</EnumerationResults>"));
        return text.toUtf8();
    }
    }
    return body;
}

QByteArray dechunk(const QByteArray &raw)
{
    QByteArray body;
    qsizetype at = 0;
    while (at < raw.size()) {
        const qsizetype eol = raw.indexOf("\r\n", at);
        if (eol < 0)
            break;
        bool ok = false;
        const qsizetype size =
            raw.mid(at, eol - at).split(';').value(0).trimmed().toLongLong(&ok, 16);
        if (!ok || size == 0)
            break;
        body += raw.mid(eol + 2, size);
        at = eol + 2 + size + 2;
    }
    return body;
}

} // namespace blobferry::tools
