// SPDX-License-Identifier: MIT
#include "ConflictPolicy.h"

namespace blobferry::transfer {

ConflictPolicy::ConflictPolicy(const TransferSpec &spec)
    : m_overwrite(spec.overwrite)
    , m_excludeOlder(spec.excludeOlder)
    , m_excludeNewer(spec.excludeNewer)
    , m_skewMs(spec.clockSkewMs)
{}

ConflictPolicy::Decision ConflictPolicy::decide(const Side &source, const Side &destination) const
{
    if (!destination.exists)
        return Decision::Copy;
    if (destination.incomplete)
        return Decision::Overwrite;
    const bool timeRule = m_excludeOlder || m_excludeNewer;
    // /Y alone overwrites without looking: no MD5 is read for it.
    if (m_overwrite == OverwritePolicy::Always && !timeRule)
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
    switch (m_overwrite) {
    case OverwritePolicy::Always:
        return Decision::Overwrite;
    case OverwritePolicy::Never:
        return Decision::SkipExisting;
    case OverwritePolicy::Ask:
        break;
    }
    return Decision::Ask;
}

bool ConflictPolicy::isSkip(Decision decision)
{
    return decision == Decision::SkipIdentical || decision == Decision::SkipOlder ||
           decision == Decision::SkipNewer || decision == Decision::SkipExisting;
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
    default:
        return {};
    }
}

} // namespace blobferry::transfer
