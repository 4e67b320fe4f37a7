// SPDX-License-Identifier: MIT
#pragma once

#include "PreparedRequest.h"
#include "RetryPolicy.h"

#include <QElapsedTimer>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QSslError>
#include <QTimer>
#include <functional>

class QNetworkAccessManager;

namespace blobferry::net {
class BandwidthLimiter;
}

namespace blobferry::net {

struct HttpResult
{
    int status = 0; // 0: no HTTP answer at all (see networkError)
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorText;
    QByteArray body; // error bodies and small answers; empty when a sink took the body
    QList<QNetworkReply::RawHeaderPair> headers;
    int attempts = 0;
    qint64 elapsedMs = 0; // from the first attempt's start to this answer, waits included
    bool cancelled = false;
    QString localError;         // set when the sink refused data (disk full, …)
    QList<QSslError> sslErrors; // why a TLS handshake failed (an untrusted certificate, …)
    QString proxy;              // for a failure at the proxy: which one, without its password

    bool ok() const { return status >= 200 && status < 300 && localError.isEmpty() && !cancelled; }
    QByteArray header(const QByteArray &name) const;
};

// One REST call. Builds the request afresh for every attempt (new signature and, for ranged
// downloads, a range that starts where the previous attempt stopped), retries transient
// failures with exponential backoff and jitter, and abandons an attempt when no byte has
// moved for RetryPolicy::stallTimeoutMs.
//
//   start ─► attempt ─► reply finished ─┬─ 2xx (checked) / permanent error ─► finished()
//               ▲                       └─ transient, or 2xx failing the check ─► wait backoff ─┘
class HttpJob final : public QObject
{
    Q_OBJECT
public:
    using Factory = std::function<PreparedRequest()>;
    // Takes the body of a successful answer as it arrives; returns an error text to stop.
    using Sink = std::function<QString(const QByteArray &chunk)>;
    // Looks at a complete successful answer (the sink has had its body); an error text means
    // the bytes were damaged on the way: the attempt is retried as a transient failure, and
    // the text is the result's localError when the tries run out.
    using Check = std::function<QString(const HttpResult &answer)>;

    // nam may be null until setAccessManager() (a Requester gives one when a slot is free).
    HttpJob(QNetworkAccessManager *nam, Factory factory, RetryPolicy policy,
            QObject *parent = nullptr);
    ~HttpJob() override;

    void setAccessManager(QNetworkAccessManager *nam) { m_nam = nam; }
    QNetworkAccessManager *accessManager() const { return m_nam; }
    void setSink(Sink sink) { m_sink = std::move(sink); }
    void setCheck(Check check) { m_check = std::move(check); }
    // --cap-mbps: the job's shared limiter (null: no cap). Set before start().
    void setLimiter(BandwidthLimiter *limiter) { m_limiter = limiter; }
    void start();
    void abort();
    const HttpResult &result() const { return m_result; }

    static bool isTransient(const HttpResult &result);

Q_SIGNALS:
    // Bytes of the request body sent so far in the current attempt.
    void uploadProgress(qint64 sent);
    // An attempt failed and another will follow in delayMs; `why` names the failure.
    void retrying(int nextAttempt, int delayMs, const QString &why);
    void finished();

private:
    void attempt();
    void onReadyRead();
    void onFinished();
    static void markShortBody(const QNetworkReply &reply, HttpResult &result, qint64 received);
    void finish();

    QNetworkAccessManager *m_nam;
    Factory m_factory;
    RetryPolicy m_policy;
    Sink m_sink;
    Check m_check;
    QPointer<QNetworkReply> m_reply;
    HttpResult m_result;
    bool m_aborted = false;
    bool m_sinkFailed = false;
    qint64 m_sinkBytes = 0;       // this attempt's body bytes given to the sink
    QByteArray m_chunk;           // read buffer for the sink
    QTimer m_backoff;             // the wait before the next attempt
    QElapsedTimer m_clock;        // since start(): how long the tries took, for the message
    QList<QSslError> m_sslErrors; // of the current attempt
    // --cap-mbps
    void onThrottleTimeout();
    BandwidthLimiter *m_limiter = nullptr;
    QTimer m_throttle;       // waiting for tokens: to start an attempt, or to read on
    bool m_draining = false; // the reply finished: its last buffered bytes are read regardless
};

} // namespace blobferry::net
