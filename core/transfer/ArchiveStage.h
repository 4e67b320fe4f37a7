// SPDX-License-Identifier: MIT
#pragma once

#include "ArchiveRecord.h"

namespace blobferry::transfer {

class JobReport;
struct TransferSpec;

// --archive at both ends of a job: at the start, the last completed run's record (and a
// notice of what is copied); per item, whether it changed since; at the end of a run that
// copied everything it should, this run's record for the next one.
class ArchiveStage final
{
public:
    // Reads the record and says what this run copies.
    ArchiveStage(const TransferSpec &spec, JobReport *report);

    // True (and the item recorded as Skipped) when it did not change since the last run.
    bool unchanged(const SourceItem &item);
    // The run completed: the next /A run starts from when this one started.
    void save();

private:
    const TransferSpec &m_spec;
    JobReport *m_report;
    qint64 m_startedMs = 0; // before the record is read, as a run's start
    ArchiveRecord m_record;
};

} // namespace blobferry::transfer
