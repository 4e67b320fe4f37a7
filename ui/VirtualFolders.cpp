// SPDX-License-Identifier: MIT
#include "VirtualFolders.h"

namespace blobferry::ui {

QString VirtualFolders::key(const QString &accountId, const QString &container,
                            const QString &folder)
{
    // '\n' cannot be in an account id or a container name.
    return accountId + QLatin1Char('\n') + container + QLatin1Char('\n') + folder;
}

void VirtualFolders::add(const QString &accountId, const QString &container, const QString &folder)
{
    m_folders.insert(key(accountId, container, folder));
}

void VirtualFolders::forget(const QString &accountId, const QString &container,
                            const QString &folder)
{
    m_folders.remove(key(accountId, container, folder));
}

QStringList VirtualFolders::under(const QString &accountId, const QString &container,
                                  const QString &parent, const QString &filter) const
{
    const QString start = key(accountId, container, parent + filter);
    const qsizetype parentStart = start.size() - filter.size();
    QStringList found;
    for (const QString &entry : m_folders) {
        if (!entry.startsWith(start))
            continue;
        // Directly in parent: one more segment, ending in its '/'.
        const qsizetype slash = entry.indexOf(QLatin1Char('/'), parentStart);
        if (slash == entry.size() - 1)
            found.append(entry.mid(entry.lastIndexOf(QLatin1Char('\n')) + 1));
    }
    found.sort();
    return found;
}

} // namespace blobferry::ui
