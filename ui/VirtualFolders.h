// SPDX-License-Identifier: MIT
#pragma once

#include <QSet>
#include <QString>
#include <QStringList>

namespace blobferry::ui {

// Folders made with New folder: Blob Storage has no empty folders (a folder is a name prefix),
// so a new one lives here, in memory, and is shown in its parent's listing until a blob is put
// in it and the service lists it; it does not outlive the session.
class VirtualFolders final
{
public:
    // folder: the full prefix ending in '/' ("dir/new/").
    void add(const QString &accountId, const QString &container, const QString &folder);
    // The service lists it now: it is a real folder.
    void forget(const QString &accountId, const QString &container, const QString &folder);
    // The new folders directly in `parent` ("" or "dir/") whose names start with parent+filter.
    QStringList under(const QString &accountId, const QString &container, const QString &parent,
                      const QString &filter = {}) const;

private:
    static QString key(const QString &accountId, const QString &container, const QString &folder);

    QSet<QString> m_folders; // account '\n' container '\n' folder
};

} // namespace blobferry::ui
