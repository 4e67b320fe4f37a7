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
//   Checking ──(absent, or overwrite allowed)──► Copying ──► Polling ──(success, verified)──►
//   Completed
//      │ HEAD of the destination                  Copy Blob   HEAD: at once, then while pending
//      └─(exists)─► asks ─┬─ overwrite ──► Copying             every 0.2…5 s
//                         └─ skip ──► Skipped
// Any failure, a failed or aborted copy, or a result whose size or MD5 differs from the
// source's ──► Failed. "Verified" is what --move waits for before deleting the source.
class CopyTransfer final : public FileTransfer
{
    Q_OBJECT
public:
    // context.blobs: the destination's requests; source: the source's.
    CopyTransfer(SourceItem item, QString blobName, const azure::BlobRequests *source,
                 TransferContext context, QObject *parent = nullptr);

    void begin() override;

private:
    enum class Phase
    {
        Checking,
        AwaitingAnswer,
        Copying,
        Polling,
        Done
    };

    bool hasNextRequest() const override;
    Request takeNextRequest() override;

    Request checkRequest();
    Request copyRequest();
    Request pollRequest();
    // x-ms-copy-status of a Copy Blob answer or a HEAD: finish, fail, or poll again.
    // head: the answer of a HEAD, whose size and MD5 verify a finished copy.
    void onCopyStatus(const net::HttpResult &result, bool head);
    void schedulePoll();

    const QString m_blobName;
    const azure::BlobRequests *m_source;
    Phase m_phase = Phase::Checking;
    bool m_issued = false; // the current phase's request went out
    QByteArray m_copyId;
    int m_pollDelayMs = 200;
    QTimer m_pollTimer;
};

} // namespace blobferry::transfer
