// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

namespace blobferry::transfer {

// What the destination file system can hold.
struct NameRules
{
    // Windows, FAT, exFAT, NTFS, SMB: < > : " | ? * \ and control characters, the device
    // names (CON, NUL, COM1…) and trailing dots or spaces are impossible there.
    bool windowsNames = false;
    // Only on Windows itself is '\' a separator; on Linux it is a plain character (or, on a
    // Windows-like mount, an impossible one).
    bool backslashSeparates = false;
};

// Turns one blob name (relative to the source directory) into a relative local path made only
// of plain names: no empty, "." or ".." segment, no character the target cannot hold, no
// segment longer than the file system allows. Pure: it knows nothing of other names or of the
// disk; LocalNamePlanner makes the results unique.
//
// A character that must go is written as a code: '%' and the hex of its UTF-8 bytes ("a:b" →
// "a%3Ab"), the same code a URL would use. Whole segments "." and ".." become "dot" and
// "dotdot", as in the original AzCopy.
class NameMapper final
{
public:
    static constexpr int kMaxSegmentBytes = 255; // NAME_MAX of ext4, xfs, btrfs…

    struct Result
    {
        QStringList segments;        // the translated segments, each a plain name
        QString relativePath;        // segments joined with '/'; empty for the root itself
        bool isDirectory = false;    // a zero-length folder marker: create the directory
        bool renamed = false;        // relativePath differs from the blob name
        bool invalidUnicode = false; // the name held U+FFFD or a lone surrogate
    };

    explicit NameMapper(NameRules rules = {});

    // `size` matters only for a name ending in '/': a zero-length one is a folder marker, a
    // longer one keeps its bytes in a file whose name ends in "%2F".
    Result toLocal(const QString &blobName, qint64 size = 1) const;
    QString translateSegment(const QString &segment, bool *invalidUnicode = nullptr) const;

    const NameRules &rules() const { return m_rules; }

    // A local relative path as a blob name: native separators become '/', case is kept.
    static QString toBlobName(const QString &relativePath);
    // True when every segment of a '/'-separated relative path is a plain name.
    static bool staysInside(const QString &relativePath);
    // U+FFFD stands for bytes the service could not decode; a lone surrogate is no character.
    static bool isValidUnicode(const QString &text);
    // Shortens a segment to maxBytes of UTF-8, keeping its extension and adding a short hash
    // of the whole so two long names sharing a beginning stay apart.
    static QString shortened(const QString &segment, int maxBytes = kMaxSegmentBytes);
    // "car.docx", 1 → "car(1).docx"; ".profile", 2 → ".profile(2)"; kept within the limit.
    static QString withCounter(const QString &segment, int counter,
                               int maxBytes = kMaxSegmentBytes);

private:
    NameRules m_rules;
};

} // namespace blobferry::transfer
