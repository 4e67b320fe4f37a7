// SPDX-License-Identifier: MIT
#include "BlobDetails.h"

#include "BlobXml.h"
#include "net/HttpJob.h"

#include <QCoreApplication>
#include <QSet>

namespace blobferry::azure {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("BlobDetails", text);
}

bool isAsciiLetter(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
           (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
}

} // namespace

BlobDetails BlobDetails::fromHeaders(const QString &name, const net::HttpResult &answer)
{
    auto text = [&answer](const char *header) { return QString::fromUtf8(answer.header(header)); };
    BlobDetails details;
    details.name = name;
    details.size = answer.header("Content-Length").toLongLong();
    details.blobType = text("x-ms-blob-type");
    details.accessTier = text("x-ms-access-tier");
    details.tierInferred = answer.header("x-ms-access-tier-inferred") == "true";
    details.etag = answer.header("ETag");
    details.leaseState = text("x-ms-lease-state");
    details.leaseStatus = text("x-ms-lease-status");
    details.created = parseHttpDate(text("x-ms-creation-time"));
    details.lastModified = parseHttpDate(text("Last-Modified"));
    details.tagCount = answer.header("x-ms-tag-count").toInt();
    details.headers.contentType = text("Content-Type");
    details.headers.cacheControl = text("Cache-Control");
    details.headers.contentDisposition = text("Content-Disposition");
    details.headers.contentEncoding = text("Content-Encoding");
    details.headers.contentLanguage = text("Content-Language");
    details.headers.contentMd5 = answer.header("Content-MD5");
    constexpr QByteArrayView kMeta("x-ms-meta-");
    for (const auto &[key, value] : answer.headers) {
        if (key.size() > kMeta.size() &&
            key.first(kMeta.size()).compare(kMeta, Qt::CaseInsensitive) == 0)
            details.metadata.append(
                {QString::fromUtf8(key.mid(kMeta.size())), QString::fromUtf8(value)});
    }
    return details;
}

QString metadataKeyProblem(const QString &key)
{
    if (key.isEmpty())
        return tr("A metadata name is empty: type a name or remove the row.");
    for (qsizetype i = 0; i < key.size(); ++i) {
        const QChar c = key.at(i);
        const bool allowed = isAsciiLetter(c) || c == QLatin1Char('_') ||
                             (i > 0 && c >= QLatin1Char('0') && c <= QLatin1Char('9'));
        if (!allowed)
            return tr("Metadata name \"%1\" is not allowed: use letters, digits and '_', "
                      "starting with a letter or '_'.")
                .arg(key);
    }
    return {};
}

QString metadataProblem(const KeyValues &metadata)
{
    QSet<QString> seen;
    for (const auto &[key, value] : metadata) {
        if (QString problem = metadataKeyProblem(key); !problem.isEmpty())
            return problem;
        if (seen.contains(key.toLower()))
            return tr("Metadata name \"%1\" appears twice (names ignore case): keep one.").arg(key);
        seen.insert(key.toLower());
        for (const QChar c : value)
            if (c.unicode() < 0x20 || c.unicode() > 0x7e)
                return tr("The value of metadata \"%1\" has a character the service refuses: "
                          "use printable ASCII only.")
                    .arg(key);
    }
    return {};
}

} // namespace blobferry::azure
