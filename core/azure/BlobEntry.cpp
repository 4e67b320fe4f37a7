// SPDX-License-Identifier: MIT
#include "BlobEntry.h"

#include "BlobXml.h"
#include "net/HttpJob.h"

namespace blobferry::azure {

namespace {

constexpr qint64 kPageSize = 512;

} // namespace

qint64 BlobEntry::fileSize() const
{
    if (blobType == QLatin1String("PageBlob") && fileLength >= 0 && fileLength <= size &&
        size - fileLength < kPageSize)
        return fileLength;
    return size;
}

QDateTime BlobEntry::fileModified() const
{
    return fileModifiedMs > 0 ? QDateTime::fromMSecsSinceEpoch(fileModifiedMs, Qt::UTC)
                              : lastModified;
}

BlobEntry::Metadata BlobEntry::metadataItem(QAnyStringView name)
{
    if (QAnyStringView::compare(name, QLatin1String("blobferrylength"), Qt::CaseInsensitive) == 0)
        return Metadata::Length;
    if (QAnyStringView::compare(name, QLatin1String("blobferrymtime"), Qt::CaseInsensitive) == 0)
        return Metadata::Modified;
    if (QAnyStringView::compare(name, QLatin1String("blobferryincomplete"), Qt::CaseInsensitive) ==
        0)
        return Metadata::Incomplete;
    return Metadata::None;
}

void BlobEntry::readMetadata(Metadata item, const QString &value)
{
    switch (item) {
    case Metadata::Length: {
        bool ok = false;
        const qint64 length = value.toLongLong(&ok);
        if (ok && length >= 0)
            fileLength = length;
        break;
    }
    case Metadata::Modified:
        fileModifiedMs = parseRecordedFileTime(value);
        break;
    case Metadata::Incomplete:
        incomplete = !value.isEmpty();
        break;
    case Metadata::None:
        break;
    }
}

BlobEntry BlobEntry::fromHeaders(const QString &name, const net::HttpResult &answer)
{
    BlobEntry entry;
    entry.name = name;
    entry.size = answer.header("Content-Length").toLongLong();
    entry.lastModified = parseHttpDate(QString::fromLatin1(answer.header("Last-Modified")));
    entry.etag = answer.header("ETag");
    entry.contentType = QString::fromUtf8(answer.header("Content-Type"));
    entry.contentEncoding = QString::fromUtf8(answer.header("Content-Encoding"));
    entry.contentMd5 = answer.header("Content-MD5");
    entry.blobType = QString::fromLatin1(answer.header("x-ms-blob-type"));
    entry.accessTier = QString::fromLatin1(answer.header("x-ms-access-tier"));
    entry.archiveStatus = QString::fromLatin1(answer.header("x-ms-archive-status"));
    constexpr QByteArrayView kMeta("x-ms-meta-");
    for (const auto &[key, value] : answer.headers) {
        if (key.size() <= kMeta.size() ||
            key.first(kMeta.size()).compare(kMeta, Qt::CaseInsensitive) != 0)
            continue;
        const Metadata item = metadataItem(QLatin1String(key.mid(kMeta.size())));
        entry.readMetadata(item, QString::fromUtf8(value));
    }
    return entry;
}

qint64 parseRecordedFileTime(const QString &text)
{
    bool ok = false;
    const qint64 ms = text.trimmed().toLongLong(&ok);
    constexpr qint64 kDayMs = 24 * 60 * 60 * 1000;
    if (!ok || ms <= 0 || ms > QDateTime::currentMSecsSinceEpoch() + kDayMs)
        return 0;
    return ms;
}

} // namespace blobferry::azure
