// SPDX-License-Identifier: MIT
#pragma once

#include "ConflictResolver.h"
#include "TransferSpec.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <functional>
#include <optional>

namespace blobferry::transfer {

// Decides what to do when a file's destination may already exist: the original's /Y, /XO and
// /XN with a clock-skew tolerance (its known issue), the rule it lacked: identical files (same
// size, same MD5) are skipped and never asked about, and the desktop's keep both and overwrite
// if newer. The job's rule comes from TransferSpec::overwrite; an answer "for all" the user
// gives mid-job (All, None, KeepBothAll, IfNewerAll) is the standing answer and takes the
// rule's place for the rest of the job. One per job, held by its ConflictQueue: transfers
// consult it, only the queue changes it.
class ConflictPolicy final
{
public:
    struct Side
    {
        bool exists = false;
        qint64 size = -1;
        QDateTime modified;
        // The base64 MD5, computed only when it decides something (sizes equal and the other
        // side's is known). Returns empty when unknown.
        std::function<QByteArray()> md5;
        bool incomplete = false; // a page blob whose upload never finished: always replaced
        QByteArray knownMd5;     // a blob's stored Content-MD5, for showing; empty: unknown
    };

    enum class Decision
    {
        Copy,          // the destination does not exist
        Overwrite,     // it exists and is replaced
        Ask,           // it exists: ask the resolver
        KeepBoth,      // it exists: copy under a free "name(n)" instead
        SkipIdentical, // same size and MD5
        SkipOlder,     // /XO: the source is older
        SkipNewer,     // /XN: the source is newer
        SkipExisting,  // /XO with /XN, or "never overwrite"
        SkipDeclined,  // the user answered no
        SkipNotNewer,  // "overwrite if newer": the source is not newer
    };

    explicit ConflictPolicy(const TransferSpec &spec);

    Decision decide(const Side &source, const Side &destination) const;
    // What the user's answer to `conflict` means for its file (Cancel is the queue's, not a
    // decision: it reads as SkipDeclined here).
    Decision decide(ConflictAnswer answer, const Conflict &conflict) const;
    // The rule "/Y alone, so don't look": false only when every existing destination is
    // replaced unseen (/Y, or the answer All, without /XO, /XN or a dry run).
    bool looksAtDestination() const;

    // Records an answer "for all" (All, None, KeepBothAll, IfNewerAll) as the standing
    // answer and returns true; any other answer changes nothing and returns false.
    bool setStandingAnswer(ConflictAnswer answer);
    std::optional<ConflictAnswer> standingAnswer() const { return m_standing; }
    // The rule in force: the standing answer's, else the job's.
    OverwritePolicy rule() const;

    // Why a file was skipped, for the per-file line and the log.
    static QString reason(Decision decision);
    static bool isSkip(Decision decision);

private:
    // Newer beyond the clock skew; without both times nothing says it is newer.
    bool isNewer(const QDateTime &source, const QDateTime &destination) const;

    OverwritePolicy m_rule;
    std::optional<ConflictAnswer> m_standing;
    bool m_excludeOlder;
    bool m_excludeNewer;
    bool m_dryRun;
    qint64 m_skewMs;
};

} // namespace blobferry::transfer
