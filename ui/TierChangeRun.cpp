// SPDX-License-Identifier: MIT
#include "TierChangeRun.h"

#include "azure/ListingCursor.h"
#include "log/Printable.h"

namespace blobferry::ui {

namespace {

// A listing page is asked for only while fewer blobs than this wait: memory stays bounded
// whatever the folder holds.
constexpr int kPendingLow = 1000;

} // namespace

TierChangeRun::TierChangeRun(azure::BlobService service, QByteArray tier,
                             QByteArray rehydratePriority, QList<Target> blobs, QStringList folders,
                             QObject *parent)
    : QObject(parent)
    , m_service(std::move(service))
    , m_tier(std::move(tier))
    , m_priority(std::move(rehydratePriority))
    , m_folders(std::move(folders))
{
    for (Target &blob : blobs)
        m_pending.enqueue(std::move(blob));
    m_found = int(m_pending.size());
}

void TierChangeRun::start()
{
    nextFolder();
    pump();
}

void TierChangeRun::nextFolder()
{
    if (m_cursor || m_folders.isEmpty())
        return;
    const QString folder = m_folders.takeFirst();
    m_cursor = new azure::ListingCursor(m_service, folder, {}, 5000, this);
    connect(m_cursor, &azure::ListingCursor::pageReady, this,
            [this](const azure::BlobListPage &page, bool last) {
                for (const azure::BlobEntry &blob : page.blobs) {
                    if (blob.blobType != QLatin1String("BlockBlob") ||
                        blob.accessTier == QLatin1String(m_tier)) {
                        ++m_unchanged;
                        continue;
                    }
                    m_pending.enqueue({blob.name, blob.accessTier});
                    ++m_found;
                }
                if (last) {
                    m_cursor->deleteLater();
                    m_cursor = nullptr;
                }
                Q_EMIT progress();
                nextFolder();
                pump();
            });
    connect(m_cursor, &azure::ListingCursor::failed, this,
            [this, folder](const azure::CallOutcome &outcome) {
                m_failures.append(
                    QStringLiteral("%1: %2").arg(log::printable(folder), outcome.error));
                m_cursor->deleteLater();
                m_cursor = nullptr;
                nextFolder();
                pump();
            });
    m_cursor->next();
}

void TierChangeRun::pump()
{
    while (m_inFlight < kInFlight && !m_pending.isEmpty()) {
        const Target blob = m_pending.dequeue();
        const QByteArray priority = blob.tier == QLatin1String("Archive") && m_tier != "Archive"
                                        ? m_priority
                                        : QByteArray();
        ++m_inFlight;
        m_service.setTier(blob.name, m_tier, priority, this,
                          [this, name = blob.name](const azure::CallOutcome &outcome) {
                              --m_inFlight;
                              if (outcome.ok())
                                  ++m_changed;
                              else
                                  m_failures.append(QStringLiteral("%1: %2").arg(
                                      log::printable(name), outcome.error));
                              Q_EMIT progress();
                              pump();
                          });
    }
    if (m_cursor && !m_cursor->fetching() && !m_cursor->atEnd() && m_pending.size() < kPendingLow)
        m_cursor->next();
    finishIfDone();
}

void TierChangeRun::finishIfDone()
{
    if (m_finished || m_inFlight > 0 || !m_pending.isEmpty() || m_cursor || !m_folders.isEmpty())
        return;
    m_finished = true;
    Q_EMIT finished();
}

} // namespace blobferry::ui
