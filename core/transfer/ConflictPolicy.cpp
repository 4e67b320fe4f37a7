// SPDX-License-Identifier: MIT
#include "ConflictPolicy.h"

namespace blobferry::transfer {

ConflictPolicy::ConflictPolicy(const TransferSpec &spec)
    : m_rule(spec.overwrite)
    , m_excludeOlder(spec.excludeOlder)
    , m_excludeNewer(spec.excludeNewer)
    , m_dryRun(spec.dryRun)
    , m_skewMs(spec.clockSkewMs)
{}

OverwritePolicy ConflictPolicy::rule() const
{
    if (!m_standing)
        return m_rule;
    switch (*m_standing) {
    case ConflictAnswer::All:
        return OverwritePolicy::Always;
    case ConflictAnswer::None:
        return OverwritePolicy::Never;
    case ConflictAnswer::KeepBothAll:
        return OverwritePolicy::KeepBoth;
    default: // IfNewerAll: setStandingAnswer() keeps no other
        return OverwritePolicy::IfNewer;
    }
}

bool ConflictPolicy::setStandingAnswer(ConflictAnswer answer)
{
    switch (answer) {
    case ConflictAnswer::All:
    case ConflictAnswer::None:
    case ConflictAnswer::KeepBothAll:
    case ConflictAnswer::IfNewerAll:
        m_standing = answer;
        return true;
    default:
        return false;
    }
}

bool ConflictPolicy::looksAtDestination() const
{
    // A dry run and the time rules need to know what is there; /Y alone overwrites it anyway.
    return m_dryRun || rule() != OverwritePolicy::Always || m_excludeOlder || m_excludeNewer;
}

bool ConflictPolicy::isNewer(const QDateTime &source, const QDateTime &destination) const
{
    return source.isValid() && destination.isValid() && destination.msecsTo(source) > m_skewMs;
}

ConflictPolicy::Decision ConflictPolicy::decide(const Side &source, const Side &destination) const
{
    if (!destination.exists)
        return Decision::Copy;
    if (destination.incomplete)
        return Decision::Overwrite;
    const OverwritePolicy rule = this->rule();
    const bool timeRule = m_excludeOlder || m_excludeNewer;
    // /Y alone overwrites without looking: no MD5 is read for it.
    if (rule == OverwritePolicy::Always && !timeRule)
        return Decision::Overwrite;
    if (source.size == destination.size && source.md5 && destination.md5) {
        const QByteArray theirs = destination.md5();
        if (!theirs.isEmpty() && source.md5() == theirs)
            return Decision::SkipIdentical;
    }
    if (m_excludeOlder && m_excludeNewer)
        return Decision::SkipExisting; // copy only what the destination does not have yet
    if (timeRule && source.modified.isValid() && destination.modified.isValid()) {
        const qint64 difference = destination.modified.msecsTo(source.modified); // > 0: newer
        if (m_excludeOlder && difference < -m_skewMs)
            return Decision::SkipOlder;
        if (m_excludeNewer && difference > m_skewMs)
            return Decision::SkipNewer;
        // Within the tolerance the two clocks cannot tell them apart: not worth a copy.
        if (std::abs(difference) <= m_skewMs)
            return m_excludeOlder ? Decision::SkipOlder : Decision::SkipNewer;
        return Decision::Overwrite;
    }
    switch (rule) {
    case OverwritePolicy::Always:
        return Decision::Overwrite;
    case OverwritePolicy::Never:
        return Decision::SkipExisting;
    case OverwritePolicy::KeepBoth:
        return Decision::KeepBoth;
    case OverwritePolicy::IfNewer:
        return isNewer(source.modified, destination.modified) ? Decision::Overwrite
                                                              : Decision::SkipNotNewer;
    case OverwritePolicy::Ask:
        break;
    }
    return Decision::Ask;
}

ConflictPolicy::Decision ConflictPolicy::decide(ConflictAnswer answer,
                                                const Conflict &conflict) const
{
    switch (answer) {
    case ConflictAnswer::Yes:
    case ConflictAnswer::All:
        return Decision::Overwrite;
    case ConflictAnswer::KeepBoth:
    case ConflictAnswer::KeepBothAll:
        return Decision::KeepBoth;
    case ConflictAnswer::IfNewer:
    case ConflictAnswer::IfNewerAll:
        return isNewer(conflict.sourceModified, conflict.destinationModified)
                   ? Decision::Overwrite
                   : Decision::SkipNotNewer;
    case ConflictAnswer::No:
    case ConflictAnswer::None:
    case ConflictAnswer::Cancel:
        break;
    }
    return Decision::SkipDeclined;
}

bool ConflictPolicy::isSkip(Decision decision)
{
    switch (decision) {
    case Decision::SkipIdentical:
    case Decision::SkipOlder:
    case Decision::SkipNewer:
    case Decision::SkipExisting:
    case Decision::SkipDeclined:
    case Decision::SkipNotNewer:
        return true;
    default:
        return false;
    }
}

QString ConflictPolicy::reason(Decision decision)
{
    switch (decision) {
    case Decision::SkipIdentical:
        return QStringLiteral("identical: same size and MD5");
    case Decision::SkipOlder:
        return QStringLiteral("the source is not newer than the destination (/XO)");
    case Decision::SkipNewer:
        return QStringLiteral("the source is not older than the destination (/XN)");
    case Decision::SkipExisting:
        return QStringLiteral("the destination exists");
    case Decision::SkipDeclined:
        return QStringLiteral("the destination exists and was not overwritten");
    case Decision::SkipNotNewer:
        return QStringLiteral("the source is not newer than the destination (overwrite if "
                              "newer)");
    default:
        return {};
    }
}

} // namespace blobferry::transfer
