// SPDX-License-Identifier: MIT
// The end of a --mirror job: kept apart from TransferEngine.cpp, which runs the copies.
#include "DeletionConfirmer.h"
#include "MirrorCleaner.h"
#include "TransferEngine.h"
#include "azure/BlobRequests.h"

namespace blobferry::transfer {

void TransferEngine::finishOrMirror(const QString &fatalError)
{
    if (!m_spec.mirror || !fatalError.isEmpty() || m_cancelled) {
        finishJob(fatalError);
        return;
    }
    if (m_summary.failed > 0) {
        // Deleting while a copy is missing could leave the destination with neither version.
        Q_EMIT notice(QStringLiteral("Mirror: nothing was deleted from the destination because "
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
                Q_EMIT extraDeleted(name, error);
            });
    connect(m_mirror, &MirrorCleaner::done, this, [this] { finishJob(); });
    m_mirror->find();
}

void TransferEngine::onExtrasFound(const QStringList &names)
{
    m_summary.mirrorDeleted = 0;
    if (names.isEmpty() || m_spec.dryRun) {
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
        Q_EMIT notice(QStringLiteral("Mirror: kept the %1 destination item(s) the source no "
                                     "longer has")
                          .arg(count));
        m_summary.mirrorDeleted = -1;
        finishJob();
    };
    if (!m_confirmer) {
        keep();
        return;
    }
    m_confirmer->confirmDeletion(int(names.size()), where, [this, keep](bool yes) {
        if (yes)
            m_mirror->remove();
        else
            keep();
    });
}

} // namespace blobferry::transfer
