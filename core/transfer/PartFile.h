// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace blobferry::transfer {

// Where a download's bytes gather before the rename into place: a file blobferry made, never
// one it found. A user's own "notes.bfpart" keeps its bytes: a fresh part file is created
// exclusively under the first free name of NAME.bfpart, NAME.1.bfpart, NAME.2.bfpart… (all
// ending in .bfpart, which a mirror never deletes), and an existing one is written into only
// when the restart journal names it as this job's.
class PartFile final
{
public:
    // The name with counter n beside localPath: 0 is "NAME.bfpart", n is "NAME.n.bfpart";
    // shortened when NAME is close to the file system's limit.
    static QString candidate(const QString &localPath, int counter = 0);

    // Creates a new, empty part file for localPath; returns its descriptor and sets *path, or
    // returns -1 with *error.
    static int create(const QString &localPath, QString *path, QString *error);
    // Opens a part file an earlier run of this job made (truncated unless resuming). A link
    // or anything but a regular file is refused. Returns -1 with *error.
    static int openOwn(const QString &path, bool truncate, QString *error);
    // Writes all of data at offset, going on after short writes (a file system filling up
    // writes part of a chunk first). Returns 0, or the errno of the write that failed.
    static int writeAt(int fd, const char *data, qint64 size, qint64 offset);
    // The size of the regular file at path (no link followed), or -1.
    static qint64 regularFileSize(const QString &path);
    // Moves the part file `from` beside localPath under the first free candidate, replacing
    // nothing. Returns the new path (from itself when it already fits), empty on failure.
    static QString moveBeside(const QString &from, const QString &localPath);
};

} // namespace blobferry::transfer
