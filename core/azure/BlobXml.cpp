// SPDX-License-Identifier: MIT
#include "BlobXml.h"

#include "XmlScanner.h"

#include <QLocale>
#include <QXmlStreamReader>

namespace blobferry::azure {

namespace {

// "Tue, 02 Jan 2024 11:30:15 GMT" read by hand: QLocale's format parser costs ~70,000
// instructions a date, a third of a listing's parse (200,000 blobs: seconds of CPU).
// Anything that is not exactly this shape, with a weekday that fits the date, is left to it.
QDateTime parseFixdate(QStringView text)
{
    static const char *const kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char *const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (text.size() != 29 || text.mid(3, 2) != u", " || text[7] != u' ' || text[11] != u' ' ||
        text[16] != u' ' || text[19] != u':' || text[22] != u':' || text.mid(25) != u" GMT")
        return {};
    bool ok = true;
    const auto number = [&](int at, int digits) {
        int value = 0;
        for (int i = at; i < at + digits; ++i) {
            const char16_t c = text[i].unicode();
            ok = ok && c >= u'0' && c <= u'9';
            value = value * 10 + (c - u'0');
        }
        return value;
    };
    const auto index = [&](QStringView name, const char *const *names, int count) {
        for (int i = 0; i < count; ++i)
            if (name == QLatin1String(names[i]))
                return i;
        ok = false;
        return 0;
    };
    const int weekday = index(text.first(3), kDays, 7) + 1;
    const int month = index(text.mid(8, 3), kMonths, 12) + 1;
    const QDate date(number(12, 4), month, number(5, 2));
    const QTime time(number(17, 2), number(20, 2), number(23, 2));
    if (!ok || !date.isValid() || !time.isValid() || date.dayOfWeek() != weekday)
        return {};
    return QDateTime(date, time, Qt::UTC);
}

} // namespace

QDateTime parseHttpDate(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (QDateTime fast = parseFixdate(trimmed); fast.isValid())
        return fast;
    QDateTime time =
        QLocale::c().toDateTime(trimmed, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
    time.setTimeSpec(Qt::UTC);
    return time;
}

} // namespace blobferry::azure

namespace blobferry::azure::xml {

namespace {

bool finish(const QXmlStreamReader &reader, QString *error)
{
    if (!reader.hasError())
        return true;
    if (error)
        *error = QStringLiteral("the service sent malformed XML (%1)").arg(reader.errorString());
    return false;
}

// The listing's readers are written once for both QXmlStreamReader and XmlScanner, so the
// scanner's answers follow the same rules (which element where, last one wins, the rest skipped).
template<typename Reader> void readProperties(Reader &reader, BlobEntry *entry)
{
    while (reader.readNextStartElement()) {
        const auto name = reader.name();
        if (name == QLatin1String("Content-Length"))
            entry->size = reader.readElementText().toLongLong();
        else if (name == QLatin1String("Last-Modified"))
            entry->lastModified = parseHttpDate(reader.readElementText());
        else if (name == QLatin1String("Etag"))
            entry->etag = reader.readElementText().toUtf8();
        else if (name == QLatin1String("Content-Type"))
            entry->contentType = reader.readElementText();
        else if (name == QLatin1String("Content-Encoding"))
            entry->contentEncoding = reader.readElementText();
        else if (name == QLatin1String("Content-MD5"))
            entry->contentMd5 = reader.readElementText().toLatin1();
        else if (name == QLatin1String("BlobType"))
            entry->blobType = reader.readElementText();
        else if (name == QLatin1String("AccessTier"))
            entry->accessTier = reader.readElementText();
        else if (name == QLatin1String("ArchiveStatus"))
            entry->archiveStatus = reader.readElementText();
        else
            reader.skipCurrentElement();
    }
}

// blobferry's own items (BlobEntry reads them); the rest is skipped unread.
template<typename Reader> void readMetadata(Reader &reader, BlobEntry *entry)
{
    while (reader.readNextStartElement()) {
        const BlobEntry::Metadata item = BlobEntry::metadataItem(reader.name());
        if (item == BlobEntry::Metadata::None)
            reader.skipCurrentElement();
        else
            entry->readMetadata(item, reader.readElementText());
    }
}

// Names with characters XML cannot carry come percent-encoded, marked Encoded="true"; bytes
// that are not UTF-8 after decoding become U+FFFD, which NameMapper reports.
bool isEncoded(const QXmlStreamReader &reader)
{
    return reader.attributes().value(QLatin1String("Encoded")) == QLatin1String("true");
}

bool isEncoded(const XmlScanner &reader)
{
    return reader.encodedAttribute();
}

template<typename Reader> QString readName(Reader &reader)
{
    const bool encoded = isEncoded(reader);
    const QString text = reader.readElementText();
    return encoded ? QString::fromUtf8(QByteArray::fromPercentEncoding(text.toUtf8())) : text;
}

template<typename Reader> void readBlob(Reader &reader, BlobListPage *out)
{
    BlobEntry entry;
    while (reader.readNextStartElement()) {
        if (reader.name() == QLatin1String("Name"))
            entry.name = readName(reader);
        else if (reader.name() == QLatin1String("Snapshot"))
            entry.snapshot = reader.readElementText();
        else if (reader.name() == QLatin1String("Properties"))
            readProperties(reader, &entry);
        else if (reader.name() == QLatin1String("Metadata"))
            readMetadata(reader, &entry);
        else
            reader.skipCurrentElement();
    }
    out->blobs.append(entry);
}

template<typename Reader> void readPrefix(Reader &reader, BlobListPage *out)
{
    while (reader.readNextStartElement()) {
        if (reader.name() == QLatin1String("Name"))
            out->prefixes.append(readName(reader));
        else
            reader.skipCurrentElement();
    }
}

void readBlocks(QXmlStreamReader &reader, QList<BlockListEntry> *out)
{
    while (reader.readNextStartElement()) {
        if (reader.name() != QLatin1String("Block")) {
            reader.skipCurrentElement();
            continue;
        }
        BlockListEntry block;
        while (reader.readNextStartElement()) {
            if (reader.name() == QLatin1String("Name"))
                block.id = reader.readElementText().toLatin1();
            else if (reader.name() == QLatin1String("Size"))
                block.size = reader.readElementText().toLongLong();
            else
                reader.skipCurrentElement();
        }
        out->append(block);
    }
}

const QLatin1String kListingRoot("EnumerationResults");

// The inside of a listing's root, the same for blobs and containers: each element of the
// `items` list goes to readItem (which reads or skips it), NextMarker to *nextMarker.
template<typename Reader, typename ReadItem>
void readListingBody(Reader &reader, QLatin1String items, ReadItem readItem, QString *nextMarker)
{
    while (reader.readNextStartElement()) {
        if (reader.name() == items) {
            while (reader.readNextStartElement())
                readItem(reader);
        } else if (reader.name() == QLatin1String("NextMarker")) {
            *nextMarker = reader.readElementText();
        } else {
            reader.skipCurrentElement();
        }
    }
}

// Reads a listing's page; false when the root is not EnumerationResults (nothing is read then).
template<typename Reader> bool readBlobList(Reader &reader, BlobListPage *out)
{
    if (reader.readNextStartElement()) {
        if (reader.name() != kListingRoot)
            return false;
        readListingBody(
            reader, QLatin1String("Blobs"),
            [out](Reader &item) {
                if (item.name() == QLatin1String("Blob"))
                    readBlob(item, out);
                else if (item.name() == QLatin1String("BlobPrefix"))
                    readPrefix(item, out);
                else
                    item.skipCurrentElement();
            },
            &out->nextMarker);
    }
    return true;
}

bool looksLikeHtml(const QByteArray &body)
{
    const QByteArray start = body.left(512).trimmed().toLower();
    return start.startsWith("<!doctype html") || start.startsWith("<html") ||
           start.contains("<html");
}

// A 200 answer that is not a listing (an <Error> document, a captive portal's or a proxy's
// page) must never pass for an empty one: a mirror would delete everything.
QString notAListing(const QByteArray &body, const QString &root, const char *what)
{
    QString came;
    if (body.trimmed().isEmpty()) {
        came = QStringLiteral("an empty body");
    } else if (root == QLatin1String("Error")) {
        const ServiceError error = parseError(body);
        came = QStringLiteral("an <Error> document");
        if (!error.code.isEmpty())
            came += QStringLiteral(" (%1%2%3)")
                        .arg(error.code, error.message.isEmpty() ? QString() : QStringLiteral(": "),
                             error.message);
    } else if (root.compare(QLatin1String("html"), Qt::CaseInsensitive) == 0 ||
               looksLikeHtml(body)) {
        came = QStringLiteral("an HTML page");
    } else {
        came = QStringLiteral("a <%1> document").arg(root.left(64));
    }
    return QStringLiteral("the answer is not a %1 but %2; something other than the Blob service "
                          "may be answering (a proxy, a captive portal, a wrong URL)")
        .arg(QLatin1String(what), came);
}

// QXmlStreamReader's verdict on a listing: malformed, not a listing, or fine.
bool finishListing(const QXmlStreamReader &reader, const QByteArray &body, bool isListing,
                   const char *what, QString *error)
{
    // An HTML page is seldom well-formed XML: name it rather than its first XML error.
    if ((reader.hasError() && (body.trimmed().isEmpty() || looksLikeHtml(body))) ||
        (!reader.hasError() && !isListing)) {
        if (error)
            *error = notAListing(body, isListing ? QString() : reader.name().toString(), what);
        return false;
    }
    return finish(reader, error);
}

const char kBlobListing[] = "blob listing";

} // namespace

namespace detail {

bool scanBlobList(const QByteArray &body, BlobListPage *out)
{
    const qsizetype blobs = out->blobs.size();
    const qsizetype prefixes = out->prefixes.size();
    const QString marker = out->nextMarker;
    XmlScanner scanner(body);
    if (readBlobList(scanner, out) && scanner.finishedCleanly())
        return true;
    out->blobs.resize(blobs);
    out->prefixes.resize(prefixes);
    out->nextMarker = marker;
    return false;
}

bool parseBlobListWithQt(const QByteArray &body, BlobListPage *out, QString *error)
{
    QXmlStreamReader reader(body);
    const bool isListing = readBlobList(reader, out);
    return finishListing(reader, body, isListing, kBlobListing, error);
}

} // namespace detail

bool parseBlobList(const QByteArray &body, BlobListPage *out, QString *error)
{
    // The scanner reads what the service sends; anything unusual or malformed goes to Qt.
    return detail::scanBlobList(body, out) || detail::parseBlobListWithQt(body, out, error);
}

// The parsers below keep QXmlStreamReader: their bodies are short.
bool parseContainerList(const QByteArray &body, ContainerListPage *out, QString *error)
{
    QXmlStreamReader reader(body);
    bool isListing = false;
    if (reader.readNextStartElement() && reader.name() == kListingRoot) {
        isListing = true;
        readListingBody(
            reader, QLatin1String("Containers"),
            [out](QXmlStreamReader &item) {
                if (item.name() != QLatin1String("Container")) {
                    item.skipCurrentElement();
                    return;
                }
                while (item.readNextStartElement()) {
                    if (item.name() == QLatin1String("Name"))
                        out->names.append(item.readElementText());
                    else
                        item.skipCurrentElement();
                }
            },
            &out->nextMarker);
    }
    return finishListing(reader, body, isListing, "container listing", error);
}

bool parseBlockList(const QByteArray &body, BlockListResult *out, QString *error)
{
    QXmlStreamReader reader(body);
    if (reader.readNextStartElement()) {
        while (reader.readNextStartElement()) {
            if (reader.name() == QLatin1String("CommittedBlocks"))
                readBlocks(reader, &out->committed);
            else if (reader.name() == QLatin1String("UncommittedBlocks"))
                readBlocks(reader, &out->uncommitted);
            else
                reader.skipCurrentElement();
        }
    }
    return finish(reader, error);
}

ServiceError parseError(const QByteArray &body)
{
    ServiceError error;
    QXmlStreamReader reader(body);
    if (reader.readNextStartElement() && reader.name() == QLatin1String("Error")) {
        while (reader.readNextStartElement()) {
            if (reader.name() == QLatin1String("Code"))
                error.code = reader.readElementText();
            else if (reader.name() == QLatin1String("Message"))
                error.message = reader.readElementText().section(QLatin1Char('\n'), 0, 0).trimmed();
            else
                reader.skipCurrentElement();
        }
    }
    return error;
}

QByteArray blockListBody(const QList<QByteArray> &ids)
{
    QByteArray body;
    body.reserve(64 + ids.size() * 48);
    body += "<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>";
    for (const QByteArray &id : ids)
        body += "<Latest>" + id + "</Latest>"; // base64 needs no XML escaping
    body += "</BlockList>";
    return body;
}

} // namespace blobferry::azure::xml
