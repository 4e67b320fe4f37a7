// SPDX-License-Identifier: MIT
#include "HttpJob.h"

#include "BandwidthLimiter.h"
#include "ProxySettings.h"
#include "ThrottledBody.h"

#include <QBuffer>
#include <QDateTime>
#include <QLocale>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QTimer>

Q_LOGGING_CATEGORY(lcNet, "blobferry.net", QtWarningMsg)

namespace blobferry::net {

namespace {

constexpr qint64 kMaxBufferedBody = 4 * 1024 * 1024;
constexpr qsizetype kSinkChunk = 256 * 1024;
// What Qt may hold per streamed reply before it stops reading the socket: back-pressure,
// so a slow disk bounds memory instead of the download racing ahead of it. 1 MiB made Qt's
// HTTP threads allocate pieces of up to 1 MiB, which malloc returned to the kernel and
// faulted in again: a 512 MiB download took 2-4 times the page faults, ~70-85 MiB RSS (now
// ~40) and more CPU (docs/PERFORMANCE.md).
constexpr qint64 kStreamedReadBuffer = 256 * 1024;

qint64 serverRetryHintMs(const HttpResult &result)
{
    bool ok = false;
    const qint64 ms = result.header("x-ms-retry-after-ms").toLongLong(&ok);
    if (ok && ms >= 0)
        return ms;
    const QByteArray retryAfter = result.header("Retry-After").trimmed();
    const qint64 seconds = retryAfter.toLongLong(&ok);
    if (ok && seconds >= 0)
        return seconds * 1000;
    // Retry-After may also be an HTTP date (RFC 9110 section 5.6.7), which ends in "GMT" where
    // Qt's RFC 2822 parser wants a numeric offset.
    QDateTime at = QLocale::c().toDateTime(QString::fromLatin1(retryAfter),
                                           QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
    at.setTimeSpec(Qt::UTC);
    if (at.isValid())
        return std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(at));
    return 0;
}

} // namespace

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

HttpJob::HttpJob(QNetworkAccessManager *nam, Factory factory, RetryPolicy policy, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_factory(std::move(factory))
    , m_policy(policy)
{
    m_backoff.setSingleShot(true);
    // A coarse timer may fire up to 5% early: a server's Retry-After must not be undercut.
    m_backoff.setTimerType(Qt::PreciseTimer);
    connect(&m_backoff, &QTimer::timeout, this, &HttpJob::attempt);
    m_throttle.setSingleShot(true);
    connect(&m_throttle, &QTimer::timeout, this, &HttpJob::onThrottleTimeout);
}

void HttpJob::onThrottleTimeout()
{
    if (m_reply)
        onReadyRead();
    else
        attempt();
}

HttpJob::~HttpJob()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void HttpJob::start()
{
    m_clock.start();
    if (m_aborted)
        return; // aborted before it started: abort() queued the attempt that reports it
    attempt();
}

void HttpJob::abort()
{
    if (m_aborted)
        return;
    m_aborted = true;
    if (m_reply) {
        m_reply->abort(); // onFinished() reports the cancellation
    } else if (!m_clock.isValid() || m_backoff.isActive() || m_throttle.isActive()) {
        // Not started yet (waiting for a Requester's slot), waiting out a retry delay (up to
        // minutes with Retry-After) or waiting for bandwidth: end now, from the loop.
        m_backoff.stop();
        m_throttle.stop();
        QTimer::singleShot(0, this, &HttpJob::attempt);
    }
}

bool HttpJob::isTransient(const HttpResult &result)
{
    if (result.cancelled || !result.localError.isEmpty())
        return false;
    if (result.status > 0)
        return result.status == 408 || result.status == 500 || result.status == 502 ||
               result.status == 503 || result.status == 504;
    switch (result.networkError) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // the stall timer fired
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProtocolFailure:
        return true;
    default:
        return false;
    }
}

void HttpJob::attempt()
{
    if (m_aborted) {
        m_result.cancelled = true;
        finish();
        return;
    }
    // --cap-mbps: while the job's bucket is in debt, nothing new starts.
    if (m_limiter && !m_limiter->available()) {
        m_throttle.start(m_limiter->msUntilAvailable());
        return;
    }
    ++m_result.attempts;
    m_sinkFailed = false;
    m_sinkBytes = 0;
    m_result.localError.clear(); // a damaged answer's (see Check) is not this attempt's
    m_sslErrors.clear();
    PreparedRequest prepared = m_factory();
    prepared.request.setTransferTimeout(m_policy.stallTimeoutMs);
    // Without the query: a SAS signature is a secret.
    qCDebug(lcNet).noquote() << prepared.verb << prepared.request.url().toString(QUrl::RemoveQuery)
                             << "attempt" << m_result.attempts;
    // Azure never redirects; a redirect would also break the signature.
    prepared.request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                  QNetworkRequest::ManualRedirectPolicy);

