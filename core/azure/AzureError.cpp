// SPDX-License-Identifier: MIT
#include "AzureError.h"

#include "BlobXml.h"

#include <QHash>
#include <algorithm>

namespace blobferry::azure {

namespace {

QString hintFor(const QString &code)
{
    static const QHash<QString, QString> hints{
        {QStringLiteral("AuthorizationFailure"),
         QStringLiteral("the account key is wrong or the request was altered")},
        {QStringLiteral("AuthenticationFailed"),
         QStringLiteral("the account key or SAS is wrong, expired, or the clock is off")},
        {QStringLiteral("AuthorizationPermissionMismatch"),
         QStringLiteral("the SAS does not grant this operation (check its permissions)")},
        {QStringLiteral("AuthorizationResourceTypeMismatch"),
         QStringLiteral("the SAS does not cover this resource type")},
        {QStringLiteral("ContainerNotFound"),
         QStringLiteral("the container does not exist: check the URL")},
        {QStringLiteral("BlobNotFound"), QStringLiteral("the blob does not exist")},
        {QStringLiteral("ResourceNotFound"),
         QStringLiteral("nothing exists at that URL: check the account and container")},
        {QStringLiteral("InvalidResourceName"),
         QStringLiteral("the container or blob name is not allowed by the service")},
        {QStringLiteral("ConditionNotMet"),
         QStringLiteral("the blob changed while it was being copied; run the copy again")},
        {QStringLiteral("ServerBusy"), QStringLiteral("the service is busy; try again later")},
        {QStringLiteral("OperationTimedOut"),
         QStringLiteral("the service timed out; try again later")},
    };
    return hints.value(code);
}

QString hostPort(const QUrl &url)
{
    return url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
}

QString describeTls(const net::HttpResult &result, const QUrl &url)
{
    // Errors that mean "signed by an authority this machine does not trust": the one case
    // --ca-file answers.
    static const QList<QSslError::SslError> untrusted{
        QSslError::UnableToGetIssuerCertificate,   QSslError::UnableToGetLocalIssuerCertificate,
        QSslError::UnableToVerifyFirstCertificate, QSslError::SelfSignedCertificate,
        QSslError::SelfSignedCertificateInChain,   QSslError::CertificateUntrusted,
        QSslError::InvalidCaCertificate,
    };
    for (const QSslError &error : result.sslErrors) {
        if (untrusted.contains(error.error()))
            return QStringLiteral("TLS: the certificate of %1 is not trusted (%2); trust its CA "
                                  "with --ca-file PEM")
                .arg(hostPort(url), error.errorString());
    }
    if (!result.sslErrors.isEmpty())
        return QStringLiteral("TLS: the certificate of %1 is refused: %2")
            .arg(hostPort(url), result.sslErrors.first().errorString());
    return QStringLiteral("TLS handshake with %1 failed: %2")
        .arg(hostPort(url), result.networkErrorText);
}

QString describeTransport(const net::HttpResult &result, const QUrl &url)
{
    switch (result.networkError) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("cannot connect to %1: connection refused (is the service or "
                              "emulator running there?)")
            .arg(hostPort(url));
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("host %1 not found: check the account name in the URL")
            .arg(url.host());
    case QNetworkReply::OperationCanceledError:
    case QNetworkReply::TimeoutError:
        return QStringLiteral("no data moved to or from %1 for too long: the connection stalled")
            .arg(hostPort(url));
    case QNetworkReply::RemoteHostClosedError:
        return QStringLiteral("%1 closed the connection mid-transfer").arg(hostPort(url));
    case QNetworkReply::SslHandshakeFailedError:
        return describeTls(result, url);
    default:
        // Qt's text may quote the URL: drop the query so a SAS signature cannot leak.
        QString text = result.networkErrorText;
        text.replace(url.toString(), url.toString(QUrl::RemoveQuery));
        return QStringLiteral("network error talking to %1: %2").arg(hostPort(url), text);
    }
}

// A failure on the way through a proxy names the proxy (never its password).
QString describeProxyFailure(const net::HttpResult &result, const QUrl &url)
{
    const QString proxy = result.proxy.isEmpty() ? QStringLiteral("the proxy") : result.proxy;
    switch (result.networkError) {
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ConnectionRefusedError: // an HTTP proxy is the only peer Qt dials
        return QStringLiteral("cannot connect to proxy %1: connection refused (check --proxy or "
                              "the https_proxy variable)")
            .arg(proxy);
    case QNetworkReply::ProxyNotFoundError:
        return QStringLiteral("proxy %1 not found: check its host name").arg(proxy);
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("host not found through proxy %1: check the proxy's host name and "
                              "the account name in the URL")
            .arg(proxy);
    case QNetworkReply::ProxyConnectionClosedError:
        return QStringLiteral("proxy %1 closed the connection").arg(proxy);
    case QNetworkReply::ProxyTimeoutError:
        return QStringLiteral("proxy %1 did not answer in time").arg(proxy);
    case QNetworkReply::UnknownNetworkError: // a CONNECT refused, its status unknown
        return QStringLiteral("proxy %1 refused to connect to %2: check the proxy's user and "
                              "password, and that it may reach %2")
            .arg(proxy, hostPort(url));
    default:
        break;
    }
    if (result.networkError == QNetworkReply::ProxyAuthenticationRequiredError ||
        result.status == 407 || result.status == 401)
        return QStringLiteral("proxy %1 refused the user name or password%2: check the proxy's "
                              "user and password")
            .arg(proxy,
                 result.status > 0 ? QStringLiteral(" (HTTP %1)").arg(result.status) : QString());
    return describeTransport(result, url) + QStringLiteral(" (through proxy %1)").arg(proxy);
}

// "0.4", "7.5", "84": a tenth of a second where it still tells something.
QString secondsText(qint64 ms)
{
    const double seconds = double(std::max<qint64>(ms, 0)) / 1000.0;
    return QString::number(seconds, 'f', seconds < 10 ? 1 : 0);
}

} // namespace

