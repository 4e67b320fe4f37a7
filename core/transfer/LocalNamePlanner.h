// SPDX-License-Identifier: MIT
#pragma once

#include "NameManifest.h"
#include "NameMapper.h"

#include <QDir>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <deque>

namespace blobferry::transfer {

// The names of one download job: gives every blob a local path that no other blob of the job
// has, that no file or link already in the destination makes unsafe, and that stays inside the
// destination root. NameMapper translates one name; this class makes the results unique:
//
//   - two blobs that translate to one path (or differ only in case on a case-insensitive
//     destination): the later gets "(n)" before the extension, car(1).docx;
//   - a blob "a" and blobs under "a/": the directory wins the name and the file becomes a(1),
//     in either order. When "a" comes first (List Blobs sorts it before "a/b") its file is
//     already written or still downloading: the planner moves it on disk, or reports a
//     Relocation so the engine redirects the transfer, which renames its part file to the new
//     name when it completes;
//   - a path through a symbolic link in the destination is refused, never followed;
//   - files already in the destination are never moved; a name of this job's "(n)" series
//     never lands on someone else's file.
//
// Everything runs in the engine's thread; the planner keeps one entry per path of the job,
// except in an ordered listing (setOrderedListing), where it forgets a directory's entries once
// the listing has left that directory for good, and, inside the directory it is listing, the
// names the listing has passed (a flat folder of a million blobs holds only the names in flight).
class LocalNamePlanner final
{
public:
    // A file planned earlier had to give its name to a directory.
    struct Relocation
    {
        int ticket = -1;
        QString blobName;
        QString from;
        QString to;
        bool firstRename = false; // the file kept its blob name until now
    };

    struct Plan
    {
        int ticket = -1;      // a file: pass to written() / abandoned()
        QString relativePath; // unique, '/'-separated; empty for the root itself
        bool isDirectory = false;
        bool renamed = false;
        bool invalidUnicode = false;
        QString error; // set: write nothing for this blob, fail it with this reason
        QList<Relocation> relocations;
    };

    // previous: the manifest an earlier download left here; its names are kept for the same
    // blobs so a second download of the same container lands on the same files.
    LocalNamePlanner(const QString &root, NameMapper mapper, bool caseInsensitive,
                     NameManifest previous = {});

    // The blobs come in name order, as one List Blobs listing gives them (one prefix), and the
    // destination tells case apart and takes every name (no Windows rules). Then all names of
    // a directory come together, and once the listing has moved past a directory no later
    // blob can land in it, if no name of that directory could also be the translation of
    // another blob's name ("dot", %-codes, "(n)", shortened names): those directories are kept.
    // The planner then drops the entries of left directories, so its memory follows the
    // directories open at a time, not the blob count. Inside an open directory it drops a name
    // once the listing has passed every name that could still claim it (see passableName()). A blob
    // that comes out of order into a directory already left is refused with an error (never given a
    // name that may be taken).
    void setOrderedListing(bool ordered);

    // blobName is relative to the source directory, as it will be restored on upload.
    Plan plan(const QString &blobName, qint64 size);
    // The file of this ticket is complete at its path (relocations may still move it).
    void written(int ticket);
    // It failed, was skipped or cancelled: nothing of it is ours on disk.
    void abandoned(int ticket);

    QString pathOf(int ticket) const { return m_tickets.value(ticket).path; }
    // The destination root joined with a planned relative path.
    QString absolutePath(const QString &relativePath) const;
    bool isCaseInsensitive() const { return m_caseInsensitive; }
    // The earlier manifest brought up to date with what this job wrote.
    NameManifest manifest() const;
    // Something the manifest records changed since the last markSaved().
    bool manifestChanged() const { return m_dirty; }
    void markSaved() { m_dirty = false; }
    // Paths and tickets held: what the planner's memory grows with.
    qsizetype heldNames() const { return m_nodes.size() + m_tickets.size(); }

private:
    enum class Kind
    {
        Directory,
        File,
        Reserved // a part file of a planned file, the manifest
    };
    struct Node
    {
        Kind kind = Kind::Reserved;
        QString path;
        int ticket = -1;
    };
    enum class State
    {
        InFlight,
        Written,
        Abandoned
    };
    struct Ticket
    {
        QString blobName;
        QString path;
        State state = State::InFlight;
        bool renamed = false;
    };
    enum class DiskEntry
    {
        Absent,
        Directory,
        File,
        SymLink,
        Other
    };

    // wholePath: the translated path of the blob, for the message about a link on the way.
    QString claimDirectory(const QString &parent, const QString &segment, const QString &wholePath,
                           Plan *plan);
    // Plan set: a link at the path is an error; null (relocating): the name is just skipped.
    QString claimFile(const QString &parent, const QString &segment, const QString &blobName,
                      int firstCounter, Plan *plan);
    bool moveAside(const QString &key, Plan *plan);
    QString key(const QString &path) const;
    DiskEntry diskEntry(const QString &path) const;
    bool sameCaseOnDisk(const QString &path);
    // passable: an ordered listing forgets the entry once it has passed the name (a file's part
    // file goes with its file).
    void reserve(const QString &path, Kind kind, bool passable = false);
    // Ordered listing: the directories of the next blob are these; the others are left.
    // listedThere: the blob's name has no empty segment, so it sorts among their names.
    void enterDirectories(const QStringList &segments, int count, bool listedThere);
    void release(const QList<QString> &keys);
    // Ordered listing: drops the passable entries of open directory `level` that sort before
    // `position`, the segment the listing is at there.
    void forgetPassed(qsizetype level, QStringView position);
    // The node at key, the part file of a file (withPartFile), and the ticket if no manifest
    // needs it.
    void forget(const QString &key, bool withPartFile = true);

    QString m_root; // absolute and clean
    NameMapper m_mapper;
    bool m_caseInsensitive;
    NameManifest m_previous;
    QHash<QString, Node> m_nodes; // key(path) -> what holds it
    QHash<int, Ticket> m_tickets;
    QHash<QString, QStringList> m_folderMarkers; // directory -> marker blob names
    QHash<QString, QSet<QString>> m_listings;    // directory -> names on disk (case checks)
    int m_nextTicket = 0;
    bool m_dirty = false;

    // Ordered listing: the directories the last blob was in, root first, each with the keys of
    // m_nodes it holds; releasable when none of its names could be another blob's translation.
    struct OpenDirectory
    {
        QString segment;
        QString path;
        bool releasable = false;
        QList<QString> keys;
        // Files and directories claimed under their own blob name, in listing order: forgotten
        // as the listing passes them (the root's too, though it is never left).
        std::deque<QString> passable;
        QString passedUpTo; // the last of them forgotten: a blob listed before it is refused
    };
    bool m_ordered = false;
    // The blob being planned is listed where its path says (no translation): what it claims
    // under its own name may be passable.
    bool m_claimInOrder = false;
    QList<OpenDirectory> m_open;
    QSet<QString> m_left; // released directories: a blob there came out of order
};

} // namespace blobferry::transfer
