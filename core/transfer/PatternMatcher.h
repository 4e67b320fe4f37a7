// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QRegularExpression>
#include <QStringList>

namespace blobferry::transfer {

// The original's file patterns for a local source: wildcards (* and ?) matched against the
// file name, or against the relative path when the pattern holds a '/'. Several patterns:
// a file matching any is taken. No pattern: every file.
class PatternMatcher final
{
public:
    explicit PatternMatcher(const QStringList &patterns);
    bool matches(const QString &relativePath) const;
    // The patterns without a wildcard: file names (or relative paths) the user wrote out.
    static QStringList literals(const QStringList &patterns);

private:
    QList<QRegularExpression> m_byName;
    QList<QRegularExpression> m_byPath;
};

} // namespace blobferry::transfer
