// SPDX-License-Identifier: MIT
#include "XmlScanner.h"

#include <cstring>

namespace blobferry::azure::xml {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

bool isNameStart(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

bool isNameChar(char c)
{
    return isNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

// Characters XML 1.0 allows (its Char production).
bool isXmlChar(uint code)
{
    return code == 0x9 || code == 0xA || code == 0xD || (code >= 0x20 && code <= 0xD7FF) ||
           (code >= 0xE000 && code <= 0xFFFD) || (code >= 0x10000 && code <= 0x10FFFF);
}

void appendUtf8(QByteArray *out, uint code)
{
    if (code < 0x80) {
        out->append(char(code));
    } else if (code < 0x800) {
        out->append(char(0xC0 | (code >> 6)));
        out->append(char(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
        out->append(char(0xE0 | (code >> 12)));
        out->append(char(0x80 | ((code >> 6) & 0x3F)));
        out->append(char(0x80 | (code & 0x3F)));
    } else {
        out->append(char(0xF0 | (code >> 18)));
        out->append(char(0x80 | ((code >> 12) & 0x3F)));
        out->append(char(0x80 | ((code >> 6) & 0x3F)));
        out->append(char(0x80 | (code & 0x3F)));
    }
}

// Strict UTF-8 of XML characters only: the scanner then never has to decide what Qt's decoder
// makes of a broken sequence or a non-character (it leaves such a body to QXmlStreamReader).
bool isCleanUtf8(const char *begin, const char *end)
{
    const auto *p = reinterpret_cast<const unsigned char *>(begin);
    const auto *e = reinterpret_cast<const unsigned char *>(end);
    while (p < e) {
        if (e - p >= 8) { // the usual case, all ASCII: eight bytes at a time
            quint64 word;
            std::memcpy(&word, p, 8);
            if ((word & 0x8080808080808080ULL) == 0) {
                p += 8;
                continue;
            }
        }
        const unsigned char c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int length = 0;
        uint code = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
            code = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            code = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            code = c & 0x07;
        } else {
            return false;
        }
        if (e - p < length)
            return false;
        for (int i = 1; i < length; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            code = (code << 6) | (p[i] & 0x3F);
        }
        const uint minimum = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
        if (code < minimum || !isXmlChar(code))
            return false;
        p += length;
    }
    return true;
}

} // namespace

XmlScanner::XmlScanner(const QByteArray &body)
    : m_begin(body.constData())
    , m_pos(body.constData())
    , m_end(body.constData() + body.size())
{
    if (!isCleanUtf8(m_begin, m_end)) {
        giveUp();
        return;
    }
    if (m_end - m_pos >= 5 && std::memcmp(m_pos, "<?xml", 5) == 0 && !readDeclaration())
        giveUp();
}

bool XmlScanner::giveUp()
{
    m_unsupported = true;
    m_pos = m_end;
    return false;
}

// <?xml version="1.0" encoding="utf-8" standalone="yes"?>: the encoding only if it is UTF-8.
bool XmlScanner::readDeclaration()
{
    m_pos += 5;
    const auto skipSpaces = [this] {
        const char *start = m_pos;
        while (m_pos < m_end && isSpace(*m_pos))
            ++m_pos;
        return m_pos > start;
    };
    const auto pseudoAttribute = [&](const char *name, QByteArray *value) {
        const qsizetype length = qsizetype(std::strlen(name));
        if (m_end - m_pos < length || std::memcmp(m_pos, name, size_t(length)) != 0)
            return false;
        m_pos += length;
        skipSpaces();
        if (m_pos >= m_end || *m_pos != '=')
            return false;
        ++m_pos;
        skipSpaces();
        if (m_pos >= m_end || (*m_pos != '"' && *m_pos != '\''))
            return false;
        const char quote = *m_pos++;
        const char *start = m_pos;
        while (m_pos < m_end && *m_pos != quote)
            ++m_pos;
        if (m_pos >= m_end)
            return false;
        *value = QByteArray(start, m_pos - start);
        ++m_pos;
        return true;
    };
    QByteArray value;
    if (!skipSpaces() || !pseudoAttribute("version", &value) || value != "1.0")
        return false;
    bool spaced = skipSpaces();
    if (spaced && m_pos < m_end && *m_pos == 'e') {
        if (!pseudoAttribute("encoding", &value) || value.toLower() != "utf-8")
            return false;
        spaced = skipSpaces();
    }
    if (spaced && m_pos < m_end && *m_pos == 's') { // Azurite says standalone="yes"
        if (!pseudoAttribute("standalone", &value) || (value != "yes" && value != "no"))
            return false;
        skipSpaces();
    }
    if (m_end - m_pos < 2 || m_pos[0] != '?' || m_pos[1] != '>')
        return false;
    m_pos += 2;
    return true;
}

// Text between elements: white space outside the root; inside it anything well-formed, read
// (references checked) and dropped, as readNextStartElement() does.
bool XmlScanner::skipText(bool inside)
{
    if (inside) {
        QByteArray ignored;
        QLatin1String raw;
        return readText(&ignored, &raw);
    }
    while (m_pos < m_end && *m_pos != '<') {
        if (!isSpace(*m_pos))
            return giveUp();
        ++m_pos;
    }
    return true;
}

// Reads character data, CDATA sections included, up to the next tag. Text that is one run
// without references or CDATA stays where it is (raw: its bytes); otherwise its decoded UTF-8
// goes to decoded.
bool XmlScanner::readText(QByteArray *decoded, QLatin1String *raw)
{
    const char *runStart = m_pos;
    bool single = true;
    const auto flush = [&] {
        decoded->append(runStart, m_pos - runStart);
        single = false;
    };
    while (m_pos < m_end) {
        const auto c = uchar(*m_pos);
        if (c == '<') {
            if (m_end - m_pos < 9 || std::memcmp(m_pos, "<![CDATA[", 9) != 0)
                break;
            flush();
            m_pos += 9;
            const char *start = m_pos;
            while (m_pos < m_end) {
                const auto d = uchar(*m_pos);
                if (d < 0x20 && d != '\t' && d != '\n')
                    return giveUp(); // control characters; '\r' would be normalized
                if (d == ']' && m_end - m_pos >= 3 && m_pos[1] == ']' && m_pos[2] == '>')
                    break;
                ++m_pos;
            }
            if (m_pos >= m_end)
                return giveUp();
            decoded->append(start, m_pos - start);
            m_pos += 3;
            runStart = m_pos;
            continue;
        }
        if (c == '&') {
            flush();
            if (!readReference(decoded))
                return false;
            runStart = m_pos;
            continue;
        }
        if (c < 0x20 && c != '\t' && c != '\n')
            return giveUp(); // control characters are errors; '\r' would be normalized
        if (c == '>' && m_pos - runStart >= 2 && m_pos[-1] == ']' && m_pos[-2] == ']')
            return giveUp(); // "]]>" may not stand in text
        ++m_pos;
    }
    if (single)
        *raw = QLatin1String(runStart, m_pos - runStart);
    else
        flush();
    return true;
}

// At '&': one of the five named entities or a character reference, appended as UTF-8.
bool XmlScanner::readReference(QByteArray *decoded)
{
    const char *semicolon = m_pos + 1;
    while (semicolon < m_end && semicolon - m_pos <= 12 && *semicolon != ';')
        ++semicolon;
    if (semicolon >= m_end || *semicolon != ';')
        return giveUp();
    const QLatin1String entity(m_pos + 1, semicolon - m_pos - 1);
    if (entity == QLatin1String("amp")) {
        decoded->append('&');
    } else if (entity == QLatin1String("lt")) {
        decoded->append('<');
    } else if (entity == QLatin1String("gt")) {
        decoded->append('>');
    } else if (entity == QLatin1String("quot")) {
        decoded->append('"');
    } else if (entity == QLatin1String("apos")) {
        decoded->append('\'');
    } else if (entity.size() >= 2 && entity[0] == QLatin1Char('#')) {
        const bool hex = entity[1] == QLatin1Char('x');
        const QLatin1String digits = entity.mid(hex ? 2 : 1);
        if (digits.isEmpty() || digits.size() > 8)
            return giveUp();
        uint code = 0;
        for (const char d : digits) {
            uint value;
            if (d >= '0' && d <= '9')
                value = uint(d - '0');
            else if (hex && d >= 'a' && d <= 'f')
                value = uint(d - 'a' + 10);
            else if (hex && d >= 'A' && d <= 'F')
                value = uint(d - 'A' + 10);
            else
                return giveUp();
            code = code * (hex ? 16 : 10) + value;
        }
        if (!isXmlChar(code))
            return giveUp();
        appendUtf8(decoded, code);
    } else {
        return giveUp(); // an entity of a DTD, or not one at all
    }
    m_pos = semicolon + 1;
    return true;
}

bool XmlScanner::readStartTag()
{
    // At '<' followed by a name.
    ++m_pos;
    const char *nameStart = m_pos;
    if (m_pos >= m_end || !isNameStart(*m_pos))
        return giveUp();
    while (m_pos < m_end && isNameChar(*m_pos))
        ++m_pos;
    m_name = QLatin1String(nameStart, m_pos - nameStart);
    m_encoded = false;
    QLatin1String seen[8];
    int attributes = 0;
    while (true) {
        if (m_pos >= m_end)
            return giveUp();
        const char c = *m_pos;
        if (c == '>') {
            ++m_pos;
            break;
        }
        if (c == '/') {
            if (m_end - m_pos < 2 || m_pos[1] != '>')
                return giveUp();
            m_pos += 2;
            m_emptyPending = true;
            break;
        }
        if (!isSpace(c))
            return giveUp(); // "<a:b", "<a b='1'c='2'>", a character no name has
        while (m_pos < m_end && isSpace(*m_pos))
            ++m_pos;
        if (m_pos < m_end && (*m_pos == '>' || *m_pos == '/'))
            continue;
        const char *attributeStart = m_pos;
        if (m_pos >= m_end || !isNameStart(*m_pos))
            return giveUp();
        while (m_pos < m_end && isNameChar(*m_pos))
            ++m_pos;
        const QLatin1String attribute(attributeStart, m_pos - attributeStart);
        if (attribute == QLatin1String("xmlns") || attributes == 8)
            return giveUp(); // namespaces are Qt's business
        for (int i = 0; i < attributes; ++i)
            if (seen[i] == attribute)
                return giveUp(); // a repeated attribute is an error
        seen[attributes++] = attribute;
        while (m_pos < m_end && isSpace(*m_pos))
            ++m_pos;
        if (m_pos >= m_end || *m_pos != '=')
            return giveUp();
        ++m_pos;
        while (m_pos < m_end && isSpace(*m_pos))
            ++m_pos;
        if (m_pos >= m_end || (*m_pos != '"' && *m_pos != '\''))
            return giveUp();
        const char quote = *m_pos++;
        const char *valueStart = m_pos;
        while (m_pos < m_end && *m_pos != quote) {
            const unsigned char v = uchar(*m_pos);
            // References and white space other than ' ' change the value: left to Qt.
            if (v == '<' || v == '&' || v < 0x20)
                return giveUp();
            ++m_pos;
        }
        if (m_pos >= m_end)
            return giveUp();
        const QLatin1String value(valueStart, m_pos - valueStart);
        ++m_pos;
        if (attribute == QLatin1String("Encoded"))
            m_encoded = value == QLatin1String("true");
    }
    m_open.append(m_name);
    return true;
}

bool XmlScanner::readEndTag()
{
    // At "</".
    m_pos += 2;
    const char *nameStart = m_pos;
    while (m_pos < m_end && isNameChar(*m_pos))
        ++m_pos;
    const QLatin1String name(nameStart, m_pos - nameStart);
    while (m_pos < m_end && isSpace(*m_pos))
        ++m_pos;
    if (m_pos >= m_end || *m_pos != '>' || m_open.isEmpty() || m_open.last() != name)
        return giveUp();
    ++m_pos;
    m_open.removeLast();
    if (m_open.isEmpty())
        m_rootDone = true;
    return true;
}

XmlScanner::Token XmlScanner::next()
{
    if (m_unsupported || m_rootDone)
        return Token::Stop;
    m_atStart = false;
    if (m_emptyPending) {
        m_emptyPending = false;
        m_open.removeLast();
        if (m_open.isEmpty())
            m_rootDone = true;
        return Token::End;
    }
    if (!skipText(!m_open.isEmpty()))
        return Token::Stop;
    if (m_end - m_pos < 2) { // the document ended inside an element, or had none
        giveUp();
        return Token::Stop;
    }
    if (m_pos[1] == '/')
        return readEndTag() ? Token::End : Token::Stop;
    if (m_pos[1] == '!' || m_pos[1] == '?') { // comments, declarations, instructions: Qt's
        giveUp();
        return Token::Stop;
    }
    if (!readStartTag())
        return Token::Stop;
    m_atStart = true;
    return Token::Start;
}

bool XmlScanner::readNextStartElement()
{
    return next() == Token::Start;
}

QString XmlScanner::readElementText()
{
    if (m_unsupported || !m_atStart) {
        giveUp();
        return {};
    }
    m_atStart = false;
    if (m_emptyPending) {
        next(); // its end
        return {};
    }
    QByteArray decoded;
    QLatin1String raw;
    if (!readText(&decoded, &raw))
        return {};
    // The text must end with this element's end tag: a child element is an error to Qt.
    if (m_end - m_pos < 2 || m_pos[1] != '/' || !readEndTag()) {
        giveUp();
        return {};
    }
    if (decoded.isEmpty() && raw.data())
        return QString::fromUtf8(raw.data(), raw.size());
    return QString::fromUtf8(decoded);
}

void XmlScanner::skipCurrentElement()
{
    int depth = 1;
    while (depth > 0) {
        switch (next()) {
        case Token::Start:
            ++depth;
            break;
        case Token::End:
            --depth;
            break;
        case Token::Stop:
            return;
        }
    }
}

bool XmlScanner::finishedCleanly()
{
    if (m_unsupported || !m_rootDone)
        return false;
    while (m_pos < m_end && isSpace(*m_pos))
        ++m_pos;
    return m_pos == m_end;
}

} // namespace blobferry::azure::xml
