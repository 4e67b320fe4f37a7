// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QLatin1String>
#include <QList>
#include <QString>

namespace blobferry::azure::xml {

// A pull reader over UTF-8 XML with the few QXmlStreamReader calls the List Blobs parser makes
// (readNextStartElement, name, readElementText, skipCurrentElement), at a small fraction of its
// cost: QXmlStreamReader spends ~125,000 instructions a blob of a listing.
//
// It reads only the plain XML the service sends: elements with ASCII names, attributes without
// references, text with the five named entities, character references and CDATA sections. On
// anything else, and on anything malformed, it stops and says unsupported(); the caller then
// parses the whole body again with QXmlStreamReader, which gives the answer (or the error) it
// always gave. So the scanner never has to be right about an unusual document, only to notice one.
class XmlScanner final
{
public:
    explicit XmlScanner(const QByteArray &body);

    // Like QXmlStreamReader's: the next start element inside the current one, or false at the
    // current element's end (or when the scanner gave up).
    bool readNextStartElement();
    // The current start element's name; valid until the next call.
    QLatin1String name() const { return m_name; }
    // The current start element's attribute Encoded="true" (the service's percent-encoding).
    bool encodedAttribute() const { return m_encoded; }
    // The text of the current start element, which must hold no element.
    QString readElementText();
    void skipCurrentElement();
    // The scanner met something it does not read, or malformed XML.
    bool unsupported() const { return m_unsupported; }
    // True if the document was read to the end of its root element with nothing but white space
    // after it. Call after the root element was left.
    bool finishedCleanly();

private:
    enum class Token
    {
        Start,
        End,
        Stop // the end of the document, or the scanner gave up
    };
    Token next(); // skips text between elements, validating it
    bool skipText(bool inside);
    bool readText(QByteArray *decoded, QLatin1String *raw);
    bool readReference(QByteArray *decoded);
    bool readStartTag();
    bool readEndTag();
    bool readDeclaration();
    bool giveUp();

    const char *m_begin;
    const char *m_pos;
    const char *m_end;
    QList<QLatin1String> m_open; // names of the open elements, for the end tags
    QLatin1String m_name;
    bool m_encoded = false;
    bool m_emptyPending = false; // <x/>: its end comes next
    bool m_atStart = false;      // the last token was a start element
    bool m_rootDone = false;
    bool m_unsupported = false;
};

} // namespace blobferry::azure::xml
