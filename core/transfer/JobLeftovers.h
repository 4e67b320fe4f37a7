// SPDX-License-Identifier: MIT
#pragma once

#include "journal/Journal.h"

#include <QString>
#include <QStringList>

namespace blobferry::transfer {

// What a restart journal keeps alive after its job is given up: the journal itself and the
// part files of downloads it names. For the desktop's Cancel on a paused job, and for the
// journals no queued job refers to any more (a crash between a job's end and the queue's save,
// an older version's leftovers). Nothing is removed that the journal does not name as its job's,
// nor a journal another running blobferry holds.
class JobLeftovers final
{
public:
    // Where the journal's record of a download of localFile puts its part file: beside it.
    // Empty when it has none (done, or not a download to a local path).
    static QString partPath(const QString &localFile, const journal::Journal::FileState &state);
    // Removes the part files the journal at journalPath names for `names` (the file names
    // relative to the job's local destination, as the journal writes them).
    static int discardFiles(const QString &journalPath, const QStringList &names);
    // Removes every part file the journal names, then the journal. False when it stays (it is
    // not a journal, or another process holds it).
    static bool discardJob(const QString &journalPath);
    // discardJob() for each "job-*.journal" in `directory` not in `keep`; the paths removed.
    static QStringList sweep(const QString &directory, const QStringList &keep);
};

} // namespace blobferry::transfer
