// SPDX-License-Identifier: MIT
#include "ProxySession.h"

#include <QTcpSocket>
#include <QTimer>

namespace blobferry::tools {

namespace {

constexpr qsizetype kMaxHead = 64 * 1024;

QByteArray headerValue(const QByteArray &head, const QByteArray &name)
{
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

QByteArray busyAnswer(const QByteArray &method, int retryAfterMs)
{
    const QByteArray body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>ServerBusy"
                            "</Code><Message>The server is busy (injected by "
                            "blobferry-faultproxy).</Message></Error>";
    QByteArray answer = "HTTP/1.1 503 The server is busy.\r\n"
                        "Content-Type: application/xml\r\n"
                        "x-ms-error-code: ServerBusy\r\n";
    if (retryAfterMs >= 0)
        answer += "x-ms-retry-after-ms: " + QByteArray::number(retryAfterMs) + "\r\n";
    answer += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    // The answer to a HEAD names its length but carries no body.
    if (method != "HEAD")
        answer += body;
    return answer;
}

} // namespace

ProxySession::ProxySession(QTcpSocket *client, FaultProxy *proxy)
    : QObject(proxy)
    , m_client(client)
    , m_upstream(new QTcpSocket(this))
    , m_proxy(proxy)
{
    m_client->setParent(this);
    connect(m_client, &QTcpSocket::readyRead, this, [this] {
        m_fromClient += m_client->readAll();
        processClient();
    });
    connect(m_client, &QTcpSocket::disconnected, this, [this] {
        closeBoth();
        deleteLater();
    });
    connect(m_upstream, &QTcpSocket::readyRead, this, [this] {
        m_fromUpstream += m_upstream->readAll();
        processUpstream();
    });
    // The target closing (an idle keep-alive connection, an error) closes the client side too,
    // as if there were no proxy; a stalled connection stays open until the client gives up.
    auto upstreamGone = [this] {
        if (m_state == State::Stalled || m_state == State::Closed)
            return;
        m_fromUpstream += m_upstream->readAll();
        processUpstream();
        if (m_framing == Framing::UntilClose && m_awaitingAnswer && m_answerHeadSeen)
            forwardToClient(m_fromUpstream.size());
        closeBoth();
    };
    connect(m_upstream, &QTcpSocket::disconnected, this, upstreamGone);
    connect(m_upstream, &QTcpSocket::errorOccurred, this, upstreamGone);
    m_upstream->connectToHost(m_proxy->options().targetHost, m_proxy->options().targetPort);
}

// ---- client -> target ------------------------------------------------------------------------

void ProxySession::processClient()
{
    for (;;) {
        switch (m_state) {
        case State::Head:
            if (!takeRequestHead())
                return;
            break;
        case State::Body:
            forwardRequestBody();
            if (m_state == State::Body)
                return;
            break;
        case State::Discarding:
            discardRequestBody();
            if (m_state == State::Discarding)
                return;
            break;
        case State::Stalled:
            m_fromClient.clear();
            return;
        case State::Delaying:
        case State::Answering:
        case State::Closed:
            return;
        }
    }
}

bool ProxySession::takeRequestHead()
{
    const qsizetype end = m_fromClient.indexOf("\r\n\r\n");
    if (end < 0) {
        if (m_fromClient.size() > kMaxHead)
            closeBoth();
        return false;
    }
    m_head = m_fromClient.left(end + 4);
    m_fromClient.remove(0, end + 4);
    const QList<QByteArray> requestLine = m_head.left(m_head.indexOf("\r\n")).split(' ');
    if (requestLine.size() != 3 || !headerValue(m_head, "Transfer-Encoding").isEmpty()) {
        qWarning("blobferry-faultproxy: cannot relay this request (chunked or malformed)");
        closeBoth();
        return false;
    }
    m_method = requestLine[0];
    m_target = requestLine[1];
    m_requestLeft = headerValue(m_head, "Content-Length").toLongLong();
    m_fault = m_proxy->decide(m_method, m_target, m_requestLeft > 0);
    m_requestForwardLimit = m_fault == Fault::CutRequest ? m_requestLeft / 2 : -1;
    m_answerForwardLimit = -1;
    const int delay = m_proxy->options().delayMs;
    if (delay > 0) {
        m_state = State::Delaying;
        QTimer::singleShot(delay, this, [this] {
            if (m_state != State::Delaying)
                return;
            startRequest();
            processClient();
        });
        return true;
    }
    startRequest();
    return true;
}

void ProxySession::startRequest()
{
    if (m_fault == Fault::ServerBusy) {
        m_state = State::Discarding;
        return;
    }
    if (m_fault == Fault::Stall) {
        m_proxy->countFault(Fault::Stall, requestKey());
        m_state = State::Stalled;
        return;
    }
    m_upstream->write(m_head);
    m_awaitingAnswer = true;
    m_answerHeadSeen = false;
    m_answerForwarded = 0;
    m_chunkPart = ChunkPart::Size;
    m_state = State::Body;
}

void ProxySession::forwardRequestBody()
{
    qint64 n = std::min<qint64>(m_requestLeft, m_fromClient.size());
    if (m_requestForwardLimit >= 0)
        n = std::min(n, m_requestForwardLimit);
    if (n > 0) {
        m_upstream->write(m_fromClient.constData(), n);
        m_fromClient.remove(0, n);
        m_requestLeft -= n;
        m_proxy->countForwardedBody(m_method, n);
        if (m_requestForwardLimit >= 0)
            m_requestForwardLimit -= n;
    }
    if (m_requestForwardLimit == 0) {
        m_proxy->countFault(Fault::CutRequest, requestKey());
        closeBoth();
        return;
    }
    if (m_requestLeft > 0)
        return;
    m_state = m_awaitingAnswer ? State::Answering : State::Head;
}

void ProxySession::discardRequestBody()
{
    const qint64 n = std::min<qint64>(m_requestLeft, m_fromClient.size());
    m_fromClient.remove(0, n);
    m_requestLeft -= n;
    if (m_requestLeft > 0)
        return;
    m_client->write(busyAnswer(m_method, m_proxy->options().retryAfterMs));
    m_proxy->countFault(Fault::ServerBusy, requestKey());
    m_state = State::Head;
}

// ---- target -> client ------------------------------------------------------------------------

void ProxySession::processUpstream()
{
    if (m_state == State::Closed || m_state == State::Stalled) {
        m_fromUpstream.clear();
        return;
    }
    if (!m_awaitingAnswer) {
        forwardToClient(m_fromUpstream.size()); // nothing asked for it; pass it on unchanged
        return;
    }
    if (!m_answerHeadSeen && !takeResponseHead())
        return;
    if (m_answerHeadSeen)
        relayResponseBody();
}

bool ProxySession::takeResponseHead()
{
    for (;;) {
        const qsizetype end = m_fromUpstream.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const QByteArray head = m_fromUpstream.left(end + 4);
        m_fromUpstream.remove(0, end + 4);
        const int status = head.split(' ').value(1).toInt();
        if (status >= 100 && status < 200) {
            m_client->write(head); // an interim answer; the final one follows
            continue;
        }
        m_proxy->countResponse(status);
        m_answerHeadSeen = true;
        m_flipPending = status >= 200 && status < 300 && m_proxy->flipByte(requestKey());
        const QByteArray length = headerValue(head, "Content-Length");
        if (m_method == "HEAD" || status == 204 || status == 304) {
            m_framing = Framing::Length;
            m_answerLeft = 0;
        } else if (headerValue(head, "Transfer-Encoding").toLower().contains("chunked")) {
            m_framing = Framing::Chunked;
        } else if (!length.isEmpty()) {
            m_framing = Framing::Length;
            m_answerLeft = length.toLongLong();
        } else {
            m_framing = Framing::UntilClose;
        }
        m_holding = status == 200 && m_framing != Framing::UntilClose &&
                    m_proxy->rewritesAnswer(m_method, m_target);
        if (m_holding) {
            m_heldHead = head;
            m_held.clear();
            return true;
        }
        if (m_fault == Fault::CutResponse) {
            if (m_framing == Framing::Length && m_answerLeft == 0) {
                // Nothing to cut half-way: the answer is lost altogether, after the target
                // did the work.
                m_proxy->countFault(Fault::CutResponse, requestKey());
                closeBoth();
                return false;
            }
            m_answerForwardLimit = m_framing == Framing::Length ? m_answerLeft / 2 : 0;
        }
        m_client->write(pendingCopy(head));
        return true;
    }
}

QByteArray ProxySession::pendingCopy(const QByteArray &head) const
{
    static const QByteArray success = "x-ms-copy-status: success";
    const qsizetype at = head.toLower().indexOf(success);
    if (m_proxy->options().copyPendingAnswers <= 0 || at < 0 || !m_proxy->delayCopy(m_target))
        return head;
    QByteArray changed = head;
    changed.replace(at, success.size(), "x-ms-copy-status: pending");
    return changed;
}

void ProxySession::relayResponseBody()
{
    auto cutReached = [this] {
        if (m_answerForwardLimit < 0 || m_answerForwarded < m_answerForwardLimit)
            return false;
        m_proxy->countFault(Fault::CutResponse, requestKey());
        closeBoth();
        return true;
    };
    if (cutReached())
        return;
    switch (m_framing) {
    case Framing::Length: {
        qint64 n = std::min<qint64>(m_answerLeft, m_fromUpstream.size());
        if (m_answerForwardLimit >= 0)
            n = std::min(n, m_answerForwardLimit - m_answerForwarded);
        forwardBodyToClient(n);
        m_proxy->countResponseBody(m_method, n);
        m_answerLeft -= n;
        if (cutReached())
            return;
        if (m_answerLeft == 0)
            responseDone();
        break;
    }
    case Framing::Chunked:
        relayChunked();
        break;
    case Framing::UntilClose:
        forwardBodyToClient(m_fromUpstream.size());
        break;
    }
}

void ProxySession::relayChunked()
{
    while (!m_fromUpstream.isEmpty()) {
        switch (m_chunkPart) {
        case ChunkPart::Size: {
            const qsizetype eol = m_fromUpstream.indexOf("\r\n");
            if (eol < 0)
                return;
            bool ok = false;
            m_answerLeft =
                m_fromUpstream.left(eol).split(';').value(0).trimmed().toLongLong(&ok, 16);
            forwardToClient(eol + 2);
            m_chunkPart = m_answerLeft > 0 ? ChunkPart::Data : ChunkPart::Trailer;
            break;
        }
        case ChunkPart::Data: {
            const qint64 n = std::min<qint64>(m_answerLeft, m_fromUpstream.size());
            forwardBodyToClient(n);
            m_proxy->countResponseBody(m_method, n);
            m_answerLeft -= n;
            if (m_answerLeft == 0)
                m_chunkPart = ChunkPart::DataEnd;
            break;
        }
        case ChunkPart::DataEnd:
            if (m_fromUpstream.size() < 2)
                return;
            forwardToClient(2);
            m_chunkPart = ChunkPart::Size;
            break;
        case ChunkPart::Trailer: {
            const qsizetype eol = m_fromUpstream.indexOf("\r\n");
            if (eol < 0)
                return;
            forwardToClient(eol + 2);
            if (eol == 0) {
                responseDone();
                return;
            }
            break;
        }
        }
    }
}

void ProxySession::forwardToClient(qint64 bytes)
{
    if (bytes <= 0)
        return;
    if (m_holding)
        m_held.append(m_fromUpstream.constData(), bytes);
    else
        m_client->write(m_fromUpstream.constData(), bytes);
    m_fromUpstream.remove(0, bytes);
    m_answerForwarded += bytes;
}

void ProxySession::sendHeldAnswer()
{
    m_holding = false;
    const QByteArray body =
        m_proxy->rewriteListingBody(m_framing == Framing::Chunked ? dechunk(m_held) : m_held);
    QByteArray head;
    const QList<QByteArray> lines = m_heldHead.trimmed().split('\n');
    for (const QByteArray &line : lines) {
        const QByteArray name = line.left(line.indexOf(':')).trimmed().toLower();
        if (name != "content-length" && name != "transfer-encoding" && name != "content-type" &&
            name != "content-md5")
            head += line.trimmed() + "\r\n";
    }
    head += body.startsWith("<!DOCTYPE html") ? "Content-Type: text/html; charset=utf-8\r\n"
                                              : "Content-Type: application/xml\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    m_client->write(head + body);
}

void ProxySession::forwardBodyToClient(qint64 bytes)
{
    if (m_flipPending && bytes > 0) {
        m_fromUpstream[0] = char(m_fromUpstream[0] ^ 0x01);
        m_flipPending = false;
        m_proxy->countFlip();
    }
    forwardToClient(bytes);
}

void ProxySession::responseDone()
{
    if (m_holding)
        sendHeldAnswer();
    m_awaitingAnswer = false;
    if (m_state == State::Answering) {
        m_state = State::Head;
        processClient();
    }
}

void ProxySession::closeBoth()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    // disconnectFromHost() sends what is already written (half a body) before it closes.
    m_upstream->disconnectFromHost();
    m_client->disconnectFromHost();
}

} // namespace blobferry::tools
