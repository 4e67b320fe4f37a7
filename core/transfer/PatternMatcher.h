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

private:
    QList<QRegularExpression> m_byName;
    QList<QRegularExpression> m_byPath;
};

} // namespace blobferry::transfer
