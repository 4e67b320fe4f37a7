// SPDX-License-Identifier: MIT
#include "TlsAccessManager.h"

namespace blobferry::net {

TlsAccessManager::TlsAccessManager(TlsSettings tls, QObject *parent)
    : QNetworkAccessManager(parent)
    , m_tls(std::move(tls))
{}

QNetworkReply *TlsAccessManager::createRequest(Operation op, const QNetworkRequest &request,
                                               QIODevice *outgoingData)
{
    if (request.url().scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) != 0)
        return QNetworkAccessManager::createRequest(op, request, outgoingData);
    if (!m_configuration)
        m_configuration = m_tls.configuration();
    QNetworkRequest configured(request);
    configured.setSslConfiguration(*m_configuration);
    return QNetworkAccessManager::createRequest(op, configured, outgoingData);
}

} // namespace blobferry::net
