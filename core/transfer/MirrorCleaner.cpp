// SPDX-License-Identifier: MIT
#include "MirrorCleaner.h"

#include "BlobEnumerator.h"
#include "LocalEnumerator.h"
#include "NameManifest.h"
#include "PatternMatcher.h"
#include "azure/BlobDeletion.h"
#include "azure/BlobLocation.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTimer>
#include <algorithm>

namespace blobferry::transfer {

namespace {

constexpr int kDeletesInFlight = 8;

// Files of blobferry's own bookkeeping: the names manifest and interrupted downloads.
bool isBookkeeping(const QString &relativeName)
{
    const QString last = relativeName.section(QLatin1Char('/'), -1);
    return last == NameManifest::fileName() || last.endsWith(QLatin1String(".bfpart"));
}

} // namespace

MirrorCleaner::MirrorCleaner(const TransferSpec &spec, const azure::BlobRequests *destinationBlobs,
                             net::Requester *requester, QSet<QString> keep, QObject *parent)
    : QObject(parent)
    , m_spec(spec)
    , m_blobs(destinationBlobs)
    , m_requester(requester)
    , m_keep(std::move(keep))
{
    if (m_blobs)
        m_service.emplace(requester, *m_blobs, spec.retry);
}

bool MirrorCleaner::inScope(const QString &relativeName, const QStringList &patterns,
                            bool wildcards)
{
    if (isBookkeeping(relativeName))
        return false;
    // An upload's patterns are the local wildcards its files matched; a blob source's are
    // name prefixes, which the destination's relative names start with.
    if (wildcards)
        return PatternMatcher(patterns).matches(relativeName);
    if (patterns.isEmpty())
        return true;
    for (const QString &prefix : patterns) {
        if (relativeName.startsWith(prefix))
            return true;
    }
    return false;
}

void MirrorCleaner::find()
{
    if (m_blobs) {
        m_enumerator =
            new BlobEnumerator(*m_blobs, m_requester, m_spec.retry,
                               azure::BlobLocation::asDirectory(m_spec.destination.blob->path()),
                               {}, m_spec.recursive, this);
    } else if (QFileInfo(m_spec.destination.localPath).isDir()) {
        m_enumerator =
            new LocalEnumerator(m_spec.destination.localPath, {}, m_spec.recursive, this);
    } else { // a dry run into a directory that does not exist yet: nothing to delete
        QTimer::singleShot(0, this, [this] { Q_EMIT found({}); });
        return;
    }
    connect(m_enumerator, &Enumerator::failed, this, &MirrorCleaner::failed);
    connect(m_enumerator, &Enumerator::batchReady, this,
            [this](const QList<SourceItem> &items, bool atEnd) {
                const bool upload = m_blobs != nullptr;
                for (const SourceItem &item : items) {
                    if (!item.problem.isEmpty()) // a name we cannot even spell: left alone
                        continue;
                    if (!item.skipReason.isEmpty()) // a link or FIFO: blobferry leaves it be
                        continue;
                    if (!inScope(item.relativeName, m_spec.patterns, !m_spec.source.isBlob()))
                        continue;
                    const QString name = upload ? item.blob.name : item.relativeName;
                    const auto under = [&name](const QString &directory) {
                        return name.startsWith(directory);
                    };
                    if (!m_keep.contains(name) &&
                        std::none_of(m_keepUnder.cbegin(), m_keepUnder.cend(), under))
                        m_extras.append({name, item.blob.etag});
                }
                if (!atEnd) {
                    m_enumerator->fetchMore();
                    return;
                }
                QStringList names;
                names.reserve(m_extras.size());
                for (const Extra &extra : std::as_const(m_extras))
                    names.append(extra.name);
                Q_EMIT found(names);
            });
    m_enumerator->fetchMore();
}

void MirrorCleaner::remove()
{
    if (m_stopped)
        return;
    if (m_blobs)
        deleteBlobs();
    else
        deleteLocal();
}

void MirrorCleaner::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    if (m_deletion && !m_deletion->isFinished())
        m_deletion->stop(); // its finished() is done()
    else
        QTimer::singleShot(0, this, &MirrorCleaner::done);
}

void MirrorCleaner::deleteLocal()
{
    // Local files: quick, one after the other (a stop() from a deleted() handler ends it).
    for (const Extra &extra : std::as_const(m_extras)) {
        if (m_stopped)
            break;
        const QString path = QDir(m_spec.destination.localPath).filePath(extra.name);
        QFile file(path);
        Q_EMIT deleted(extra.name,
                       file.remove()
                           ? QString()
                           : QStringLiteral("cannot delete %1: %2").arg(path, file.errorString()));
    }
    QTimer::singleShot(0, this, &MirrorCleaner::done);
}

void MirrorCleaner::deleteBlobs()
{
    if (m_deletion)
        return;
    m_deletion = new azure::BlobDeletion(*m_service, kDeletesInFlight, this);
    // If-Match: a blob written since it was listed is no longer the extra one we saw.
    for (const Extra &extra : std::as_const(m_extras))
        m_deletion->add(extra.name, extra.etag);
    using Result = azure::BlobDeletion::Result;
    connect(m_deletion, &azure::BlobDeletion::blobDone, this,
            [this](const QString &name, Result result, const QString &error) {
                // Gone (404) is gone already, as wanted.
                Q_EMIT deleted(name,
                               result == Result::Changed
                                   ? QStringLiteral("kept: the blob changed while the job ran")
                                   : error);
            });
    connect(m_deletion, &azure::BlobDeletion::finished, this, &MirrorCleaner::done);
    m_deletion->start();
}

} // namespace blobferry::transfer
