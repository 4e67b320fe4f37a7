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
    // gzip, is cut short, expands like a decompression bomb (more than kMaxRatio times its
    // size once past kRatioFreeBytes of output), or would not fit in `room` bytes (-1: the
    // space free where `to` is, less a tenth of it up to 1 GiB). The output may then be partly
    // written.
    static bool decompress(const QString &from, const QString &to, QString *error,
                           qint64 room = -1);
    // Decompresses into a new file beside `from` (named like a part file, *.bfpart, so a
    // mirror leaves it alone) and returns its path; empty and *error on failure (the new file
    // is removed).
    static QString decompressBeside(const QString &from, QString *error);

    // Deflate cannot expand more than 1032-fold; real files gzip 3- to 50-fold, and very
    // repetitive logs or sparse data a few hundred-fold (so 200, as Apache's mod_deflate uses
    // for request bodies, refused files blobferry had uploaded itself). Past 1000-fold the
    // data is one repeated byte, which is what bombs are made of. A bomb made with weaker
    // compression is stopped by the room instead: the output never takes the last tenth of
    // the disk (at most 1 GiB of it). The first 16 MiB are allowed any ratio: a small file of
    // zeros is harmless. A file past the limit is still reachable with --keep-encoding, so the
    // limit is not an option.
    static constexpr qint64 kMaxRatio = 1000;
    static constexpr qint64 kRatioFreeBytes = 16 * 1024 * 1024;
    // Whether --gzip EXT,... chose this file: its extension, case-insensitive.
    static bool chosen(const QString &fileName, const QStringList &extensions);
};

} // namespace blobferry::transfer
