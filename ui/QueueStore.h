// SPDX-License-Identifier: MIT
#pragma once

#include "JobRecord.h"
#include "TransferQueueModel.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QVector>

namespace blobferry::ui {

// The queue file (JSON): the jobs with something left to do and their unfinished rows, so
// that unfinished transfers come back paused after a quit or a crash, and the history: the last
// kMaxFinishedRows finished rows (completed, skipped, failed) with when they ended and the
// places of their jobs. Written all or nothing (QSaveFile); a file that cannot be read as a
// queue is kept aside, never dropped. Files of older versions (no history) read as before.
class QueueStore final
{
public:
    struct Contents
    {
        QList<JobRecord> jobs;
        QVector<QueueRow> rows;
        QHash<int, JobPlaces> places; // of the jobs of finished rows
        // A damaged file was renamed to this (next to it); empty when none was.
        QString keptAside;
        // Why it was damaged, or why it could not be kept aside (then it stays in place).
        QString problem;
    };

    // Enough history to look back on, small enough to read at every start.
    static constexpr int kMaxFinishedRows = 10000;

    explicit QueueStore(QString path);
    const QString &path() const { return m_path; }

    // Writes jobs (with what their users answered to conflicts), every unfinished row and the last
    // kMaxFinishedRows finished ones, with the places of their jobs. False and *error when it could
    // not.
    bool save(const QList<JobRecord> &jobs, const QVector<QueueRow> &rows, QString *error,
              const QHash<int, JobPlaces> &places = {}) const;
    // What save() wrote: the jobs (Paused, or Finished), and the rows, unfinished ones Paused
    // (whatever was on its way waits for the user's resume), finished ones as they ended.
    // Unfinished rows of jobs it does not hold are left out, and finished rows of jobs whose
    // direction it does not know. No file: nothing. A file that is not a queue is renamed
    // "queue.json.damaged" (".damaged-2", … when that is taken) and nothing is read.
    Contents load() const;

private:
    QString keepAside(QString *problem) const;

    QString m_path;
};

} // namespace blobferry::ui
