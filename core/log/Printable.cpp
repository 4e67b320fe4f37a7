// SPDX-License-Identifier: MIT
#include "Printable.h"

#include <algorithm>

namespace blobferry::log {

bool isUnprintable(QChar c)
{
    const char16_t u = c.unicode();
    if (u < 0x20 || (u >= 0x7F && u <= 0x9F))
        return true;
    if (u < 0x061C)
        return false; // the common case: one comparison for Latin text
    return u == 0x061C || u == 0x200E || u == 0x200F || (u >= 0x2028 && u <= 0x202E) ||
           (u >= 0x2066 && u <= 0x2069);
}

namespace {

QString escaped(const QString &text, bool keepLineBreaks, Escapes escapes)
{
    const auto unprintable = [keepLineBreaks](QChar c) {
        return isUnprintable(c) && !(keepLineBreaks && c == QLatin1Char('\n'));
    };
    // Most text has nothing to escape: no copy then.
    if (std::none_of(text.cbegin(), text.cend(), unprintable))
        return text;
    QString out;
    out.reserve(text.size() + 8);
    for (const QChar c : text) {
        if (!unprintable(c)) {
            out += c;
            continue;
        }
        // \xNN for the ASCII controls, as the README has always promised; \uNNNN for the
        // rest, so that \xNN keeps meaning one byte (UndecodableNames shows raw bytes so).
        const bool ascii = c.unicode() < 0x80 && escapes == Escapes::Terminal;
        out += (ascii ? QStringLiteral("\\x") : QStringLiteral("\\u")) +
               QString::number(c.unicode(), 16)
                   .rightJustified(ascii ? 2 : 4, QLatin1Char('0'))
                   .toUpper();
    }
    return out;
}

} // namespace

QString printable(const QString &text, Escapes escapes)
{
    return escaped(text, false, escapes);
}

QString printableLines(const QString &text)
{
    return escaped(text, true, Escapes::Terminal);
}

} // namespace blobferry::log
