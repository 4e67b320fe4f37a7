// SPDX-License-Identifier: MIT
#include "MirrorCleaner.h"

#include "BlobEnumerator.h"
#include "LocalEnumerator.h"
#include "NameManifest.h"
#include "PatternMatcher.h"
#include "azure/AzureError.h"
#include "azure/BlobLocation.h"
#include "azure/BlobRequests.h"
#include "net/Requester.h"

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
{}

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
    if (!m_stopped)
        deleteNext();
}

void MirrorCleaner::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    m_next = int(m_extras.size());
    if (m_inFlight == 0)
        QTimer::singleShot(0, this, &MirrorCleaner::done);
}

void MirrorCleaner::deleteNext()
{
    if (!m_blobs) {
        // Local files: quick, one after the other, through the event loop between batches.
        for (; m_next < m_extras.size(); ++m_next) {
            const QString path = QDir(m_spec.destination.localPath).filePath(m_extras[m_next].name);
            QFile file(path);
            Q_EMIT deleted(
                m_extras[m_next].name,
                file.remove()
                    ? QString()
                    : QStringLiteral("cannot delete %1: %2").arg(path, file.errorString()));
        }
        QTimer::singleShot(0, this, &MirrorCleaner::done);
        return;
    }
    while (m_inFlight < kDeletesInFlight && m_next < m_extras.size()) {
        const Extra extra = m_extras[m_next++];
        ++m_inFlight;
        const azure::BlobRequests *blobs = m_blobs;
        // If-Match: a blob written since it was listed is no longer the extra one we saw.
        net::Request deletion;
        deletion.factory = [blobs, extra] { return blobs->deleteBlob(extra.name, extra.etag); };
        deletion.policy = m_spec.retry;
        m_requester->send(std::move(deletion), this, [this, extra](const net::HttpResult &result) {
            --m_inFlight;
            QString error;
            if (result.status == 412)
                error = QStringLiteral("kept: the blob changed while the job ran");
            else if (!result.ok() && result.status != 404) // 404: gone already, as wanted
                error = azure::describeFailure(result, m_blobs->location().blobUrl(extra.name));
            Q_EMIT deleted(extra.name, error);
            if (m_inFlight == 0 && m_next >= m_extras.size())
                Q_EMIT done();
            else
                deleteNext();
        });
    }
    if (m_inFlight == 0 && m_next >= m_extras.size())
        QTimer::singleShot(0, this, &MirrorCleaner::done);
}

} // namespace blobferry::transfer
