// SPDX-License-Identifier: MIT
// TransferEngine: the restart journal (/Z): the job's identity, opening the journal and its
// group commit, and which files an earlier run already finished. The rest is in
// TransferEngine.cpp.
#include "DownloadTransfer.h"
#include "TransferEngine.h"
#include "journal/Journal.h"

#include <QTimer>

namespace blobferry::transfer {

namespace {
// How often the journal and the part files of downloads in flight reach the disk (group
// commit): a kill or power cut costs at most this much of each transfer, not whole ranges.
constexpr int kCheckpointIntervalMs = 250;
} // namespace

journal::JobIdentity TransferEngine::jobIdentity() const
{
    // Locations without their query: a SAS is a secret, and a fresh one must still resume.
    auto describe = [](const Endpoint &endpoint) {
        if (!endpoint.isBlob())
            return endpoint.localPath;
        const azure::BlobLocation &blob = *endpoint.blob;
        return blob.withSas({}).display();
    };
    journal::JobIdentity identity;
    identity.source = describe(m_spec.source);
    identity.destination = describe(m_spec.destination);
    identity.patterns = m_spec.patterns;
    identity.recursive = m_spec.recursive;
    identity.blockSize = m_spec.blockSize;
    identity.blobType = m_spec.detectPageBlobs              ? QStringLiteral("detect")
                        : m_spec.blobType == BlobType::Page ? QStringLiteral("page")
                                                            : QStringLiteral("block");
    return identity;
}

bool TransferEngine::openJournal()
{
    const journal::JobIdentity identity = jobIdentity();
    const QString path =
        m_spec.journalPath.isEmpty() ? journal::Journal::defaultPath(identity) : m_spec.journalPath;
    QString error;
    QString remark;
    m_journal = journal::Journal::open(path, identity, &error, &remark);
    if (!m_journal) {
        finishJob(error);
        return false;
    }
    if (!remark.isEmpty())
        say(remark);
    if (m_journal->previousFileCount() > 0)
        say(QStringLiteral("Resuming the job recorded in %1").arg(m_journal->path()));
    // Group commit: the journal reaches the disk a few times a second, not once per record.
    m_journalTimer = new QTimer(this);
    m_journalTimer->setInterval(kCheckpointIntervalMs);
    connect(m_journalTimer, &QTimer::timeout, this, [this] {
        for (DownloadTransfer *download : std::as_const(m_downloads))
            download->checkpoint();
        m_journal->sync();
    });
    m_journalTimer->start();
    return true;
}

bool TransferEngine::doneInEarlierRun(const SourceItem &item) const
{
    const journal::Journal::FileState *previous =
        m_journal ? m_journal->previous(item.relativeName) : nullptr;
    if (!previous || !previous->done || previous->size != item.size)
        return false;
    if (m_spec.destination.isBlob())
        return previous->modifiedMs == 0 ||
               previous->modifiedMs == item.modified.toMSecsSinceEpoch();
    return previous->etag.isEmpty() || previous->etag == item.blob.etag;
}

} // namespace blobferry::transfer
