// SPDX-License-Identifier: MIT
#include "ArchiveStage.h"

#include "JobReport.h"
#include "NameManifest.h"

#include <QDateTime>

namespace blobferry::transfer {

namespace {

ArchiveRecord loadRecord(const TransferSpec &spec, JobReport *report)
{
    QString error;
    ArchiveRecord record = ArchiveRecord::load(spec, &error);
    if (!error.isEmpty())
        report->say(QStringLiteral("Warning: ") + error);
    return record;
}

} // namespace

ArchiveStage::ArchiveStage(const TransferSpec &spec, JobReport *report)
    : m_spec(spec)
    , m_report(report)
    , m_startedMs(QDateTime::currentMSecsSinceEpoch())
    , m_record(loadRecord(spec, report))
{
    if (const auto last = m_record.lastRunMs())
        m_report->say(
            QStringLiteral("Archive: copying what changed since %1 (the last completed "
                           "run, recorded in %2)")
                .arg(QDateTime::fromMSecsSinceEpoch(*last).toLocalTime().toString(Qt::ISODate),
                     m_record.path()));
    else
        m_report->say(QStringLiteral("Archive: no completed run of this job is recorded yet; "
                                     "copying everything"));
}

bool ArchiveStage::unchanged(const SourceItem &item)
{
    // The names manifest of an upload's tree is no file of it (the upload drops it).
    if (!m_spec.source.isBlob() && item.relativeName == NameManifest::fileName())
        return false;
    if (!item.problem.isEmpty() || m_record.changedSince(item))
        return false;
    m_report->record({item.relativeName, TransferState::Skipped,
                      QStringLiteral("unchanged since the last completed run (--archive)"), 0});
    return true;
}

void ArchiveStage::save()
{
    QString error;
    if (!m_record.save(m_startedMs, &error))
        m_report->say(QStringLiteral("Warning: ") + error +
                      QStringLiteral("; the next --archive run copies everything again"));
}

} // namespace blobferry::transfer