QString errorCode(const net::HttpResult &result)
{
    const QByteArray header = result.header("x-ms-error-code");
    if (!header.isEmpty())
        return QString::fromUtf8(header);
    return xml::parseError(result.body).code;
}

QString describeFailure(const net::HttpResult &result, const QUrl &url)
{
    if (result.cancelled)
        return QStringLiteral("cancelled");
    if (!result.localError.isEmpty())
        return result.localError;
    // A transient failure that outlived its retries says so: the last error is not the only.
    const QString tries = result.attempts > 1 ? QStringLiteral(" (after %1 tries over %2 s)")
                                                    .arg(result.attempts)
                                                    .arg(secondsText(result.elapsedMs))
                                              : QString();
    if (!result.proxy.isEmpty() || result.status == 407 ||
        (result.networkError >= QNetworkReply::ProxyConnectionRefusedError &&
         result.networkError <= QNetworkReply::UnknownProxyError))
        return describeProxyFailure(result, url) + tries;
    if (result.status == 0)
        return describeTransport(result, url) + tries;

    const QString code = errorCode(result);
    QString text = QString::number(result.status);
    if (!code.isEmpty())
        text += QLatin1Char(' ') + code;
    QString detail = hintFor(code);
    if (detail.isEmpty())
        detail = xml::parseError(result.body).message;
    if (detail.isEmpty() && result.status == 404)
        detail = QStringLiteral("not found");
    if (!detail.isEmpty())
        text += QStringLiteral(": ") + detail;
    return text + tries;
}

QString archivedReason(const net::HttpResult &result, const QUrl &blobUrl)
{
    if (result.status != 409)
        return {};
    const QString code = errorCode(result);
    if (code == QLatin1String("BlobArchived"))
        return QStringLiteral("the blob is in the Archive tier; rehydrate it to Hot or Cool "
                              "first (blobferry-cli --set-tier hot %1, or Change tier in the "
                              "window), which takes hours")
            .arg(blobUrl.adjusted(QUrl::RemoveQuery).toString());
    if (code == QLatin1String("BlobBeingRehydrated"))
        return QStringLiteral("the blob is being rehydrated from the Archive tier, which takes "
                              "hours; try again once that is done");
    return {};
}

} // namespace blobferry::azure
