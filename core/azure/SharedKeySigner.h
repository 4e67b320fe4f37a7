// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>

class QNetworkRequest;

namespace blobferry::azure {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// Shared Key authorisation ("Authorize with Shared Key", Blob service, version 2009-09-19+):
// Authorization: SharedKey ACCOUNT:base64(HMAC-SHA256(key, UTF-8 string-to-sign)).
class SharedKeySigner final
{
public:
    SharedKeySigner(QString account, QByteArray key);

    // Adds the Authorization header. The request must already carry x-ms-date and
    // x-ms-version and every header it will be sent with; contentLength is the body size.
    void sign(QNetworkRequest &request, const QByteArray &verb, qint64 contentLength) const;

    // The exact text that is signed; public for the tests that pin it against the spec.
    QByteArray stringToSign(const QByteArray &verb, const HeaderList &headers, const QUrl &url,
                            qint64 contentLength) const;
    QByteArray signature(const QByteArray &stringToSign) const;

private:
    QString m_account;
    QByteArray m_key;
};

} // namespace blobferry::azure
