// SPDX-License-Identifier: MIT
#include "FakeBlobReply.h"

#include <QTimer>
#include <cstring>

namespace blobferry::test {

namespace {

// What Qt's HTTP backend reports beside the status, for the statuses the service sends.
QNetworkReply::NetworkError errorFor(int status)
{
    switch (status) {
    case 403:
        return QNetworkReply::ContentAccessDenied;
    case 404:
        return QNetworkReply::ContentNotFoundError;
    case 409:
        return QNetworkReply::ContentConflictError;
    case 500:
        return QNetworkReply::InternalServerError;
    case 501:
        return QNetworkReply::OperationNotImplementedError;
    case 503:
        return QNetworkReply::ServiceUnavailableError;
    default:
        return status >= 500 ? QNetworkReply::UnknownServerError
                             : QNetworkReply::UnknownContentError;
    }
}

} // namespace

FakeBlobReply::FakeBlobReply(QNetworkAccessManager::Operation operation,
                             const QNetworkRequest &request, int status,
                             const QList<RawHeaderPair> &headers, QByteArray body, qint64 uploaded,
                             Behaviour behaviour, QObject *parent)
    : QNetworkReply(parent)
    , m_status(status)
    , m_body(std::move(body))
    , m_uploaded(uploaded)
    , m_behaviour(behaviour)
{
    setOperation(operation);
    setRequest(request);
    setUrl(request.url());
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    // The body goes out first and the answer follows (late, or never for a hang), as on a
    // network: a request's upload progress shows before its answer.
    if (m_uploaded > 0)
        QTimer::singleShot(0, this, [this] {
            if (!isFinished())
                Q_EMIT uploadProgress(m_uploaded, m_uploaded);
        });
    if (m_behaviour.hang) {
        // Qt abandons a request whose bytes stop moving for its transfer timeout.
        if (request.transferTimeout() > 0)
            QTimer::singleShot(request.transferTimeout(), this, [this] {
                fail(OperationCanceledError, QStringLiteral("Operation canceled"));
            });
        return;
    }
    setAttribute(QNetworkRequest::HttpStatusCodeAttribute, status);
    for (const auto &[name, value] : headers)
        setRawHeader(name, value);
    // Callers connect to the signals after the manager hands the reply out.
    QTimer::singleShot(m_behaviour.delayMs, this, &FakeBlobReply::deliver);
}

void FakeBlobReply::deliver()
{
    if (isFinished())
        return;
    Q_EMIT metaDataChanged();
    const bool cut = m_behaviour.cutAfter >= 0 && m_behaviour.cutAfter < m_body.size();
    if (cut)
        m_body.truncate(m_behaviour.cutAfter);
    if (!m_body.isEmpty())
        Q_EMIT readyRead();
    if (cut && !m_behaviour.quietCut) {
        fail(RemoteHostClosedError, QStringLiteral("Connection closed"));
        return;
    }
    if (m_status >= 400) {
        setError(errorFor(m_status), QStringLiteral("HTTP %1").arg(m_status));
        Q_EMIT errorOccurred(error());
    }
    setFinished(true);
    Q_EMIT finished();
}

void FakeBlobReply::fail(NetworkError error, const QString &text)
{
    if (isFinished())
        return;
    setError(error, text);
    setFinished(true);
    Q_EMIT errorOccurred(error);
    Q_EMIT finished();
}

void FakeBlobReply::abort()
{
    fail(OperationCanceledError, QStringLiteral("Operation canceled"));
}

qint64 FakeBlobReply::bytesAvailable() const
{
    return m_body.size() - m_offset + QNetworkReply::bytesAvailable();
}

qint64 FakeBlobReply::readData(char *data, qint64 maxSize)
{
    const qint64 n = std::min(maxSize, qint64(m_body.size()) - m_offset);
    if (n <= 0)
        return isFinished() ? -1 : 0;
    std::memcpy(data, m_body.constData() + m_offset, size_t(n));
    m_offset += n;
    return n;
}

} // namespace blobferry::test
