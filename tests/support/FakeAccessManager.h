// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace blobferry::test {

// A QNetworkAccessManager that answers from a script instead of the network, so a test can
// pin down what a job does with each answer (retry or not, after how long).
class FakeAccessManager final : public QNetworkAccessManager
{
    Q_OBJECT
public:
    struct Answer
    {
        int status = 200;
        QList<QNetworkReply::RawHeaderPair> headers;
        QByteArray body;
    };

    explicit FakeAccessManager(QObject *parent = nullptr);

    // Answers in order; the last one repeats.
    void setAnswers(QList<Answer> answers) { m_answers = std::move(answers); }
    int requestCount() const { return m_requests; }

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override;

private:
    QList<Answer> m_answers;
    int m_requests = 0;
};

} // namespace blobferry::test
