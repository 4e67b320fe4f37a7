// SPDX-License-Identifier: MIT
#pragma once

#include "JobResources.h"

#include <QObject>
#include <QSet>
#include <QStringList>

namespace blobferry::transfer {

class DeletionConfirmer;
class JobReport;
class MirrorCleaner;
struct TransferSpec;

// --mirror's end of a job. While the copies run, it collects the destination names the source
// planned; once every copy ended, a MirrorCleaner lists the destination, the user is asked
// (unless --yes) and the extra items are deleted. Nothing is deleted when a file failed.
//
// clang-format off
//
//   keep()… ─► start ─(a file failed)──────────────────────────────► finished
//                └─► listing ─► found ─(asked: yes, or --yes)─► deleting ─► finished
//                                  └─(none, dry run, no)──────────────────► finished
//
// clang-format on
class MirrorStage final : public QObject
{
    Q_OBJECT
public:
    MirrorStage(const TransferSpec &spec, JobReport *report, QObject *parent = nullptr);

    // A destination name the source planned: a blob name (upload, copy) or a relative path.
    void keep(const QString &name) { m_keep.insert(name); }
    // Every name under "dir/" (a link to a directory the upload did not follow).
    void keepUnder(const QString &directory) { m_keepUnder.append(directory); }

    // Every copy ended, and none was cancelled. The job's resources (its destination's blobs,
    // its requester) must outlive the stage. confirmer: may be null (then only --yes deletes).
    void start(const JobResources &resources, DeletionConfirmer *confirmer);
    bool started() const { return m_started; }
    // Cancelled: nothing more is deleted (one in flight ends as it will); finished() follows.
    void stop();

Q_SIGNALS:
    // A destination item the source lacks was deleted (in a dry run: would be); error: why not.
    void deleted(const QString &name, const QString &error);
    // The job may end; fatalError: the mirror could not list the destination.
    void finished(const QString &fatalError);

private:
    void onExtrasFound(const QStringList &names);
    void keepAll(qsizetype count);

    const TransferSpec &m_spec;
    JobReport *m_report;
    QSet<QString> m_keep;
    QStringList m_keepUnder;
    const azure::BlobRequests *m_blobs = nullptr;
    DeletionConfirmer *m_confirmer = nullptr;
    MirrorCleaner *m_cleaner = nullptr;
    bool m_started = false;
    bool m_stopped = false;
};

} // namespace blobferry::transfer
