// SPDX-License-Identifier: MIT
#pragma once

#include "Enumerator.h"
#include "PatternMatcher.h"

#include <QByteArray>
#include <vector>

namespace blobferry::transfer {

// Walks a local directory (recursively or its top level only) in batches, in the order the
// Blob service lists the names it will have: each directory's entries sorted, a directory
// keyed as "name/". An upload then asks its DestinationIndex in the order the listing answers.
// Memory: the entries of the directories on the current path, never the whole tree.
//
// Regular files and symbolic links to them are taken (the link's target is read); links to
// directories are not followed; sockets, FIFOs and devices are left out (reading a FIFO would
// hang). Names that are not valid UTF-8, and subdirectories that cannot be read, come as items
// with a problem, so they are reported rather than lost.
class LocalEnumerator final : public Enumerator
{
    Q_OBJECT
public:
    LocalEnumerator(const QString &root, const QStringList &patterns, bool recursive,
                    QObject *parent = nullptr);
    void fetchMore() override;

    static constexpr int kBatchSize = 1000;

private:
    struct Entry
    {
        QByteArray key; // the name's bytes, '/' appended for a directory: the sort key
        bool isDirectory = false;
        bool undecodable = false;
        QByteArray name() const { return isDirectory ? key.chopped(1) : key; }
        QString text() const; // the name as shown, '/' appended for a directory
    };
    struct Frame
    {
        QByteArray path;   // absolute, as bytes
        QString localPath; // the same as text, ending in /
        QString relative;  // "" or "dir/sub/"
        std::vector<Entry> entries;
        size_t next = 0;
        int fd = -1; // the directory, open while it is walked: files are looked at through it
    };

    // Reads and sorts one directory; false (with errno set) when it cannot be opened.
    bool push(const QByteArray &path, const QString &relative);
    void step(QList<SourceItem> *batch);
    void addFile(const Frame &frame, const Entry &entry, QList<SourceItem> *batch);
    void pop();

    QByteArray m_rootPath;
    PatternMatcher m_matcher;
    bool m_recursive;
    bool m_started = false;
    std::vector<Frame> m_stack;

public:
    ~LocalEnumerator() override;
};

} // namespace blobferry::transfer
