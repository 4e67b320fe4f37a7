// SPDX-License-Identifier: MIT
#pragma once

#include "SourceItem.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace blobferry::transfer {

struct TransferSpec;

// --archive (/A). The original copied only files with Windows' archive attribute set (and
// left the attribute alone). Other systems have no such bit, so blobferry keeps, per job
// (source, destination, patterns, /S), when the last run that completed without a failure
// started; /A then copies only what changed since then:
//   a local file whose modification or status-change time is later (ctime catches files
//   moved or restored into the tree with an old mtime),
//   a blob whose Last-Modified is later, less the --clock-skew (the service's clock).
// The record lives in $XDG_STATE_HOME/blobferry/archive/<job>.json (default
// ~/.local/state); a first run, or one whose record is missing, copies everything.
class ArchiveRecord final
{
public:
    // Reads the job's record (none yet is not an error). *error: a record that cannot be read.
    static ArchiveRecord load(const TransferSpec &spec, QString *error);
    static QString directory();

    // When the last completed run started, if there was one.
    std::optional<qint64> lastRunMs() const { return m_lastRunMs; }
    // Whether the item changed since the last completed run (true without one).
    bool changedSince(const SourceItem &item) const;
    // A run that started at `startedMs` completed: the next /A run starts from it.
    bool save(qint64 startedMs, QString *error) const;

    QString path() const { return m_path; }

private:
    QString m_path;
    QString m_job; // the job's description, kept in the record for people reading it
    std::optional<qint64> m_lastRunMs;
    qint64 m_skewMs = 0;
    bool m_blobSource = false;
};

} // namespace blobferry::transfer
