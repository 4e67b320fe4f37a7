// SPDX-License-Identifier: MIT
#pragma once

#include "Enumerator.h"
#include "PatternMatcher.h"

#include <QByteArray>
#include <QSet>
#include <sys/types.h>
#include <vector>

namespace blobferry::transfer {

// Walks a local directory (recursively or its top level only) in batches, in the order the
// Blob service lists the names it will have: each directory's entries sorted, a directory
// keyed as "name/". An upload then asks its DestinationIndex in the order the listing answers.
// Memory: the entries of the directories on the current path, never the whole tree.
//
// Regular files are taken. Symbolic links are not followed (AzCopy's rule) unless
// setFollowSymlinks(true) or the user named the link (setNamedFiles); FIFOs, sockets and
// devices are never read (a FIFO would hang). Each of these comes as an item with a
// skipReason, so it is reported rather than lost. When links are followed, a link back to a
// directory on the current path (found by device and inode) is a loop, reported the same way.
// Names that are not valid UTF-8, and subdirectories that cannot be read, come as items with
// a problem.
class LocalEnumerator final : public Enumerator
{
    Q_OBJECT
public:
    LocalEnumerator(const QString &root, const QStringList &patterns, bool recursive,
                    QObject *parent = nullptr);
    ~LocalEnumerator() override;
    // Both before the first fetchMore().
    void setFollowSymlinks(bool follow) { m_followLinks = follow; }
    // Relative paths the user named one by one: a link among them is taken as its target's
    // file even without setFollowSymlinks (as a file named on a command line is read).
    void setNamedFiles(const QStringList &names);
    void fetchMore() override;

    static constexpr int kBatchSize = 1000;

private:
    // What an entry is; everything from Link on is reported as skipped.
    enum class Kind : unsigned char
    {
        File,
        Directory,
        Link,            // not followed: to a file, or to something not a file
        LinkToDirectory, // not followed
        DanglingLink,
        LinkLoop, // the system gave up resolving it (ELOOP)
        UnreadableLink,
        Fifo,
        Socket,
        Device,
        Other,
    };
    struct Entry
    {
        QByteArray key; // the name's bytes, '/' appended for a directory: the sort key
        Kind kind = Kind::File;
        bool viaLink = false; // reached through a followed link
        bool undecodable = false;
        int error = 0; // UnreadableLink: why
        bool isDirectory() const { return kind == Kind::Directory; }
        QByteArray name() const { return isDirectory() ? key.chopped(1) : key; }
        QString text() const; // the name as shown, '/' appended for a directory
    };
    struct Frame
    {
        QByteArray path;   // absolute, as bytes
        QString localPath; // the same as text, ending in /
        QString relative;  // "" or "dir/sub/"
        std::vector<Entry> entries;
        size_t next = 0;
        int fd = -1;      // the directory, open while it is walked: files are looked at through it
        dev_t device = 0; // of the directory: a followed link back to it is a loop
        ino_t inode = 0;
    };

    // Reads and sorts the directory open as `fd` (taken over); false (with errno set) when it
    // cannot be read.
    bool push(int fd, const QByteArray &path, const QString &relative);
    // What one entry of a directory is; false when it is no part of the walk.
    bool classify(int dirFd, const char *name, unsigned char type, const QString &relative,
                  Entry *entry) const;
    void step(QList<SourceItem> *batch);
    void enter(const Frame &frame, const Entry &entry, QList<SourceItem> *batch);
    void addFile(const Frame &frame, const Entry &entry, QList<SourceItem> *batch);
    void addSkipped(const Frame &frame, const Entry &entry, QList<SourceItem> *batch);
    void pop();

    QByteArray m_rootPath;
    PatternMatcher m_matcher;
    bool m_recursive;
    bool m_followLinks = false;
    QSet<QString> m_named;
    bool m_started = false;
    std::vector<Frame> m_stack;
};

} // namespace blobferry::transfer
