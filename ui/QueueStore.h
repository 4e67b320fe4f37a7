// SPDX-License-Identifier: MIT
#pragma once

#include "JobRecord.h"
#include "TransferQueueModel.h"

#include <QList>
#include <QString>
#include <QVector>

namespace blobferry::ui {

// The queue file (JSON): the jobs with something left to do and their unfinished rows, so
// that unfinished transfers come back paused after a quit or a crash. Written all or nothing
// (QSaveFile); a file that cannot be read as a queue is kept aside, never dropped.
class QueueStore final
{
public:
    struct Contents
    {
        QList<JobRecord> jobs;
        QVector<QueueRow> rows;
        // A damaged file was renamed to this (next to it); empty when none was.
        QString keptAside;
        // Why it was damaged, or why it could not be kept aside (then it stays in place).
        QString problem;
    };

    explicit QueueStore(QString path);
    const QString &path() const { return m_path; }

    // Writes jobs and every row not in the Completed tab. False and *error when it could not.
    bool save(const QList<JobRecord> &jobs, const QVector<QueueRow> &rows, QString *error) const;
    // What save() wrote: the jobs (Paused, or Finished), and their rows, each Paused unless it
    // Failed (whatever was on its way waits for the user's resume). Rows of jobs it does not
    // hold are left out. No file: nothing. A file that is not a queue is renamed
    // "queue.json.damaged" (".damaged-2", … when that is taken) and nothing is read.
    Contents load() const;

private:
    QString keepAside(QString *problem) const;

    QString m_path;
};

} // namespace blobferry::ui