    QIODevice *body = nullptr;
    if (prepared.openBody) {
        body = prepared.openBody();
    } else if (!prepared.body.isEmpty() || prepared.verb == "PUT") {
        auto *buffer = new QBuffer;
        buffer->setData(prepared.body);
        buffer->open(QIODevice::ReadOnly);
        body = buffer;
    }
    if (body && !body->isOpen()) {
        m_result = HttpResult{};
        m_result.localError = body->errorString();
        delete body;
        finish();
        return;
    }
    // --cap-mbps: the body's bytes go out as the bucket grants them, not all at once.
    if (m_limiter && body)
        body = new ThrottledBody(body, m_limiter);
    // HEAD and DELETE go through their own calls: a custom-verb HEAD would wait for a body.
    if (prepared.verb == "HEAD")
        m_reply = m_nam->head(prepared.request);
    else if (prepared.verb == "GET")
        m_reply = m_nam->get(prepared.request);
    else if (prepared.verb == "DELETE")
        m_reply = m_nam->deleteResource(prepared.request);
    else
        m_reply = m_nam->sendCustomRequest(prepared.request, prepared.verb, body);
    if (body)
        body->setParent(m_reply);
    // Bounded so the socket is back-pressured; under a cap, to an eighth of a second of it,
    // since what the reply holds when it finishes is read without waiting for tokens.
    // (A limiter at 0 has no cap now: the window's, until one is set in Settings.)
    const qint64 cap = m_limiter ? m_limiter->bytesPerSecond() : 0;
    if (m_sink)
        m_reply->setReadBufferSize(cap > 0
                                       ? std::clamp<qint64>(cap / 8, 16 * 1024, kStreamedReadBuffer)
                                       : kStreamedReadBuffer);
    connect(m_reply, &QNetworkReply::readyRead, this, &HttpJob::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &HttpJob::onFinished);
    // Kept for the message; never ignored: an untrusted certificate fails the request.
    connect(m_reply, &QNetworkReply::sslErrors, this,
            [this](const QList<QSslError> &errors) { m_sslErrors = errors; });
    connect(m_reply, &QNetworkReply::uploadProgress, this,
            [this](qint64 sent, qint64) { Q_EMIT uploadProgress(sent); });
}

void HttpJob::onReadyRead()
{
    // An aborted reply (a sibling range failed, a cancel) is closed: reading it would only
    // make Qt warn "device not open".
    if (!m_sink || m_sinkFailed || !m_reply->isOpen())
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status < 200 || status >= 300)
        return; // error bodies are buffered and read in onFinished()
    // One reusable buffer per job: no allocation per chunk, and the sink sees the bytes in
    // place (fromRawData copies nothing).
    if (m_chunk.isEmpty())
        m_chunk.resize(kSinkChunk);
    for (;;) {
        qint64 want = m_chunk.size();
        if (m_limiter) {
            want = std::min(want, m_reply->bytesAvailable());
            if (want <= 0)
                return;
            if (m_draining) {
                m_limiter->charge(want);
            } else {
                want = m_limiter->take(want);
                if (want == 0) { // read on when a useful amount of bandwidth is back
                    m_throttle.start(m_limiter->msUntilAvailable(kSinkChunk / 16));
                    return;
                }
            }
        }
        const qint64 n = m_reply->read(m_chunk.data(), want);
        if (m_limiter && n < want)
            m_limiter->charge(std::max<qint64>(n, 0) - want); // give back what did not move
        if (n <= 0)
            return;
        m_sinkBytes += n;
        const QString error = m_sink(QByteArray::fromRawData(m_chunk.constData(), n));
        if (!error.isEmpty()) {
            m_sinkFailed = true;
            m_result.localError = error;
            m_reply->abort();
            return;
        }
    }
}

