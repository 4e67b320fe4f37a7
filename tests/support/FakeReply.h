// SPDX-License-Identifier: MIT
#pragma once

#include <QNetworkReply>

namespace blobferry::test {

// A finished HTTP answer without a network: status, headers and body, delivered through the
// event loop like a real reply's.
class FakeReply final : public QNetworkReply
{
    Q_OBJECT
public:
    FakeReply(QNetworkAccessManager::Operation operation, const QNetworkRequest &request,
              int status, const QList<RawHeaderPair> &headers, QByteArray body,
              QObject *parent = nullptr);

    void abort() override;
    qint64 bytesAvailable() const override;
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;

private:
    void deliver();

    QByteArray m_body;
    qint64 m_offset = 0;
};

} // namespace blobferry::test
