// SPDX-License-Identifier: MIT
#pragma once

#include "TransferSpec.h"
#include "azure/BlobService.h"

#include <QObject>
#include <QSet>
#include <QStringList>
#include <optional>

namespace blobferry::azure {
class BlobDeletion;
}

namespace blobferry::transfer {

class Enumerator;

// --mirror (/MIR): once every copy succeeded, finds the destination items the source no longer
// has and deletes them. The scope is the job's: the destination directory (or virtual
// directory), its subdirectories only with /S, and only names the job's patterns cover. Never
// touched: the names manifest and part files of downloads (*.bfpart).
//
//   find() ─► Listing (the destination, streamed) ─► found(names) ─► remove() ─► Deleting ─► done()
//                └─ listing failed ─► failed(error)
class MirrorCleaner final : public QObject
{
    Q_OBJECT
public:
    // keep: destination names (blob names for an upload, relative local paths for a download)
    // the job's source planned. destinationBlobs: null for a download. The listing and the
    // deletions go through `requester`, in the same budget as the job's transfers.
    MirrorCleaner(const TransferSpec &spec, const azure::BlobRequests *destinationBlobs,
                  net::Requester *requester, QSet<QString> keep, QObject *parent = nullptr);

    // Also keeps every name under these directories ("dir/"): links to directories the
    // upload did not follow. Before find().
    void keepUnder(const QStringList &directories) { m_keepUnder = directories; }
    void find();
    // Deletes what find() found; deleted() per item, then done(). Blobs go through a
    // BlobDeletion, a few at once, each with the ETag it was listed with.
    void remove();
    // Starts no further deletion; done() follows once none is in flight (at once when none
    // is). A listing still running is left to end unheard.
    void stop();

    // Whether a destination name lies within the job's scope (unit-testable rule). wildcards:
    // the patterns are a local source's wildcards, else a blob source's name prefixes.
    static bool inScope(const QString &relativeName, const QStringList &patterns, bool wildcards);

Q_SIGNALS:
    void found(const QStringList &names);
    void failed(const QString &error);
    void deleted(const QString &name, const QString &error); // error empty: deleted
    void done();

private:
    struct Extra
    {
        QString name; // blob name, or path relative to the destination directory
        QByteArray etag;
    };
    void deleteLocal();
    void deleteBlobs();

    const TransferSpec &m_spec;
    const azure::BlobRequests *m_blobs;
    net::Requester *m_requester;
    std::optional<azure::BlobService> m_service; // the destination's, for an upload
    QSet<QString> m_keep;
    QStringList m_keepUnder;
    Enumerator *m_enumerator = nullptr;
    QList<Extra> m_extras;
    azure::BlobDeletion *m_deletion = nullptr; // made by remove(), for an upload
    bool m_stopped = false;
};

} // namespace blobferry::transfer
