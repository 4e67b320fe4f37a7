// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace blobferry::log {

// Whether c would act on a terminal or a reader's view rather than show as a glyph: C0
// controls, DEL, C1 controls (U+0080-U+009F, U+009B is a one-character CSI), the Unicode
// bidirectional controls (U+061C, U+200E/F, U+202A-U+202E, U+2066-U+2069, which reorder what
// follows: "rtl<U+202E>gnp.exe" shows as "rtlexe.png") and the line and paragraph separators.
bool isUnprintable(QChar c);

// text as it may be printed to a terminal or written to a log: each unprintable character
// written as \xNN below U+0100 when it is C0 or DEL, else as \uNNNN (hex, upper case), so
// a name from the service or the disk stays on one line and cannot drive the terminal.
// Undecodable bytes of a local name are already \xNN (UndecodableNames::display).
QString printable(const QString &text);

// The same, but a line break stays: for text of several lines whose lines are split later.
QString printableLines(const QString &text);

} // namespace blobferry::log
