// SPDX-License-Identifier: MIT
#pragma once

#include "Enumerator.h"
#include "azure/BlobRequests.h"
#include "net/RetryPolicy.h"

namespace blobferry::net {
class NetworkPool;
}

namespace blobferry::transfer {

// Lists the blobs under a prefix one page (≤ 5000) per fetchMore(), following NextMarker.
// Not recursive: the delimiter '/' keeps to the top level and virtual directories are ignored.
class BlobEnumerator final : public Enumerator
{
    Q_OBJECT
public:
    // directory: the source's virtual directory ("" or ending in '/'); items are named
    // relative to it. prefixes: blob-name prefixes within it (the CLI's patterns); none = all.
    BlobEnumerator(const azure::BlobRequests &requests, net::NetworkPool *pool,
                   net::RetryPolicy retry, const QString &directory, const QStringList &prefixes,
                   bool recursive, QObject *parent = nullptr);
    void fetchMore() override;

private:
    azure::BlobRequests m_requests;
    net::NetworkPool *m_pool;
    net::RetryPolicy m_retry;
    QString m_directory;
    QStringList m_prefixes; // left to list; the first is in progress
    bool m_recursive;
    QString m_marker;
};

} // namespace blobferry::transfer
