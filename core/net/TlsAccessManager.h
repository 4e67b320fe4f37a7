// SPDX-License-Identifier: MIT
#pragma once

#include "TlsSettings.h"

#include <QNetworkAccessManager>
#include <QSslConfiguration>
#include <optional>

namespace blobferry::net {

// A QNetworkAccessManager that gives every https request the job's TLS configuration (its
// trusted authorities), so no request builder or job has to remember to. The configuration
// is made at the first https request: loading Qt's TLS backend costs ~8 ms, which a job
// against an http:// emulator need not pay.
class TlsAccessManager final : public QNetworkAccessManager
{
    Q_OBJECT
public:
    explicit TlsAccessManager(TlsSettings tls, QObject *parent = nullptr);

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override;

private:
    TlsSettings m_tls;
    std::optional<QSslConfiguration> m_configuration;
};

} // namespace blobferry::net
