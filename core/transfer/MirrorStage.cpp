// SPDX-License-Identifier: MIT
#include "MirrorStage.h"

#include "DeletionConfirmer.h"
#include "JobReport.h"
#include "MirrorCleaner.h"

namespace blobferry::transfer {

MirrorStage::MirrorStage(const TransferSpec &spec, JobReport *report, QObject *parent)
    : QObject(parent)
    , m_spec(spec)
    , m_report(report)
{}

void MirrorStage::start(const JobResources &resources, DeletionConfirmer *confirmer)
{
    m_started = true;
    TransferSummary &summary = m_report->summary();
    if (summary.failed > 0) {
        // Deleting while a copy is missing could leave the destination with neither version.
        m_report->say(QStringLiteral("Mirror: nothing was deleted from the destination because "
                                     "%1 file(s) failed; run the copy again")
                          .arg(summary.failed));
        Q_EMIT finished({});
        return;
    }
    // The destination's blobs; a download's destination is local.
    if (resources.direction != JobResources::Direction::Download)
        m_blobs = resources.blobs.get();
    m_confirmer = confirmer;
    m_cleaner = new MirrorCleaner(m_spec, m_blobs, resources.requester, std::move(m_keep), this);
    m_cleaner->keepUnder(m_keepUnder);
    m_keep.clear();
    connect(m_cleaner, &MirrorCleaner::found, this, &MirrorStage::onExtrasFound);
    connect(m_cleaner, &MirrorCleaner::failed, this, [this](const QString &error) {
        // A dry run does not create the container: nothing there means nothing to delete.
        if (m_spec.dryRun && error.contains(QLatin1String("ContainerNotFound"))) {
            onExtrasFound({});
            return;
        }
        Q_EMIT finished(QStringLiteral("every file was copied, but the mirror could not list the "
                                       "destination: ") +
                        error);
    });
    connect(m_cleaner, &MirrorCleaner::deleted, this,
            [this](const QString &name, const QString &error) {
                TransferSummary &summary = m_report->summary();
                if (error.isEmpty())
                    ++summary.mirrorDeleted;
                else
                    ++summary.mirrorFailed;
                m_report->flush();
                Q_EMIT deleted(name, error);
            });
    connect(m_cleaner, &MirrorCleaner::done, this, [this] { Q_EMIT finished({}); });
    m_cleaner->find();
}

void MirrorStage::stop()
{
    m_stopped = true;
    if (m_cleaner)
        m_cleaner->stop(); // its done() finishes the job
}

void MirrorStage::onExtrasFound(const QStringList &names)
{
    if (m_stopped) { // the listing came back after a cancel: nothing is deleted
        Q_EMIT finished({});
        return;
    }
    TransferSummary &summary = m_report->summary();
    summary.mirrorDeleted = 0;
    if (names.isEmpty() || m_spec.dryRun) {
        m_report->flush();
        for (const QString &name : names)
            Q_EMIT deleted(name, {});
        summary.mirrorDeleted = int(names.size());
        Q_EMIT finished({});
        return;
    }
    if (m_spec.deleteWithoutAsking) {
        m_cleaner->remove();
        return;
    }
    if (!m_confirmer) {
        keepAll(names.size());
        return;
    }
    const QString where = m_spec.destination.isBlob() ? m_blobs->location().withSas({}).display()
                                                      : m_spec.destination.localPath;
    m_confirmer->confirmDeletion(int(names.size()), where, m_spec.destination.isBlob(),
                                 [this, count = names.size()](bool yes) {
                                     if (m_stopped) // cancelled while the question was open
                                         Q_EMIT finished({});
                                     else if (yes)
                                         m_cleaner->remove();
                                     else
                                         keepAll(count);
                                 });
}

void MirrorStage::keepAll(qsizetype count)
{
    m_report->say(QStringLiteral("Mirror: kept the %1 destination item(s) the source no "
                                 "longer has")
                      .arg(count));
    m_report->summary().mirrorDeleted = -1;
    Q_EMIT finished({});
}

} // namespace blobferry::transfer
