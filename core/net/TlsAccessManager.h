// SPDX-License-Identifier: MIT
#pragma once

#include <QNetworkAccessManager>
#include <QSslConfiguration>

namespace blobferry::net {

// A QNetworkAccessManager that gives every https request the job's TLS configuration (its
// trusted authorities), so no request builder or job has to remember to.
class TlsAccessManager final : public QNetworkAccessManager
{
    Q_OBJECT
public:
    explicit TlsAccessManager(QSslConfiguration configuration, QObject *parent = nullptr);

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override;

private:
    QSslConfiguration m_configuration;
};

} // namespace blobferry::net
