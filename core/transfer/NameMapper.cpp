// SPDX-License-Identifier: MIT
#include "NameMapper.h"

#include <QCryptographicHash>
#include <QDir>

namespace blobferry::transfer {

namespace {

constexpr int kHashChars = 8;
constexpr int kMaxExtensionChars = 16;

void appendCode(QString *out, const QByteArray &bytes)
{
    for (const char byte : bytes)
        *out += QStringLiteral("%%1").arg(uint(uchar(byte)), 2, 16, QLatin1Char('0')).toUpper();
}

// UTF-8 of one UTF-16 unit; a lone surrogate gets the bytes it would have in WTF-8 so that
// its code still says which one it was (QString::toUtf8 would write '?').
QByteArray unitBytes(char16_t unit)
{
    QByteArray bytes;
    if (unit < 0x80) {
        bytes += char(unit);
    } else if (unit < 0x800) {
        bytes += char(0xC0 | (unit >> 6));
        bytes += char(0x80 | (unit & 0x3F));
    } else {
        bytes += char(0xE0 | (unit >> 12));
        bytes += char(0x80 | ((unit >> 6) & 0x3F));
        bytes += char(0x80 | (unit & 0x3F));
    }
    return bytes;
}

bool isWindowsForbidden(char16_t unit)
{
    return unit < 0x20 || unit == u'<' || unit == u'>' || unit == u':' || unit == u'"' ||
           unit == u'|' || unit == u'?' || unit == u'*' || unit == u'\\';
}

// Windows opens a device for these names, whatever their extension ("nul.tar.gz").
bool isWindowsDeviceName(const QString &base)
{
    static const QStringList plain{QStringLiteral("CON"), QStringLiteral("PRN"),
                                   QStringLiteral("AUX"), QStringLiteral("NUL")};
    const QString upper = base.toUpper();
    if (plain.contains(upper))
        return true;
    if (upper.size() != 4 ||
        !(upper.startsWith(QLatin1String("COM")) || upper.startsWith(QLatin1String("LPT"))))
        return false;
    const QChar last = upper.at(3);
    return (last >= QLatin1Char('0') && last <= QLatin1Char('9')) || last == QChar(0xB9) ||
           last == QChar(0xB2) || last == QChar(0xB3);
}

// The size of unitBytes(unit), without making them: this runs for every name of a listing.
int unitSize(char16_t unit)
{
    return unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
}

int utf8Size(const QString &text)
{
    int bytes = 0;
    for (int i = 0; i < text.size(); ++i) {
        const char16_t unit = text.at(i).unicode();
        if (QChar::isHighSurrogate(unit) && i + 1 < text.size() &&
            QChar::isLowSurrogate(text.at(i + 1).unicode())) {
            bytes += 4;
            ++i;
        } else {
            bytes += unitSize(unit);
        }
    }
    return bytes;
}

// The longest beginning of text that fits in maxBytes of UTF-8, never splitting a pair.
QString leftBytes(const QString &text, int maxBytes)
{
    int bytes = 0;
    int i = 0;
    while (i < text.size()) {
        const bool pair = QChar::isHighSurrogate(text.at(i).unicode()) && i + 1 < text.size() &&
                          QChar::isLowSurrogate(text.at(i + 1).unicode());
        const int size = pair ? 4 : unitSize(text.at(i).unicode());
        if (bytes + size > maxBytes)
            break;
        bytes += size;
        i += pair ? 2 : 1;
    }
    return text.left(i);
}

// Where the extension starts ("car.docx" → 3), or -1: a leading dot (".profile"), a trailing
// one, dots alone before it ("...", "..x") or a suffix too long to be an extension do not count.
int extensionStart(const QString &segment)
{
    const int dot = int(segment.lastIndexOf(QLatin1Char('.')));
    if (dot <= 0 || dot == segment.size() - 1 || segment.size() - dot > kMaxExtensionChars)
        return -1;
    for (int i = 0; i < dot; ++i)
        if (segment[i] != QLatin1Char('.'))
            return dot;
    return -1;
}

} // namespace

NameMapper::NameMapper(NameRules rules)
    : m_rules(rules)
{}

NameMapper::Result NameMapper::toLocal(const QString &blobName, qint64 size) const
{
    auto isSeparator = [this](QChar c) {
        return c == QLatin1Char('/') || (m_rules.backslashSeparates && c == QLatin1Char('\\'));
    };
    Result result;
    const bool marker = !blobName.isEmpty() && isSeparator(blobName.back());
    QString segment;
    auto flush = [&] {
        if (!segment.isEmpty()) // "a//b", a leading or trailing '/': no empty file names
            result.segments.append(translateSegment(segment, &result.invalidUnicode));
        segment.clear();
    };
    for (const QChar c : blobName) {
        if (isSeparator(c))
            flush();
        else
            segment += c;
    }
    flush();

    if (marker && size == 0) {
        // A folder marker: its directory is its content.
        result.isDirectory = true;
        result.relativePath = result.segments.join(QLatin1Char('/'));
        result.renamed =
            !result.relativePath.isEmpty() && result.relativePath + QLatin1Char('/') != blobName;
        return result;
    }
    if (marker) {
        // Bytes under a name ending in '/': a file named like the folder, with the '/' as code,
        // so it never competes with the folder itself.
        if (result.segments.isEmpty())
            result.segments.append(QStringLiteral("%2F"));
        else
            result.segments.last() = shortened(result.segments.last() + QStringLiteral("%2F"));
    }
    result.relativePath = result.segments.join(QLatin1Char('/'));
    result.renamed = result.relativePath != blobName;
    return result;
}

QString NameMapper::translateSegment(const QString &segment, bool *invalidUnicode) const
{
    if (segment == QLatin1String("."))
        return QStringLiteral("dot");
    if (segment == QLatin1String(".."))
        return QStringLiteral("dotdot");

    QString out;
    out.reserve(segment.size());
    for (int i = 0; i < segment.size(); ++i) {
        const char16_t unit = segment.at(i).unicode();
        if (QChar::isHighSurrogate(unit) && i + 1 < segment.size() &&
            QChar::isLowSurrogate(segment.at(i + 1).unicode())) {
            out += segment.at(i);
            out += segment.at(++i);
        } else if (QChar::isSurrogate(unit) || unit == 0xFFFD) {
            appendCode(&out, unitBytes(unit));
            if (invalidUnicode)
                *invalidUnicode = true;
        } else if (unit == 0 || (m_rules.windowsNames && isWindowsForbidden(unit))) {
            appendCode(&out, unitBytes(unit));
        } else {
            out += segment.at(i);
        }
    }

    if (m_rules.windowsNames) {
        // Windows drops trailing dots and spaces, so "a." and "a" would be one file.
        int keep = int(out.size());
        while (keep > 0 &&
               (out.at(keep - 1) == QLatin1Char('.') || out.at(keep - 1) == QLatin1Char(' ')))
            --keep;
        QString tail;
        for (int i = keep; i < out.size(); ++i)
            appendCode(&tail, QByteArray(1, char(out.at(i).unicode())));
        out = out.left(keep) + tail;

        const int dot = int(out.indexOf(QLatin1Char('.')));
        const QString base = dot < 0 ? out : out.left(dot);
        int baseEnd = int(base.size());
        while (baseEnd > 0 && base.at(baseEnd - 1) == QLatin1Char(' '))
            --baseEnd;
        if (isWindowsDeviceName(base.left(baseEnd)))
            out.insert(baseEnd, QLatin1Char('_'));
    }
    return shortened(out);
}

QString NameMapper::toBlobName(const QString &relativePath)
{
    return QDir::fromNativeSeparators(relativePath);
}

bool NameMapper::staysInside(const QString &relativePath)
{
    if (relativePath.isEmpty() || relativePath.startsWith(QLatin1Char('/')))
        return false;
    const auto segments = relativePath.split(QLatin1Char('/'));
    for (const QString &segment : segments)
        if (segment.isEmpty() || segment == QLatin1String(".") || segment == QLatin1String("..") ||
            segment.contains(QChar(0)) || utf8Size(segment) > kMaxSegmentBytes)
            return false;
    return true;
}

bool NameMapper::isValidUnicode(const QString &text)
{
    for (int i = 0; i < text.size(); ++i) {
        const char16_t unit = text.at(i).unicode();
        if (unit == 0xFFFD)
            return false;
        if (QChar::isHighSurrogate(unit) && i + 1 < text.size() &&
            QChar::isLowSurrogate(text.at(i + 1).unicode())) {
            ++i;
            continue;
        }
        if (QChar::isSurrogate(unit))
            return false;
    }
    return true;
}

QString NameMapper::shortened(const QString &segment, int maxBytes)
{
    if (utf8Size(segment) <= maxBytes)
        return segment;
    // Hashed as UTF-16 so that even lone surrogates count.
    const QByteArray units(reinterpret_cast<const char *>(segment.utf16()),
                           segment.size() * qsizetype(sizeof(char16_t)));
    const QString hash = QString::fromLatin1(
        QCryptographicHash::hash(units, QCryptographicHash::Sha256).toHex().left(kHashChars));
    const int dot = extensionStart(segment);
    const QString extension = dot < 0 ? QString() : segment.mid(dot);
    const QString stem = dot < 0 ? segment : segment.left(dot);
    const int budget = maxBytes - utf8Size(extension) - 1 - kHashChars;
    return leftBytes(stem, budget) + QLatin1Char('~') + hash + extension;
}

QString NameMapper::withCounter(const QString &segment, int counter, int maxBytes)
{
    const int dot = extensionStart(segment);
    const QString extension = dot < 0 ? QString() : segment.mid(dot);
    const QString stem = dot < 0 ? segment : segment.left(dot);
    const QString mark = QStringLiteral("(%1)").arg(counter);
    const int budget = maxBytes - utf8Size(extension) - int(mark.size());
    return leftBytes(stem, budget) + mark + extension;
}

} // namespace blobferry::transfer
