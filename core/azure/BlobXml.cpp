// SPDX-License-Identifier: MIT
#include "BlobXml.h"

#include <QLocale>
#include <QXmlStreamReader>

namespace blobferry::azure {

QDateTime parseHttpDate(const QString &text)
{
    QDateTime time =
        QLocale::c().toDateTime(text.trimmed(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
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

void readProperties(QXmlStreamReader &reader, BlobEntry *entry)
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
        else
            reader.skipCurrentElement();
    }
}

void readMetadata(QXmlStreamReader &reader, BlobEntry *entry)
{
    while (reader.readNextStartElement()) {
        if (reader.name().compare(QLatin1String("blobferrylength"), Qt::CaseInsensitive) == 0) {
            bool ok = false;
            const qint64 length = reader.readElementText().toLongLong(&ok);
            if (ok && length >= 0)
                entry->fileLength = length;
        } else if (reader.name().compare(QLatin1String("blobferrymtime"), Qt::CaseInsensitive) ==
                   0) {
            bool ok = false;
            const qint64 ms = reader.readElementText().toLongLong(&ok);
            if (ok && ms > 0)
                entry->fileModifiedMs = ms;
        } else {
            reader.skipCurrentElement();
        }
    }
}

// Names with characters XML cannot carry come percent-encoded, marked Encoded="true"; bytes
// that are not UTF-8 after decoding become U+FFFD, which NameMapper reports.
QString readName(QXmlStreamReader &reader)
{
    const bool encoded =
        reader.attributes().value(QLatin1String("Encoded")) == QLatin1String("true");
    const QString text = reader.readElementText();
    return encoded ? QString::fromUtf8(QByteArray::fromPercentEncoding(text.toUtf8())) : text;
}

void readBlob(QXmlStreamReader &reader, BlobListPage *out)
{
    BlobEntry entry;
    while (reader.readNextStartElement()) {
        if (reader.name() == QLatin1String("Name"))
            entry.name = readName(reader);
        else if (reader.name() == QLatin1String("Properties"))
            readProperties(reader, &entry);
        else if (reader.name() == QLatin1String("Metadata"))
            readMetadata(reader, &entry);
        else
            reader.skipCurrentElement();
    }
    out->blobs.append(entry);
}

void readPrefix(QXmlStreamReader &reader, BlobListPage *out)
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

} // namespace

bool parseBlobList(const QByteArray &body, BlobListPage *out, QString *error)
{
    QXmlStreamReader reader(body);
    if (reader.readNextStartElement()) { // EnumerationResults
        while (reader.readNextStartElement()) {
            if (reader.name() == QLatin1String("Blobs")) {
                while (reader.readNextStartElement()) {
                    if (reader.name() == QLatin1String("Blob"))
                        readBlob(reader, out);
                    else if (reader.name() == QLatin1String("BlobPrefix"))
                        readPrefix(reader, out);
                    else
                        reader.skipCurrentElement();
                }
            } else if (reader.name() == QLatin1String("NextMarker")) {
                out->nextMarker = reader.readElementText();
            } else {
                reader.skipCurrentElement();
            }
        }
    }
    return finish(reader, error);
}

bool parseContainerList(const QByteArray &body, ContainerListPage *out, QString *error)
{
    QXmlStreamReader reader(body);
    if (reader.readNextStartElement()) {
        while (reader.readNextStartElement()) {
            if (reader.name() == QLatin1String("Containers")) {
                while (reader.readNextStartElement()) {
                    if (reader.name() != QLatin1String("Container")) {
                        reader.skipCurrentElement();
                        continue;
                    }
                    while (reader.readNextStartElement()) {
                        if (reader.name() == QLatin1String("Name"))
                            out->names.append(reader.readElementText());
                        else
                            reader.skipCurrentElement();
                    }
                }
            } else if (reader.name() == QLatin1String("NextMarker")) {
                out->nextMarker = reader.readElementText();
            } else {
                reader.skipCurrentElement();
            }
        }
    }
    return finish(reader, error);
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
