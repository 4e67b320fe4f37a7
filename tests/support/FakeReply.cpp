// SPDX-License-Identifier: MIT
#include "FakeReply.h"

#include <QTimer>
#include <cstring>

namespace blobferry::test {

FakeReply::FakeReply(QNetworkAccessManager::Operation operation, const QNetworkRequest &request,
                     int status, const QList<RawHeaderPair> &headers, QByteArray body,
                     QObject *parent)
    : QNetworkReply(parent)
    , m_body(std::move(body))
{
    setOperation(operation);
    setRequest(request);
    setUrl(request.url());
    setAttribute(QNetworkRequest::HttpStatusCodeAttribute, status);
    for (const auto &[name, value] : headers)
        setRawHeader(name, value);
    if (status >= 400)
        setError(QNetworkReply::UnknownContentError, QStringLiteral("HTTP %1").arg(status));
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    // Callers connect to the signals after the manager hands the reply out.
    QTimer::singleShot(0, this, &FakeReply::deliver);
}

void FakeReply::deliver()
{
    if (isFinished())
        return;
    Q_EMIT metaDataChanged();
    if (!m_body.isEmpty())
        Q_EMIT readyRead();
    setFinished(true);
    Q_EMIT finished();
}

void FakeReply::abort()
{
    if (isFinished())
        return;
    setError(QNetworkReply::OperationCanceledError, QStringLiteral("Operation canceled"));
    setFinished(true);
    Q_EMIT errorOccurred(QNetworkReply::OperationCanceledError);
    Q_EMIT finished();
}

qint64 FakeReply::bytesAvailable() const
{
    return m_body.size() - m_offset + QNetworkReply::bytesAvailable();
}

qint64 FakeReply::readData(char *data, qint64 maxSize)
{
    const qint64 n = std::min(maxSize, qint64(m_body.size()) - m_offset);
    if (n <= 0)
        return isFinished() ? -1 : 0;
    std::memcpy(data, m_body.constData() + m_offset, size_t(n));
    m_offset += n;
    return n;
}

} // namespace blobferry::test
