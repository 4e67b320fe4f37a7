// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace blobferry::transfer {

// Every file is in exactly one of these; the last four are final.
enum class TransferState
{
    Queued,
    Active,
    Paused,
    Completed,
    Skipped,
    Failed,
    Cancelled
};

QString stateName(TransferState state);

// What happened to one file, reported once when it reaches a final state.
struct FileOutcome
{
    QString name; // relative to the source: what the user sees in "Finished Transfer: name"
    TransferState state = TransferState::Queued;
    QString reason; // why it did not complete; empty when it did
    qint64 bytes = 0;
    bool overwrote = false; // the destination existed and was (or, in a dry run, would be) replaced
    bool sourceRemoved = false; // --move: the source was deleted after the copy
    // A link or special file of a local source, skipped: front ends show it even when they
    // show no other skip, since the user may not know the source holds one.
    bool specialFile = false;
};

// A coalesced view of the whole job, sent a few times a second.
struct ProgressSnapshot
{
    qint64 bytesDone = 0;
    qint64 bytesKnown = 0; // total of the files seen so far
    int filesDone = 0;
    int filesSeen = 0;
    bool enumerationDone = false;
};

// A file the enumeration found and queued (for front ends that list every file).
struct QueuedFile
{
    QString name; // as in FileOutcome::name
    qint64 size = 0;
};

// How far one active file got; sent with each progress snapshot.
struct FileProgress
{
    QString name;
    qint64 bytesDone = 0;
};

struct TransferSummary
{
    int succeeded = 0;
    int failed = 0;
    int skipped = 0;
    // Files the user cancelled (the desktop's Cancel, or a stop): neither copied nor failed.
    int cancelled = 0;
    // Files paused one by one (TransferEngine::pauseFile) and not resumed when the job ended:
    // neither copied nor cancelled; the journal stays for them.
    int paused = 0;
    int renamed = 0; // files whose destination name differs from their source name
    qint64 bytes = 0;
    qint64 elapsedMs = 0;
    QString fatalError;  // the job could not run at all (bad destination, unreachable service…)
    bool dryRun = false; // nothing was changed; "succeeded" counts files that would be copied
    // --mirror: destination items deleted (in a dry run: that would be) because the source
    // lacks them; -1 when the job was no mirror or it did not get as far as deleting.
    int mirrorDeleted = -1;
    int mirrorFailed = 0; // deletions that failed (the job then exits as partly failed)
    // Patterns the job was given that matched no source item (a typo, most likely).
    QStringList unmatchedPatterns;
    // Named source items (the window's selection) the listing did not find: gone since they
    // were chosen. Not copied, so said, never dropped in silence.
    QStringList missingNames;

    int transferred() const { return succeeded + failed + cancelled; }
    bool ok() const
    {
        return failed == 0 && cancelled == 0 && fatalError.isEmpty() &&
               unmatchedPatterns.isEmpty() && missingNames.isEmpty();
    }
};

} // namespace blobferry::transfer

Q_DECLARE_METATYPE(blobferry::transfer::FileOutcome)
Q_DECLARE_METATYPE(blobferry::transfer::ProgressSnapshot)
Q_DECLARE_METATYPE(blobferry::transfer::TransferSummary)
Q_DECLARE_METATYPE(blobferry::transfer::QueuedFile)
Q_DECLARE_METATYPE(blobferry::transfer::FileProgress)
