// SPDX-License-Identifier: MIT
#include "PatternMatcher.h"

namespace blobferry::transfer {

PatternMatcher::PatternMatcher(const QStringList &patterns)
{
    for (const QString &pattern : patterns) {
        // Anchored, and '*' stops at '/', like a shell glob.
        const QRegularExpression regex(QRegularExpression::wildcardToRegularExpression(pattern));
        (pattern.contains(QLatin1Char('/')) ? m_byPath : m_byName).append(regex);
    }
}

bool PatternMatcher::matches(const QString &relativePath) const
{
    if (m_byName.isEmpty() && m_byPath.isEmpty())
        return true;
    const QString name = relativePath.section(QLatin1Char('/'), -1);
    for (const auto &regex : m_byName)
        if (regex.match(name).hasMatch())
            return true;
    for (const auto &regex : m_byPath)
        if (regex.match(relativePath).hasMatch())
            return true;
    return false;
}

QStringList PatternMatcher::literals(const QStringList &patterns)
{
    QStringList names;
    for (const QString &pattern : patterns) {
        if (!pattern.contains(QLatin1Char('*')) && !pattern.contains(QLatin1Char('?')) &&
            !pattern.contains(QLatin1Char('[')))
            names.append(pattern);
    }
    return names;
}

} // namespace blobferry::transfer
