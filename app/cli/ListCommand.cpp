// SPDX-License-Identifier: MIT
#include "ListCommand.h"

#include <QJsonObject>

namespace blobferry::cli {

namespace {

QString orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("-") : text;
}

} // namespace

ListCommand::ListCommand(const CliRequest &request, FILE *out, FILE *err)
    : BlobCommand(request, out, err)
{}

QString ListCommand::line(const transfer::SourceItem &item)
{
    const azure::BlobEntry &blob = item.blob;
    // The name last: it may hold spaces, and everything before it never does.
    return QStringLiteral("%1  %2  %3  %4  %5")
        .arg(blob.lastModified.toUTC().toString(Qt::ISODate))
        .arg(blob.size, 14)
        .arg(orDash(blob.accessTier), -7)
        .arg(orDash(QString::fromLatin1(blob.contentMd5)), -24)
        .arg(item.relativeName);
}

QJsonObject ListCommand::json(const transfer::SourceItem &item)
{
    const azure::BlobEntry &blob = item.blob;
    QJsonObject object{
        {QStringLiteral("type"), QStringLiteral("blob")},
        {QStringLiteral("name"), item.relativeName},
        {QStringLiteral("blob"), blob.name},
        {QStringLiteral("size"), blob.size},
        {QStringLiteral("modified"), blob.lastModified.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("tier"), blob.accessTier},
        {QStringLiteral("md5"), QString::fromLatin1(blob.contentMd5)},
        {QStringLiteral("blobType"), blob.blobType}};
    if (!blob.archiveStatus.isEmpty())
        object.insert(QStringLiteral("archiveStatus"), blob.archiveStatus);
    return object;
}

bool ListCommand::take(const QList<transfer::SourceItem> &items)
{
    for (const transfer::SourceItem &item : items) {
        ++m_count;
        m_bytes += item.blob.size;
        if (m_request.jsonOutput)
            printJson(json(item));
        else
            print(line(item));
    }
    return true;
}

void ListCommand::listed()
{
    if (m_request.jsonOutput)
        printJson({{QStringLiteral("type"), QStringLiteral("summary")},
                   {QStringLiteral("blobs"), m_count},
                   {QStringLiteral("bytes"), m_bytes}});
    else
        say(QStringLiteral("%1 %2, %3 bytes")
                .arg(m_count)
                .arg(m_count == 1 ? QStringLiteral("blob") : QStringLiteral("blobs"))
                .arg(m_bytes));
    finish(patternStatus());
}

} // namespace blobferry::cli
