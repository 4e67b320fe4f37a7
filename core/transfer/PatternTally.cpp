// SPDX-License-Identifier: MIT
#include "PatternTally.h"

namespace blobferry::transfer {

PatternTally::PatternTally(const QStringList &patterns, bool wildcards)
    : m_wildcards(wildcards)
{
    QStringList unique = patterns;
    unique.removeDuplicates();
    for (const QString &pattern : std::as_const(unique))
        m_entries.push_back(
            {pattern, PatternMatcher(wildcards ? QStringList{pattern} : QStringList{}), false});
    m_open = int(m_entries.size());
}

void PatternTally::note(const QString &relativeName)
{
    if (m_open == 0)
        return;
    for (Entry &entry : m_entries) {
        if (entry.matched)
            continue;
        const bool matches = m_wildcards ? entry.matcher.matches(relativeName)
                                         : relativeName.startsWith(entry.pattern);
        if (matches) {
            entry.matched = true;
            --m_open;
        }
    }
}

QStringList PatternTally::unmatched() const
{
    QStringList names;
    for (const Entry &entry : m_entries)
        if (!entry.matched)
            names.append(entry.pattern);
    return names;
}

} // namespace blobferry::transfer
