// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <optional>

namespace blobferry::transfer {

// Sparse page-blob uploads: a new page blob reads as zeros, so all-zero 512-byte pages need
// not be sent. Disk images are mostly such pages.
class PageScan final
{
public:
    static constexpr qint64 kPage = 512;

    // [begin, end) relative to the scanned window: from its first page holding a non-zero
    // byte to the end of its last one; begin == end when every page is zero.
    struct Span
    {
        qint64 begin = 0;
        qint64 end = 0;
        bool isEmpty() const { return begin >= end; }
    };

    // Scans the window [offset, offset + length) of the file; bytes past `fileBytes` are
    // the zero padding. Nothing (and *error) when the file cannot be read.
    // --blob-type detect: a virtual disk (.vhd, .vhdx), which Azure wants as a page blob.
    static bool isDiskImage(const QString &fileName);

    static std::optional<Span> nonZeroSpan(const QString &path, qint64 offset, qint64 fileBytes,
                                           qint64 length, QString *error);
};

} // namespace blobferry::transfer
