// SPDX-License-Identifier: MIT
#include "UploadAttributes.h"

#include <QRegularExpression>
#include <QSet>
#include <QUrl>

namespace blobferry::transfer {

namespace {

// Printable US-ASCII: what an HTTP header carries without encoding; a control character
// (a line break above all) could end the header early.
int firstUnprintable(const QString &text)
{
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            return i;
    }
    return -1;
}

QString describeChar(QChar c)
{
    if (c.unicode() >= 0x20 && c.unicode() <= 0x7e)
        return QStringLiteral("'%1'").arg(c);
    return QStringLiteral("U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0')).toUpper();
}

// "k=v" split at its first '='; false when there is none.
bool splitPair(const QString &entry, QString *key, QString *value)
{
    const int equals = entry.indexOf(QLatin1Char('='));
    if (equals < 0)
        return false;
    *key = entry.left(equals);
    *value = entry.mid(equals + 1);
    return true;
}

} // namespace

bool UploadAttributes::operator==(const UploadAttributes &other) const
{
    return tier == other.tier && metadata == other.metadata && tags == other.tags &&
           cacheControl == other.cacheControl && contentDisposition == other.contentDisposition &&
           contentEncoding == other.contentEncoding && contentLanguage == other.contentLanguage;
}

bool UploadAttributes::parseTier(const QString &text, QString *tier, QString *error)
{
    static const QStringList names{QStringLiteral("Hot"), QStringLiteral("Cool"),
                                   QStringLiteral("Cold"), QStringLiteral("Archive")};
    const QString wanted = text.trimmed();
    if (wanted.isEmpty()) {
        tier->clear();
        return true;
    }
    for (const QString &name : names) {
        if (name.compare(wanted, Qt::CaseInsensitive) == 0) {
            *tier = name;
            return true;
        }
    }
    *error = QStringLiteral("the tier is hot, cool, cold or archive, not '%1'").arg(text);
    return false;
}

bool UploadAttributes::parseMetadata(const QString &text, Pairs *metadata, QString *error)
{
    // A C# identifier, the service's rule for metadata names (ASCII only: header names).
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    Pairs parsed;
    QSet<QString> seen;
    int bytes = 0;
    for (const QString &entry : text.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        if (entry.trimmed().isEmpty())
            continue;
        QString key;
        QString value;
        if (!splitPair(entry, &key, &value)) {
            *error = QStringLiteral("'%1' is not KEY=VALUE (pairs are separated by ';')")
                         .arg(entry.trimmed());
            return false;
        }
        key = key.trimmed();
        value = value.trimmed();
        if (!identifier.match(key).hasMatch()) {
            *error = QStringLiteral("the key '%1' is not a C# identifier: use letters, digits "
                                    "and _, not starting with a digit")
                         .arg(key);
            return false;
        }
        if (key.startsWith(QLatin1String("blobferry"), Qt::CaseInsensitive)) {
            *error = QStringLiteral("the key '%1' starts with blobferry, which blobferry keeps "
                                    "for its own metadata; choose another name")
                         .arg(key);
            return false;
        }
        if (seen.contains(key.toLower())) {
            *error = QStringLiteral("the key '%1' is given twice (keys ignore case)").arg(key);
            return false;
        }
        seen.insert(key.toLower());
        if (value.isEmpty()) {
            *error = QStringLiteral("the value of '%1' is empty; give one or leave the key out")
                         .arg(key);
            return false;
        }
        if (const int bad = firstUnprintable(value); bad >= 0) {
            *error = QStringLiteral("the value of '%1' has %2, which metadata cannot hold; use "
                                    "printable ASCII")
                         .arg(key, describeChar(value.at(bad)));
            return false;
        }
        bytes += int(key.size() + value.size());
        parsed.append({key, value});
    }
    if (bytes > kMaxMetadataBytes) {
        *error = QStringLiteral("the keys and values add up to %1 bytes, more than the 8 KiB a "
                                "blob's metadata can hold")
                     .arg(bytes);
        return false;
    }
    *metadata = parsed;
    return true;
}

bool UploadAttributes::parseTags(const QString &text, Pairs *tags, QString *error)
{
    static const QRegularExpression allowed(QStringLiteral("[^a-zA-Z0-9 +\\-./:=_]"));
    Pairs parsed;
    QSet<QString> seen;
    for (const QString &entry : text.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        QString key;
        QString value;
        if (!splitPair(entry, &key, &value)) {
            *error = QStringLiteral("'%1' is not KEY=VALUE (tags are separated by '&')").arg(entry);
            return false;
        }
        if (key.isEmpty() || key.size() > kMaxTagKey) {
            *error = QStringLiteral("the key '%1' has %2 characters; a tag key has 1 to %3")
                         .arg(key)
                         .arg(key.size())
                         .arg(kMaxTagKey);
            return false;
        }
        if (value.size() > kMaxTagValue) {
            *error =
                QStringLiteral("the value of '%1' has %2 characters; a tag value has at most %3")
                    .arg(key)
                    .arg(value.size())
                    .arg(kMaxTagValue);
            return false;
        }
        for (const QString &part : {key, value}) {
            const auto bad = allowed.match(part);
            if (bad.hasMatch()) {
                *error = QStringLiteral("the tag '%1' has %2; tags take letters, digits, spaces "
                                        "and + - . / : = _ only")
                             .arg(key, describeChar(bad.captured().at(0)));
                return false;
            }
        }
        if (seen.contains(key)) {
            *error = QStringLiteral("the key '%1' is given twice").arg(key);
            return false;
        }
        seen.insert(key);
        parsed.append({key, value});
    }
    if (parsed.size() > kMaxTags) {
        *error = QStringLiteral("%1 tags given; a blob takes at most %2")
                     .arg(parsed.size())
                     .arg(kMaxTags);
        return false;
    }
    *tags = parsed;
    return true;
}

bool UploadAttributes::parseHeaderValue(const QString &text, QString *value, QString *error)
{
    const QString trimmed = text.trimmed();
    if (const int bad = firstUnprintable(trimmed); bad >= 0) {
        *error = QStringLiteral("'%1' has %2, which a header cannot carry; use printable ASCII")
                     .arg(trimmed.left(bad), describeChar(trimmed.at(bad)));
        return false;
    }
    *value = trimmed;
    return true;
}

QString UploadAttributes::metadataText(const Pairs &metadata)
{
    QStringList entries;
    for (const auto &[key, value] : metadata)
        entries.append(key + QLatin1Char('=') + value);
    return entries.join(QLatin1Char(';'));
}

QString UploadAttributes::tagsText(const Pairs &tags)
{
    QStringList entries;
    for (const auto &[key, value] : tags)
        entries.append(key + QLatin1Char('=') + value);
    return entries.join(QLatin1Char('&'));
}

QByteArray UploadAttributes::tagsHeader(const Pairs &tags)
{
    QByteArrayList entries;
    for (const auto &[key, value] : tags)
        entries.append(QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value));
    return entries.join('&');
}

} // namespace blobferry::transfer
