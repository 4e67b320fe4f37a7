// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <optional>

namespace blobferry::ui {

// A folder the window showed: an account's container at a prefix ("" or "dir/").
struct BrowseLocation
{
    QString accountId;
    QString container;
    QString prefix;

    bool operator==(const BrowseLocation &other) const;
    // One level up ("a/b/" → "a/"); nullopt at the container's root.
    std::optional<BrowseLocation> parent() const;
};

// Back and forward, as in a file manager: visiting a new folder drops what was ahead.
class BrowseHistory final
{
public:
    void visit(const BrowseLocation &location);
    std::optional<BrowseLocation> back();
    std::optional<BrowseLocation> forward();
    bool canGoBack() const { return m_current > 0; }
    bool canGoForward() const { return m_current + 1 < m_entries.size(); }

private:
    static constexpr int kMaxEntries = 100;
    QList<BrowseLocation> m_entries;
    qsizetype m_current = -1;
};

} // namespace blobferry::ui
