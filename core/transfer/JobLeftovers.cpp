// SPDX-License-Identifier: MIT
#include "JobLeftovers.h"

#include "PartFile.h"
#include "journal/Journal.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QRegularExpression>

namespace blobferry::transfer {

namespace {

struct ReadJournal
{
    bool ok = false;
    journal::JobIdentity identity;
    QHash<QString, journal::Journal::FileState> files;
};

ReadJournal readJournal(const QString &path)
{
    ReadJournal read;
    QFile file(path);
    if (!QFileInfo(path).isFile() || QFileInfo(path).isSymLink() || !file.open(QIODevice::ReadOnly))
        return read;
    qint64 validLength = 0;
    bool tornTail = false;
    QString error;
    read.ok = journal::Journal::parse(file.readAll(), &read.identity, &read.files, &validLength,
                                      &tornTail, &error);
    return read;
}

QString partPathOf(const ReadJournal &read, const QString &name)
{
    const auto state = read.files.constFind(name);
    return state == read.files.cend()
               ? QString()
               : JobLeftovers::partPath(read.identity.destination + QLatin1Char('/') + name,
                                        *state);
}

} // namespace

QString JobLeftovers::partPath(const QString &localFile, const journal::Journal::FileState &state)
{
    // Only a local destination (a path, not a URL) has part files.
    if (state.done || state.partName.isEmpty() || state.partName.contains(QLatin1Char('/')) ||
        !localFile.startsWith(QLatin1Char('/')))
        return {};
    return QFileInfo(localFile).absolutePath() + QLatin1Char('/') + state.partName;
}

int JobLeftovers::discardFiles(const QString &journalPath, const QStringList &names)
{
    const ReadJournal read = readJournal(journalPath);
    if (!read.ok)
        return 0;
    int removed = 0;
    for (const QString &name : names) {
        const QString part = partPathOf(read, name);
        if (!part.isEmpty() && PartFile::removeOwn(part))
            ++removed;
    }
    return removed;
}

bool JobLeftovers::discardJob(const QString &journalPath)
{
    const ReadJournal read = readJournal(journalPath);
    if (!read.ok)
        return false;
    // The lock a running job holds on its journal: such a journal is not a leftover.
    QLockFile lock(journalPath + QStringLiteral(".lock"));
    if (!lock.tryLock(0))
        return false;
    for (auto it = read.files.cbegin(); it != read.files.cend(); ++it)
        if (const QString part = partPathOf(read, it.key()); !part.isEmpty())
            PartFile::removeOwn(part);
    const bool removed = QFile::remove(journalPath);
    lock.unlock();
    return removed;
}

QStringList JobLeftovers::sweep(const QString &directory, const QStringList &keep)
{
    QStringList removed;
    const QDir dir(directory);
    // The desktop's names only (job-<id>.journal): never a command line's journal.
    static const QRegularExpression ownName(QStringLiteral("^job-[0-9]+\\.journal$"));
    const QStringList journals =
        dir.entryList({QStringLiteral("job-*.journal")}, QDir::Files | QDir::NoSymLinks);
    for (const QString &name : journals) {
        if (!ownName.match(name).hasMatch())
            continue;
        const QString path = dir.filePath(name);
        if (keep.contains(QFileInfo(path).absoluteFilePath()) || keep.contains(path))
            continue;
        if (discardJob(path))
            removed.append(path);
    }
    return removed;
}

} // namespace blobferry::transfer
