// SPDX-License-Identifier: MIT
#pragma once

#include "Enumerator.h"
#include "azure/BlobService.h"

#include <optional>

namespace blobferry::azure {
class ListingCursor;
}

namespace blobferry::transfer {

// Lists the blobs under a prefix one page (≤ 5000) per fetchMore(), a ListingCursor per
// prefix. An answer that is not a listing, or a marker met before, fails the listing
// (failed()).
// Not recursive: the delimiter '/' keeps to the top level and virtual directories are ignored.
//
// Pipelined, one page ahead: as soon as a page the consumer waits for has arrived, the request
// for the next one goes out, so the service prepares page N+1 while the consumer works through
// page N. The next page is then held (parsed) until fetchMore() asks for it; a failure of that
// request is held the same way. So memory is one page beyond what the consumer holds.
class BlobEnumerator final : public Enumerator
{
    Q_OBJECT
public:
    // directory: the source's virtual directory ("" or ending in '/'); items are named
    // relative to it. prefixes: blob-name prefixes within it (the CLI's patterns); none = all.
    // Its pages go through `requester`, in the same budget as the job's transfers.
    BlobEnumerator(const azure::BlobRequests &requests, net::Requester *requester,
                   net::RetryPolicy retry, const QString &directory, const QStringList &prefixes,
                   bool recursive, QObject *parent = nullptr);
    void fetchMore() override;
    // Blobs a page (the service's maximum by default); tests list a few blobs in many pages.
    void setPageSize(int blobs) { m_pageSize = blobs; }

private:
    struct Page
    {
        QList<SourceItem> items;
        bool atEnd = false;
        QString error; // set: the listing failed
    };
    void request();
    void onPage(const azure::BlobListPage &page, bool last);
    void onFailed(const azure::CallOutcome &outcome);
    bool requesting() const;
    void deliver();
    QList<SourceItem> toItems(const azure::BlobListPage &page) const;

    azure::BlobService m_service;
    QString m_directory;
    QStringList m_prefixes; // left to list; the first is in progress
    bool m_recursive;
    azure::ListingCursor *m_cursor = nullptr; // of the prefix in progress, once asked
    int m_pageSize = 5000;
    bool m_wanted = false;       // fetchMore() waits for its answer
    std::optional<Page> m_ready; // arrived, not yet handed over
};

} // namespace blobferry::transfer
