// SPDX-License-Identifier: MIT
// The engine's parts for blob-to-blob copies, --gzip encoding, the --archive record and the
// end of a --mirror job, kept apart from TransferEngine.cpp, which runs the copies.
#include "ArchiveRecord.h"
#include "BlobEnumerator.h"
#include "BlobNamePlanner.h"
#include "CopyTransfer.h"
#include "DeletionConfirmer.h"
#include "GzipCodec.h"
#include "GzipEncodeTask.h"
#include "MirrorCleaner.h"
#include "NameManifest.h"
#include "SourceRemover.h"
#include "TransferEngine.h"
#include "azure/AzureError.h"
#include "azure/BlobLocation.h"
#include "azure/BlobRequests.h"
#include "azure/SasIssuer.h"
#include "journal/Journal.h"
#include "net/HttpJob.h"
#include "net/NetworkPool.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThreadPool>

namespace blobferry::transfer {

void TransferEngine::startCopy()
{
    const Endpoint &source = m_spec.source;
    const Endpoint &destination = m_spec.destination;
    m_blobs = std::make_unique<azure::BlobRequests>(*destination.blob, destination.credential);
    m_copySource = std::make_unique<azure::BlobRequests>(*source.blob, source.credential);
    // A key authorizes the source only for a Shared Key copy within its own account; otherwise
    // the destination's service gets a read-only SAS of the source's account, valid for a day
    // (a copy between accounts may stay pending for hours).
    const bool sameAccount = source.blob->serviceRoot() == destination.blob->serviceRoot() &&
                             source.blob->account() == destination.blob->account();
    if (source.credential.kind() == azure::Credential::Kind::SharedKey &&
        !(sameAccount && destination.credential.kind() == azure::Credential::Kind::SharedKey)) {
        const QString sas = azure::SasIssuer::readBlobs(
            source.credential.account(), source.credential.key(),
            QDateTime::currentDateTimeUtc().addDays(1),
            source.blob->serviceRoot().startsWith(QLatin1String("https:")));
        m_copySourceUrl = std::make_unique<azure::BlobRequests>(source.blob->withSas(sas),
                                                                azure::Credential::sas(sas));
        say(QStringLiteral("The destination reads the source through a read-only SAS "
                           "of account %1, valid for 24 hours")
                .arg(source.credential.account()));
    }
    if (m_spec.restartable && !m_spec.dryRun && !openJournal())
        return;
    if (m_spec.move && !m_spec.dryRun) {
        m_remover = new SourceRemover(m_copySource.get(), m_pool, m_spec.retry, this);
        connect(m_remover, &SourceRemover::removed, this, [this](const FileOutcome &outcome) {
            recordOutcome(outcome);
            schedulePump();
        });
    }
    if (m_spec.dryRun) { // changes nothing, the container included
        startCopyEnumeration();
        return;
    }
    ensureContainer([this] { startCopyEnumeration(); }); // as for an upload
}

void TransferEngine::startCopyEnumeration()
{
    m_enumerator = new BlobEnumerator(*m_copySource, m_pool, m_spec.retry,
                                      azure::BlobLocation::asDirectory(m_spec.source.blob->path()),
                                      m_spec.patterns, m_spec.recursive, this);
    startEnumeration();
}

FileTransfer *TransferEngine::makeCopy(const SourceItem &item)
{
    // The source's relative name under the destination's directory: blob names need no
    // translation between two containers.
    const QString blobName =
        azure::BlobLocation::asDirectory(m_spec.destination.blob->path()) + item.relativeName;
    if (m_spec.mirror)
        m_mirrorKeep.insert(blobName);
    const TransferContext context{&m_spec,         m_blobs.get(), m_pool,     m_journal.get(),
                                  m_limiter.get(), nullptr,       m_conflicts};
    return new CopyTransfer(item, blobName,
                            m_copySourceUrl ? m_copySourceUrl.get() : m_copySource.get(), context,
                            this);
}

void TransferEngine::reportNotCopied(const SourceItem &item)
{
    // The source holds something by this name: a mirror keeps its blob (and the blobs under a
    // link to a directory) rather than delete what a --follow-symlinks run copied.
    if (m_spec.mirror && m_blobNames) {
        const BlobNamePlanner::Plan plan = m_blobNames->plan(item);
        if (plan.error.isEmpty() && !plan.isManifest) {
            const QString blobName =
                azure::BlobLocation::asDirectory(m_spec.destination.blob->path()) + plan.blobName;
            if (item.skipsDirectory)
                m_mirrorKeepUnder.append(blobName + QLatin1Char('/'));
            else
                m_mirrorKeep.insert(blobName);
        }
    }
    FileOutcome outcome{item.relativeName, TransferState::Skipped, item.skipReason, 0};
    outcome.specialFile = true;
    recordOutcome(outcome);
}

void TransferEngine::startEncoding(const SourceItem &item)
{
    ++m_encoding;
    auto *task = new GzipEncodeTask(item);
    connect(task, &GzipEncodeTask::encoded, this,
            [this](const SourceItem &encoded, const QString &error) {
                --m_encoding;
                if (m_cancelled || m_finished) {
                    if (!encoded.encodedFrom.isEmpty())
                        QFile::remove(encoded.localPath);
                } else if (!error.isEmpty()) {
                    recordOutcome({encoded.relativeName, TransferState::Failed, error, 0});
                } else {
                    m_pending.prepend(encoded); // next in line; makeUpload sees it is encoded
                }
                schedulePump();
            });
    QThreadPool::globalInstance()->start(task);
}

void TransferEngine::loadArchive()
{
    m_startedMs = QDateTime::currentMSecsSinceEpoch();
    QString error;
    m_archive = std::make_unique<ArchiveRecord>(ArchiveRecord::load(m_spec, &error));
    if (!error.isEmpty())
        say(QStringLiteral("Warning: ") + error);
    if (const auto last = m_archive->lastRunMs())
        say(QStringLiteral("Archive: copying what changed since %1 (the last completed "
                           "run, recorded in %2)")
                .arg(QDateTime::fromMSecsSinceEpoch(*last).toLocalTime().toString(Qt::ISODate),
                     m_archive->path()));
    else
        say(QStringLiteral("Archive: no completed run of this job is recorded yet; "
                           "copying everything"));
}

bool TransferEngine::unchangedSinceArchive(const SourceItem &item)
{
    // The names manifest of an upload's tree is no file of it (makeUpload drops it).
    if (!m_spec.source.isBlob() && item.relativeName == NameManifest::fileName())
        return false;
    if (!item.problem.isEmpty() || m_archive->changedSince(item))
        return false;
    recordOutcome({item.relativeName, TransferState::Skipped,
                   QStringLiteral("unchanged since the last completed run (--archive)"), 0});
    return true;
}

void TransferEngine::saveArchive()
{
    QString error;
    if (!m_archive->save(m_startedMs, &error))
        say(QStringLiteral("Warning: ") + error +
            QStringLiteral("; the next --archive run copies everything again"));
}

void TransferEngine::finishOrMirror(const QString &fatalError)
{
    // --archive: a run that copied everything it should is the next run's starting point.
    if (m_archive && fatalError.isEmpty() && !m_cancelled && m_summary.failed == 0 &&
        !m_spec.dryRun)
        saveArchive();
    if (!m_spec.mirror || !fatalError.isEmpty() || m_cancelled) {
        finishJob(fatalError);
        return;
    }
    if (m_summary.failed > 0) {
        // Deleting while a copy is missing could leave the destination with neither version.
        say(QStringLiteral("Mirror: nothing was deleted from the destination because "
                           "%1 file(s) failed; run the copy again")
                .arg(m_summary.failed));
        finishJob();
        return;
    }
    startMirror();
}

void TransferEngine::startMirror()
{
    const bool upload = m_spec.destination.isBlob();
    m_mirror = new MirrorCleaner(m_spec, upload ? m_blobs.get() : nullptr, m_pool,
                                 std::move(m_mirrorKeep), this);
    m_mirror->keepUnder(m_mirrorKeepUnder);
    m_mirrorKeep.clear();
    connect(m_mirror, &MirrorCleaner::found, this, &TransferEngine::onExtrasFound);
    connect(m_mirror, &MirrorCleaner::failed, this, [this](const QString &error) {
        // A dry run does not create the container: nothing there means nothing to delete.
        if (m_spec.dryRun && error.contains(QLatin1String("ContainerNotFound"))) {
            onExtrasFound({});
            return;
        }
        finishJob(QStringLiteral("every file was copied, but the mirror could not list the "
                                 "destination: ") +
                  error);
    });
    connect(m_mirror, &MirrorCleaner::deleted, this,
            [this](const QString &name, const QString &error) {
                if (error.isEmpty())
                    ++m_summary.mirrorDeleted;
                else
                    ++m_summary.mirrorFailed;
                flushOutcomes();
                Q_EMIT extraDeleted(name, error);
            });
    connect(m_mirror, &MirrorCleaner::done, this, [this] { finishJob(); });
    m_mirror->find();
}

void TransferEngine::onExtrasFound(const QStringList &names)
{
    if (m_cancelled) { // the listing came back after a cancel: nothing is deleted
        finishJob();
        return;
    }
    m_summary.mirrorDeleted = 0;
    if (names.isEmpty() || m_spec.dryRun) {
        flushOutcomes();
        for (const QString &name : names)
            Q_EMIT extraDeleted(name, {});
        m_summary.mirrorDeleted = int(names.size());
        finishJob();
        return;
    }
    const QString where = m_spec.destination.isBlob() ? m_blobs->location().withSas({}).display()
                                                      : m_spec.destination.localPath;
    if (m_spec.deleteWithoutAsking) {
        m_mirror->remove();
        return;
    }
    auto keep = [this, count = names.size()] {
        say(QStringLiteral("Mirror: kept the %1 destination item(s) the source no "
                           "longer has")
                .arg(count));
        m_summary.mirrorDeleted = -1;
        finishJob();
    };
    if (!m_confirmer) {
        keep();
        return;
    }
    m_confirmer->confirmDeletion(int(names.size()), where, m_spec.destination.isBlob(),
                                 [this, keep](bool yes) {
                                     if (m_cancelled) // cancelled while the question was open
                                         finishJob();
                                     else if (yes)
                                         m_mirror->remove();
                                     else
                                         keep();
                                 });
}

} // namespace blobferry::transfer
