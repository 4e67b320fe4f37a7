// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace blobferry::log {

// Whether c would act on a terminal or a reader's view rather than show as a glyph: C0
// controls, DEL, C1 controls (U+0080-U+009F, U+009B is a one-character CSI), the Unicode
// bidirectional controls (U+061C, U+200E/F, U+202A-U+202E, U+2066-U+2069, which reorder what
// follows: "rtl<U+202E>gnp.exe" shows as "rtlexe.png") and the line and paragraph separators.
bool isUnprintable(QChar c);

// How an unprintable character is written out, always in upper-case hex.
enum class Escapes
{
    Terminal, // C0 controls and DEL as \xNN, the others as \uNNNN
    Json,     // all as \uNNNN: inside a JSON string, the same character to a parser
};

// text as it may be printed to a terminal or written to a log, each unprintable character
// written out in hex (see Escapes). A name from the service or the disk then stays on one line
// and cannot drive the terminal. (\xNN also shows the undecodable bytes of a local name:
// UndecodableNames::display.) The one escaper for everything shown to people.
QString printable(const QString &text, Escapes escapes = Escapes::Terminal);

// The same, but a line break stays: for text of several lines whose lines are split later.
QString printableLines(const QString &text);

} // namespace blobferry::log
