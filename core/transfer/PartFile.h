// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QtGlobal>

namespace blobferry::transfer {

// Where a download's bytes gather before the rename into place: a file blobferry made, never
// one it found. A user's own "notes.bfpart" keeps its bytes: a fresh part file is created
// exclusively under the first free name of NAME.bfpart, then NAME.<random>.bfpart (all ending
// in .bfpart, which a mirror never deletes; random, so no other blob of the job lands there).
// An existing one is written into only when the restart journal names it as this job's, or
// when it carries blobferry's mark (an extended attribute set at creation: a part file an
// earlier run left when it was killed) and no running blobferry holds its lock.
// Before a part file is renamed into place or removed, its path must still lead to the file
// this run opened (device and inode): what took its place is never moved nor deleted.
class PartFile final
{
public:
    struct Identity
    {
        quint64 device = 0;
        quint64 inode = 0;
    };

    // The name with counter n beside localPath: 0 is "NAME.bfpart", n > 0 is
    // "NAME.<8 random hex digits>.bfpart"; shortened when NAME is close to the file system's
    // limit.
    static QString candidate(const QString &localPath, int counter = 0);

    // Creates a new, empty part file for localPath (or empties NAME.bfpart when a killed run
    // left it: blobferry's mark, no lock held); returns its descriptor and sets *path, or
    // returns -1 with *error.
    static int create(const QString &localPath, QString *path, QString *error);
    // Opens a part file an earlier run of this job made (truncated unless resuming). A link
    // or anything but a regular file is refused, and so is one another process holds.
    // Returns -1 with *error.
    static int openOwn(const QString &path, bool truncate, QString *error);
    // Gives up the lock before the descriptor closes: a background sync's duplicate of it
    // would otherwise keep the file locked, and a resume at once would find it "in use".
    static void release(int fd);
    // The open part file's identity, and whether path still leads to it (no link followed).
    static Identity identityOf(int fd);
    static bool stillAt(const QString &path, Identity identity);
    // Writes all of data at offset, going on after short writes (a file system filling up
    // writes part of a chunk first). Returns 0, or the errno of the write that failed.
    static int writeAt(int fd, const char *data, qint64 size, qint64 offset);
    // Removes a part file the journal names as this job's, once the user cancelled its
    // download: only a regular file that no running blobferry holds. False when it stays.
    static bool removeOwn(const QString &path);
    // The size of the regular file at path (no link followed), or -1.
    static qint64 regularFileSize(const QString &path);
    // Moves the part file `from` beside localPath under the first free candidate, replacing
    // nothing. Returns the new path (from itself when it already fits), empty on failure.
    static QString moveBeside(const QString &from, const QString &localPath);
};

} // namespace blobferry::transfer
