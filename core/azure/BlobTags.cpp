// SPDX-License-Identifier: MIT
#include "BlobTags.h"

#include <QCoreApplication>
#include <QSet>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace blobferry::azure {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("BlobTags", text);
}

bool allowedTagCharacter(QChar c)
{
    if ((c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
        (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
        (c >= QLatin1Char('0') && c <= QLatin1Char('9')))
        return true;
    return QStringLiteral(" +-./:=_").contains(c);
}

bool allowedTagText(const QString &text)
{
    return std::all_of(text.cbegin(), text.cend(), allowedTagCharacter);
}

} // namespace

QString tagsProblem(const KeyValues &tags)
{
    if (tags.size() > kMaxTags)
        return tr("A blob takes at most %1 tags; remove %2.")
            .arg(kMaxTags)
            .arg(tags.size() - kMaxTags);
    QSet<QString> seen;
    for (const auto &[key, value] : tags) {
        if (key.isEmpty() || key.size() > 128)
            return tr("Tag name \"%1\" must have 1 to 128 characters.").arg(key);
        if (value.size() > 256)
            return tr("The value of tag \"%1\" is longer than 256 characters: shorten it.")
                .arg(key);
        if (!allowedTagText(key) || !allowedTagText(value))
            return tr("Tag \"%1\" has a character the service refuses: use letters, digits, "
                      "space and + - . / : = _ only.")
                .arg(key);
        if (seen.contains(key))
            return tr("Tag name \"%1\" appears twice: keep one.").arg(key);
        seen.insert(key);
    }
    return {};
}

QByteArray tagsBody(const KeyValues &tags)
{
    QByteArray body;
    QXmlStreamWriter xml(&body);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("Tags"));
    xml.writeStartElement(QStringLiteral("TagSet"));
    for (const auto &[key, value] : tags) {
        xml.writeStartElement(QStringLiteral("Tag"));
        xml.writeTextElement(QStringLiteral("Key"), key);
        xml.writeTextElement(QStringLiteral("Value"), value);
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndDocument();
    return body;
}

bool parseTags(const QByteArray &body, KeyValues *tags, QString *error)
{
    tags->clear();
    QXmlStreamReader xml(body);
    bool sawTags = false;
    QString key;
    QString value;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            if (xml.name() == QLatin1String("Tags"))
                sawTags = true;
            else if (xml.name() == QLatin1String("Key"))
                key = xml.readElementText();
            else if (xml.name() == QLatin1String("Value"))
                value = xml.readElementText();
        } else if (xml.isEndElement() && xml.name() == QLatin1String("Tag")) {
            tags->append({key, value});
            key.clear();
            value.clear();
        }
    }
    if (xml.hasError() || !sawTags) {
        tags->clear();
        *error = tr("The service's answer is not a tag set");
        return false;
    }
    return true;
}

} // namespace blobferry::azure
