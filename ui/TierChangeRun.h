// SPDX-License-Identifier: MIT
#pragma once

#include "azure/BlobService.h"

#include <QObject>
#include <QQueue>
#include <QStringList>

namespace blobferry::azure {
class ListingCursor;
}

namespace blobferry::ui {

// Change tier… over a selection: Set Blob Tier for each blob chosen and for every blob under
// each folder chosen (listed page by page, one folder at a time), kInFlight at once. Under a
// folder, blobs already at the tier are left alone and page or append blobs (no tier of their
// own on a standard account) are skipped. A rehydration priority goes only to blobs listed in
// Archive. Deleting the run cancels it: the listing and the calls on their way are aborted.
//
//   start ─► blobs chosen ─► folder 1: page ─► Set Blob Tier … ─► next page ─► … ─► folder 2 …
//                                                                         └─► finished()
class TierChangeRun final : public QObject
{
    Q_OBJECT
public:
    static constexpr int kInFlight = 8;
    struct Target
    {
        QString name;
        QString tier; // as listed ("Archive"); empty when unknown
    };
    TierChangeRun(azure::BlobService service, QByteArray tier, QByteArray rehydratePriority,
                  QList<Target> blobs, QStringList folders, QObject *parent = nullptr);

    void start();
    bool isFinished() const { return m_finished; }
    int found() const { return m_found; }         // blobs to change, so far
    int changed() const { return m_changed; }     // done, or rehydration begun
    int unchanged() const { return m_unchanged; } // already at the tier, or not block blobs
    // One line per blob or folder that failed ("NAME: why").
    const QStringList &failures() const { return m_failures; }
    QByteArray tier() const { return m_tier; }

Q_SIGNALS:
    void progress();
    void finished();

private:
    void nextFolder();
    void pump();
    void finishIfDone();

    azure::BlobService m_service;
    QByteArray m_tier;
    QByteArray m_priority;
    QQueue<Target> m_pending;
    QStringList m_folders;
    azure::ListingCursor *m_cursor = nullptr;
    int m_inFlight = 0;
    int m_found = 0;
    int m_changed = 0;
    int m_unchanged = 0;
    QStringList m_failures;
    bool m_finished = false;
};

} // namespace blobferry::ui
