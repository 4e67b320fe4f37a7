// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace blobferry::transfer {

// Local names that are not valid UTF-8 cannot be blob names, and Qt's directory iterators
// silently leave them out. This reads a directory's raw entries to find them, so the upload
// can report each one instead of losing it without a word.
class UndecodableNames final
{
public:
    struct Entry
    {
        QByteArray name; // the raw bytes of the name
        bool isDirectory = false;
    };

    // Regular files and directories of `directory` whose names are not valid UTF-8.
    static QList<Entry> in(const QString &directory);
    static bool isValidUtf8(const QByteArray &bytes);
    // The name with every byte that is not part of valid UTF-8 written as \xNN.
    static QString display(const QByteArray &name);
};

} // namespace blobferry::transfer
