// SPDX-License-Identifier: MIT
#pragma once

#include "FakeBlobStore.h"
#include "net/NetworkPool.h"

#include <QNetworkAccessManager>

namespace blobferry::test {

// The Blob service in process, the way Nextcloud desktop's tests fake their server: a
// QNetworkAccessManager that answers the Blob REST API from a FakeBlobStore (containers,
// blobs, blocks in memory) as Azure does — status codes, x-ms-error-code, ETags, ranges,
// conditional headers, listing pages — and injects the store's faults. It does not check
// Shared Key or SAS signatures: Azurite stays the judge of those and of every claim about the
// real service. Hand TransferSpec::accessManagers factory(&store) to run an engine against it.
class FakeBlobService final : public QNetworkAccessManager
{
    Q_OBJECT
public:
    explicit FakeBlobService(FakeBlobStore *store, QObject *parent = nullptr);

    static net::AccessManagerFactory factory(FakeBlobStore *store);

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override;

private:
    FakeBlobStore *m_store;
};

} // namespace blobferry::test
