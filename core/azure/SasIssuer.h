// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace blobferry::azure {

// Signs shared access signatures with an account key. Used for blob-to-blob copies: the
// destination's service reads the source itself, and a key cannot travel with the request,
// so a source in another account is handed over as a URL with a read-only SAS.
class SasIssuer final
{
public:
    // An account SAS (version 2019-12-12 layout) that reads blobs (ss=b, srt=o, sp=r) until
    // `expiry`; `httpsOnly` restricts it to https (spr=https). The query string, no '?'.
    static QString readBlobs(const QString &account, const QByteArray &key, const QDateTime &expiry,
                             bool httpsOnly);
};

} // namespace blobferry::azure