void HttpJob::onFinished()
{
    QNetworkReply *reply = m_reply;
    const QString localError = m_sinkFailed ? m_result.localError : QString();
    HttpResult result;
    result.attempts = m_result.attempts;
    result.elapsedMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    result.localError = localError;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.headers = reply->rawHeaderPairs();
    result.networkError = reply->error();
    result.networkErrorText = reply->errorString();
    result.sslErrors = m_sslErrors;
    m_throttle.stop();
    // A failure on the way through a proxy names it: any transport failure, a 407, and a 401
    // without the Blob service's request id (tinyproxy 1.11 refuses wrong credentials with
    // 401). Qt reports a CONNECT refused with another status as UnknownNetworkError.
    const bool transportFailure =
        result.status == 0 && result.networkError != QNetworkReply::NoError;
    const bool proxyRefusal = result.status == 407 ||
                              (result.status == 401 && result.header("x-ms-request-id").isEmpty());
    if (transportFailure || proxyRefusal)
        result.proxy = describeProxyFor(m_nam, reply->url());
    if (m_sink && result.status >= 200 && result.status < 300 && localError.isEmpty()) {
        m_draining = true;
        onReadyRead(); // whatever arrived with the finish
        m_draining = false;
        result.localError = m_result.localError;
        markShortBody(*reply, result, m_sinkBytes);
    } else if (reply->isOpen()) {
        // An aborted reply (a stall, a cancel) is closed: reading it would only make Qt warn.
        result.body = reply->read(kMaxBufferedBody);
        // A HEAD's Content-Length is the blob's, with no body; a body at the cap was cut here.
        if (reply->operation() != QNetworkAccessManager::HeadOperation &&
            result.body.size() < kMaxBufferedBody && result.status >= 200 && result.status < 300)
            markShortBody(*reply, result, result.body.size());
    }
    // A reply cut mid-body after its 2xx header is a transport failure, not a success.
    if (result.networkError != QNetworkReply::NoError && result.status >= 200 &&
        result.status < 300)
        result.status = 0;
    result.cancelled = m_aborted;
    bool damaged = false;
    if (m_check && result.ok()) {
        result.localError = m_check(result);
        damaged = !result.localError.isEmpty();
    }
    qCDebug(lcNet).noquote() << "answer for" << reply->url().toString(QUrl::RemoveQuery) << "status"
                             << result.status << "network error" << result.networkError;
    m_result = result;
    reply->disconnect(this);
    reply->deleteLater();
    m_reply = nullptr;

    if (m_result.status > 0 && m_policy.serviceAnswered)
        m_policy.serviceAnswered->store(true);
    if ((damaged || isTransient(m_result)) &&
        m_result.attempts < m_policy.triesFor(m_result.status == 0)) {
        const int delay =
            m_policy.delayBeforeAttempt(m_result.attempts + 1, serverRetryHintMs(m_result));
        // Qt's texts can quote the URL, and a URL's query can hold a SAS signature.
        static const QRegularExpression query(QStringLiteral("\\?\\S*"));
        const QString why = damaged ? m_result.localError
                            : m_result.status > 0
                                ? QStringLiteral("HTTP %1").arg(m_result.status)
                                : QString(m_result.networkErrorText).remove(query);
        qCDebug(lcNet) << "retrying after" << delay << "ms:" << why;
        if (m_policy.onRetry)
            m_policy.onRetry(m_result.attempts + 1, delay, why);
        Q_EMIT retrying(m_result.attempts + 1, delay, why);
        m_backoff.start(delay);
        return;
    }
    finish();
}

void HttpJob::markShortBody(const QNetworkReply &reply, HttpResult &result, qint64 received)
{
    // Qt can finish a reply whose connection closed mid-body with no error (seen now and then
    // through a proxy that cuts answers): fewer bytes than announced is a cut, and is retried.
    // Only for bodies asked for as they are stored: one Qt inflated has another length.
    if (reply.request().rawHeader("Accept-Encoding") != "identity")
        return;
    bool known = false;
    const qint64 announced = result.header("content-length").toLongLong(&known);
    if (!known || received >= announced || !result.localError.isEmpty() ||
        result.networkError != QNetworkReply::NoError)
        return;
    result.networkError = QNetworkReply::RemoteHostClosedError;
    result.networkErrorText =
        QStringLiteral("the connection closed after %1 of the answer's %2 bytes")
            .arg(received)
            .arg(announced);
}

void HttpJob::finish()
{
    Q_EMIT finished();
}

} // namespace blobferry::net
