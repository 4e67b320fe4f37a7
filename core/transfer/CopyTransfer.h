// SPDX-License-Identifier: MIT
#pragma once

#include "FileTransfer.h"

#include <QTimer>

namespace blobferry::transfer {

// A blob to a blob, copied by the service itself (Copy Blob): no byte passes through here.
// The source is read by the destination's service, so it must be in the same account, public,
// or reachable through a SAS in its URL. Properties and metadata (content type, MD5, the
// original file's mtime) travel with it.
//
// clang-format off
//
//   Look          HEAD of the destination (none under /Y alone)
//   Chunks        one: Copy Blob of the listed version (x-ms-source-if-match: its ETag;
//                 412: the source changed since, the file fails and nothing is deleted)
//   Commit        HEAD: at once when the copy finished, else every 0.2…5 s while it is
//                 pending; done when it succeeded and its size and MD5 are the source's
//
// clang-format on
// A failed or aborted copy, or one whose size or MD5 differs from the source's, fails the file.
// "Verified" is what --move waits for before deleting the source.
class CopyTransfer final : public FileTransfer
{
    Q_OBJECT
public:
    // context.blobs: the destination's requests; source: the source's.
    CopyTransfer(SourceItem item, QString blobName, const azure::BlobRequests *source,
                 TransferContext context, QObject *parent = nullptr);

private:
    QString destinationName() const override { return m_blobName; }
    bool hasChunk() const override { return !m_copyIssued; }
    std::optional<Request> takeChunk() override;
    void commit() override;
    std::optional<Request> commitRequest() override;
    void committed() override;
    // Keep both: the copy goes to the first free "name(n)" beside the destination.
    void keepBothInstead() override;

    // x-ms-copy-status of the Copy Blob's answer or of a HEAD: go on, or fail.
    bool copyGoesOn(const net::HttpResult &result);

    const QString m_originalBlobName;
    QString m_blobName;        // changes only when the user keeps both
    int m_keepBothCounter = 0; // > 0: looking for a free "name(n)"
    const azure::BlobRequests *m_source;
    bool m_copyIssued = false;
    bool m_pending = false; // the service is still copying: the next HEAD waits
    QByteArray m_copyId;
    int m_pollDelayMs = 200;
    QTimer m_pollTimer;
};

} // namespace blobferry::transfer
