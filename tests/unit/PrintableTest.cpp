// SPDX-License-Identifier: MIT
#include "log/Printable.h"

#include <catch2/catch.hpp>

using blobferry::log::isUnprintable;
using blobferry::log::printable;
using blobferry::log::printableLines;

namespace {

QString withChar(const char *before, char16_t c, const char *after)
{
    return QString::fromUtf8(before) + QChar(c) + QString::fromUtf8(after);
}

} // namespace

TEST_CASE("C0 controls and DEL are shown as hex escapes (xNN)", "[printable]")
{
    CHECK(printable(QStringLiteral("two\nlines\x1b[31m")) ==
          QStringLiteral("two\\x0Alines\\x1B[31m"));
    CHECK(printable(QStringLiteral("tab\there\x7f")) == QStringLiteral("tab\\x09here\\x7F"));
}

TEST_CASE("C1 controls are shown as Unicode escapes (uNNNN)", "[printable]")
{
    // U+009B is a one-character CSI: printed raw (c2 9b) it starts an escape sequence.
    CHECK(printable(withChar("csi", 0x9B, "31m")) == QStringLiteral("csi\\u009B31m"));
    CHECK(printable(withChar("a", 0x80, "")) == QStringLiteral("a\\u0080"));
    CHECK(printable(withChar("a", 0x9F, "")) == QStringLiteral("a\\u009F"));
    // Printable Latin-1 right after them stays.
    CHECK(printable(withChar("", 0xA0, "caf\xc3\xa9")) == withChar("", 0xA0, "caf\xc3\xa9"));
}

TEST_CASE("bidirectional controls and line separators are shown as Unicode escapes (uNNNN)",
          "[printable]")
{
    // "rtl<RLO>gnp.exe" would show as "rtlexe.png".
    CHECK(printable(withChar("rtl", 0x202E, "gnp.exe")) == QStringLiteral("rtl\\u202Egnp.exe"));
    for (const char16_t c :
         {u'\u061C', u'\u200E', u'\u200F', u'\u2028', u'\u2029', u'\u202A', u'\u202B', u'\u202C',
          u'\u202D', u'\u202E', u'\u2066', u'\u2067', u'\u2068', u'\u2069'}) {
        INFO(int(c));
        CHECK(isUnprintable(QChar(c)));
        CHECK(printable(QString(QChar(c))) ==
              QStringLiteral("\\u") +
                  QString::number(int(c), 16).toUpper().rightJustified(4, u'0'));
    }
    // Their neighbours are ordinary text.
    for (const char16_t c : {u'\u061B', u'\u200D', u'\u2027', u'\u202F', u'\u2065', u'\u206A'})
        CHECK_FALSE(isUnprintable(QChar(c)));
}

TEST_CASE("ordinary text is returned as it is", "[printable]")
{
    const QString text = QString::fromUtf8("photos/\xe6\x97\xa5\xe6\x9c\xac/caf\xc3\xa9 (1).jpg");
    CHECK(printable(text) == text);
    CHECK(printable(QString()).isEmpty());
}

TEST_CASE("printableLines keeps line breaks and escapes the rest", "[printable]")
{
    CHECK(printableLines(withChar("one\ntwo\r", 0x9B, "")) ==
          QStringLiteral("one\ntwo\\x0D\\u009B"));
}

TEST_CASE("for JSON every unprintable character is a Unicode escape (uNNNN), in upper-case hex",
          "[printable]")
{
    using blobferry::log::Escapes;
    CHECK(printable(withChar("a", 0x9B, "b"), Escapes::Json) == QStringLiteral("a\\u009Bb"));
    CHECK(printable(withChar("a", 0x7F, ""), Escapes::Json) == QStringLiteral("a\\u007F"));
    CHECK(printable(withChar("rtl", 0x202E, ""), Escapes::Json) == QStringLiteral("rtl\\u202E"));
    // The terminal's form of the same: \xNN for an ASCII control.
    CHECK(printable(withChar("a", 0x7F, "")) == QStringLiteral("a\\x7F"));
}
