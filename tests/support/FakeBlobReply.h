// SPDX-License-Identifier: MIT
#pragma once

#include <QNetworkReply>

namespace blobferry::test {

// One answer of FakeBlobService (or of FakeAccessManager's script), delivered through the event
// loop like a real reply's, and able to misbehave as a network does: answer late, never answer
// (until aborted, or until the request's transfer timeout, as Qt's own replies do), or close the
// connection mid-body.
class FakeBlobReply final : public QNetworkReply
{
    Q_OBJECT
public:
    struct Behaviour
    {
        int delayMs = 0;
        bool hang = false;
        qint64 cutAfter = -1;  // ≥ 0: RemoteHostClosedError after this many body bytes
        bool quietCut = false; // with cutAfter: finish without an error all the same
    };

    FakeBlobReply(QNetworkAccessManager::Operation operation, const QNetworkRequest &request,
                  int status, const QList<RawHeaderPair> &headers, QByteArray body, qint64 uploaded,
                  Behaviour behaviour, QObject *parent = nullptr);

    void abort() override;
    qint64 bytesAvailable() const override;
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;

private:
    void deliver();
    void fail(NetworkError error, const QString &text);

    int m_status;
    QByteArray m_body;
    qint64 m_offset = 0;
    qint64 m_uploaded;
    Behaviour m_behaviour;
};

} // namespace blobferry::test
