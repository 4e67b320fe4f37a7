// SPDX-License-Identifier: MIT
#include "NameManifest.h"

#include "NameMapper.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace blobferry::transfer {

namespace {

const QLatin1String kFormat("blobferry-names/1");

} // namespace

NameManifest NameManifest::load(const QString &root, QString *error)
{
    NameManifest manifest;
    QFile file(QDir(root).filePath(fileName()));
    const QFileInfo info(file.fileName());
    if (!info.exists() && !info.isSymLink())
        return manifest;
    // Opening a FIFO would wait for a writer for ever; blobferry writes a regular file only.
    if (info.isSymLink() || !info.isFile()) {
        *error = QStringLiteral("%1 is not a regular file (a link, FIFO or device); it is ignored")
                     .arg(file.fileName());
        return manifest;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString());
        return manifest;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    const QJsonObject object = document.object();
    if (parseError.error != QJsonParseError::NoError ||
        object.value(QLatin1String("format")).toString() != kFormat) {
        *error = QStringLiteral("%1 is not a blobferry names manifest (%2); it is ignored")
                     .arg(file.fileName(), parseError.error != QJsonParseError::NoError
                                               ? parseError.errorString()
                                               : QStringLiteral("unknown format"));
        return manifest;
    }
    // Entries that could not have been written by blobferry are dropped: a path must be a
    // plain relative path, a name must not be empty.
    const QJsonObject files = object.value(QLatin1String("files")).toObject();
    for (auto it = files.begin(); it != files.end(); ++it) {
        const QString name = it.value().toString();
        if (NameMapper::staysInside(it.key()) && !name.isEmpty())
            manifest.setFile(it.key(), name);
    }
    const QJsonObject folders = object.value(QLatin1String("folders")).toObject();
    for (auto it = folders.begin(); it != folders.end(); ++it) {
        if (!it.key().isEmpty() && !NameMapper::staysInside(it.key()))
            continue;
        const QJsonArray names = it.value().toArray();
        for (const QJsonValue &name : names)
            if (!name.toString().isEmpty())
                manifest.addFolderMarker(it.key(), name.toString());
    }
    return manifest;
}

bool NameManifest::save(const QString &root, QString *error) const
{
    const QString path = QDir(root).filePath(fileName());
    // QSaveFile would write a link's target, wherever it is; a FIFO or device is the user's.
    if (const QFileInfo info(path); info.isSymLink() || (info.exists() && !info.isFile())) {
        *error = QStringLiteral("%1 is not a regular file (a link, FIFO or device), so it is "
                                "left alone")
                     .arg(path);
        return false;
    }
    if (isEmpty()) {
        if (QFile::exists(path) && !QFile::remove(path)) {
            *error = QStringLiteral("cannot remove %1").arg(path);
            return false;
        }
        return true;
    }
    QJsonObject files;
    for (auto it = m_files.begin(); it != m_files.end(); ++it)
        files.insert(it.key(), it.value());
    QJsonObject folders;
    for (auto it = m_folders.begin(); it != m_folders.end(); ++it)
        folders.insert(it.key(), QJsonArray::fromStringList(it.value()));
    QJsonObject object;
    object.insert(QLatin1String("format"), kFormat);
    object.insert(QLatin1String("files"), files);
    object.insert(QLatin1String("folders"), folders);

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(object).toJson(QJsonDocument::Indented)) < 0 || !file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void NameManifest::setFile(const QString &path, const QString &blobName)
{
    removeFile(path);
    const QString previousPath = m_pathByName.value(blobName);
    if (!previousPath.isEmpty())
        m_files.remove(previousPath);
    m_files.insert(path, blobName);
    m_pathByName.insert(blobName, path);
}

void NameManifest::removeFile(const QString &path)
{
    const auto it = m_files.constFind(path);
    if (it == m_files.cend())
        return;
    m_pathByName.remove(it.value());
    m_files.erase(it);
}

void NameManifest::addFolderMarker(const QString &path, const QString &blobName)
{
    QStringList &names = m_folders[path];
    if (!names.contains(blobName))
        names.append(blobName);
}

} // namespace blobferry::transfer
