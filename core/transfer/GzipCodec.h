// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

namespace blobferry::transfer {

// --gzip: whole files to and from the gzip format (RFC 1952), streamed in 256 KiB steps so
// memory does not grow with the file. Compression writes no name and a zero time into the
// header, so the same file always gives the same bytes (and the same MD5: the blob's
// Content-MD5 is that of the stored gzip bytes, which lets an unchanged file be recognised).
class GzipCodec final
{
public:
    // False and *error on a read or write failure.
    static bool compress(const QString &from, const QString &to, QString *error);
    // Accepts concatenated members, as gzip(1) does. False and *error when the input is not
    // gzip or is cut short.
    static bool decompress(const QString &from, const QString &to, QString *error);
    // Decompresses into a new file beside `from` (named like a part file, *.bfpart, so a
    // mirror leaves it alone) and returns its path; empty and *error on failure.
    static QString decompressBeside(const QString &from, QString *error);
    // Whether --gzip EXT,... chose this file: its extension, case-insensitive.
    static bool chosen(const QString &fileName, const QStringList &extensions);
};

} // namespace blobferry::transfer
