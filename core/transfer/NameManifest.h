// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace blobferry::transfer {

// ".blobferry-names.json" at the root of a downloaded tree: which local paths stand for which
// blob names, for every file whose name had to change and every folder marker. An upload of
// the tree reads it, restores the original names and never uploads the manifest itself.
// Paths and names are relative: the path to the destination root, the name to the source
// directory of the download, so the tree can be uploaded anywhere.
//
//   {"format": "blobferry-names/1",
//    "files": {"dotdot/x": "../x", "a(1)": "a"},
//    "folders": {"photos": ["photos/", "/photos/"]}}
class NameManifest final
{
public:
    static QString fileName() { return QStringLiteral(".blobferry-names.json"); }

    // A missing manifest is an empty one; an unreadable one is empty too, with *error set.
    static NameManifest load(const QString &root, QString *error);
    // Atomic (QSaveFile): a reader sees the old manifest or the new one, never half of one.
    // An empty manifest removes the file.
    bool save(const QString &root, QString *error) const;

    bool isEmpty() const { return m_files.isEmpty() && m_folders.isEmpty(); }
    int fileCount() const { return int(m_files.size()); }

    void setFile(const QString &path, const QString &blobName);
    void removeFile(const QString &path);
    void addFolderMarker(const QString &path, const QString &blobName);

    // The blob name recorded for a local file, or an empty string.
    QString blobNameOf(const QString &path) const { return m_files.value(path); }
    // The local path a blob was written to before, or an empty string.
    QString pathOf(const QString &blobName) const { return m_pathByName.value(blobName); }
    const QHash<QString, QString> &files() const { return m_files; }
    const QHash<QString, QStringList> &folders() const { return m_folders; }

private:
    QHash<QString, QString> m_files;       // local path -> blob name
    QHash<QString, QString> m_pathByName;  // blob name -> local path
    QHash<QString, QStringList> m_folders; // directory -> folder marker blob names
};

} // namespace blobferry::transfer
