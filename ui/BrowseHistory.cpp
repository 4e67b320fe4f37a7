// SPDX-License-Identifier: MIT
#include "BrowseHistory.h"

namespace blobferry::ui {

bool BrowseLocation::operator==(const BrowseLocation &other) const
{
    return accountId == other.accountId && container == other.container && prefix == other.prefix;
}

std::optional<BrowseLocation> BrowseLocation::parent() const
{
    if (prefix.isEmpty())
        return std::nullopt;
    // "a/b/" → "a/": the last '/' before the trailing one ends the parent.
    const qsizetype slash = prefix.lastIndexOf(QLatin1Char('/'), prefix.size() - 2);
    return BrowseLocation{accountId, container, prefix.left(slash + 1)};
}

void BrowseHistory::visit(const BrowseLocation &location)
{
    if (m_current >= 0 && m_entries.at(m_current) == location)
        return; // a refresh, or the same folder opened again
    m_entries.resize(m_current + 1);
    m_entries.append(location);
    if (m_entries.size() > kMaxEntries)
        m_entries.removeFirst();
    m_current = m_entries.size() - 1;
}

std::optional<BrowseLocation> BrowseHistory::back()
{
    if (!canGoBack())
        return std::nullopt;
    return m_entries.at(--m_current);
}

std::optional<BrowseLocation> BrowseHistory::forward()
{
    if (!canGoForward())
        return std::nullopt;
    return m_entries.at(++m_current);
}

} // namespace blobferry::ui
