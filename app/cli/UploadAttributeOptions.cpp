// SPDX-License-Identifier: MIT
#include "UploadAttributeOptions.h"

namespace blobferry::cli::uploadAttributes {

namespace {

using transfer::UploadAttributes;

transfer::UploadAttributes &attributesOf(CliOptionTarget &target)
{
    return target.request.spec.uploadAttributes;
}

// One of the four headers: printable ASCII, stored as given (trimmed).
bool applyHeader(const char *option, QString UploadAttributes::*member, const QString &value,
                 CliOptionTarget &target, QString *error)
{
    QString why;
    if (!UploadAttributes::parseHeaderValue(value, &(attributesOf(target).*member), &why)) {
        *error = QStringLiteral("--%1: %2").arg(QLatin1String(option), why);
        return false;
    }
    return true;
}

} // namespace

bool applyTier(const QString &value, CliOptionTarget &target, QString *error)
{
    QString why;
    if (!UploadAttributes::parseTier(value, &attributesOf(target).tier, &why)) {
        *error = CommandLine::tr("--block-blob-tier takes hot, cool, cold or archive, not '%1'")
                     .arg(value);
        return false;
    }
    return true;
}

bool applyMetadata(const QString &value, CliOptionTarget &target, QString *error)
{
    QString why;
    if (!UploadAttributes::parseMetadata(value, &attributesOf(target).metadata, &why)) {
        *error = CommandLine::tr("--metadata takes \"key1=value1;key2=value2\": %1").arg(why);
        return false;
    }
    return true;
}

bool applyTags(const QString &value, CliOptionTarget &target, QString *error)
{
    QString why;
    if (!UploadAttributes::parseTags(value, &attributesOf(target).tags, &why)) {
        *error = CommandLine::tr("--blob-tags takes \"key1=value1&key2=value2\": %1").arg(why);
        return false;
    }
    return true;
}

bool applyCacheControl(const QString &value, CliOptionTarget &target, QString *error)
{
    return applyHeader("cache-control", &UploadAttributes::cacheControl, value, target, error);
}

bool applyContentDisposition(const QString &value, CliOptionTarget &target, QString *error)
{
    return applyHeader("content-disposition", &UploadAttributes::contentDisposition, value, target,
                       error);
}

bool applyContentEncoding(const QString &value, CliOptionTarget &target, QString *error)
{
    return applyHeader("content-encoding", &UploadAttributes::contentEncoding, value, target,
                       error);
}

bool applyContentLanguage(const QString &value, CliOptionTarget &target, QString *error)
{
    return applyHeader("content-language", &UploadAttributes::contentLanguage, value, target,
                       error);
}

const QStringList &optionNames()
{
    static const QStringList names{
        QStringLiteral("block-blob-tier"),     QStringLiteral("metadata"),
        QStringLiteral("blob-tags"),           QStringLiteral("cache-control"),
        QStringLiteral("content-disposition"), QStringLiteral("content-encoding"),
        QStringLiteral("content-language"),
    };
    return names;
}

} // namespace blobferry::cli::uploadAttributes
