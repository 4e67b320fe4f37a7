// SPDX-License-Identifier: MIT
#pragma once

#include "PatternMatcher.h"

#include <QStringList>
#include <vector>

namespace blobferry::transfer {

// Which of a job's patterns matched at least one source item, so that a typo ("*.jgp") is
// reported instead of ending as a silent "0 transferred". Patterns are wildcards for a local
// source (PatternMatcher) and name prefixes for a blob source, as the enumerators take them.
class PatternTally final
{
public:
    PatternTally() = default;
    PatternTally(const QStringList &patterns, bool wildcards);

    // An item the enumeration found (and so matched some pattern).
    void note(const QString &relativeName);
    // The patterns no item matched, in the order given (each once).
    QStringList unmatched() const;

private:
    struct Entry
    {
        QString pattern;
        PatternMatcher matcher; // wildcards only
        bool matched = false;
    };
    std::vector<Entry> m_entries;
    bool m_wildcards = true;
    int m_open = 0; // entries not matched yet: note() returns at once when none are left
};

} // namespace blobferry::transfer
