// SPDX-License-Identifier: MIT
// Test equipment, not product code: one relayed connection of the fault-injecting proxy.
#pragma once

#include "FaultProxy.h"

#include <QByteArray>
#include <QObject>

class QTcpSocket;

namespace blobferry::tools {

// One client connection and a connection of its own to the target, relayed request by request.
// It reads just enough HTTP/1.1 (request line, headers, Content-Length bodies; response
// Content-Length or chunked bodies) to know where each request and answer ends, and applies
// the fault the proxy chose for that request.
//
//   Head ─► Delaying ─► Body ─► Answering ─► Head   (the answer is relayed as it arrives)
//    │ 503:   Discarding (body read and dropped) ─► 503 written ─► Head
//    │ stall: Stalled (body read and dropped, no answer ever)
//    ├ cut:   both connections closed half-way through the request or the response body
//    └ flip:  the answer relayed with its first body byte changed (--flip-byte)
class ProxySession final : public QObject
{
    Q_OBJECT
public:
    ProxySession(QTcpSocket *client, FaultProxy *proxy);

private:
    enum class State
    {
        Head,
        Delaying,
        Body,
        Discarding,
        Answering,
        Stalled,
        Closed,
    };
    enum class Framing
    {
        Length,
        Chunked,
        UntilClose,
    };
    enum class ChunkPart
    {
        Size,
        Data,
        DataEnd,
        Trailer,
    };

    void processClient();
    bool takeRequestHead();
    void startRequest();
    void forwardRequestBody();
    void discardRequestBody();
    void answerBusy();

    void processUpstream();
    bool takeResponseHead();
    void relayResponseBody();
    void relayChunked();
    void forwardToClient(qint64 bytes);
    // Forwards body bytes, the first of them changed when this answer was chosen to be.
    void forwardBodyToClient(qint64 bytes);
    void responseDone();
    void sendHeldAnswer();

    void closeBoth();
    QByteArray requestKey() const { return m_method + ' ' + m_target; }
    // --copy-pending: the answer's head, its copy status turned to pending when chosen.
    QByteArray pendingCopy(const QByteArray &head) const;

    QTcpSocket *m_client;
    QTcpSocket *m_upstream;
    FaultProxy *m_proxy;
    State m_state = State::Head;
    QByteArray m_fromClient;
    QByteArray m_fromUpstream;

    // The request being relayed.
    QByteArray m_head;
    QByteArray m_method;
    QByteArray m_target;
    Fault m_fault = Fault::None;
    qint64 m_requestLeft = 0;
    qint64 m_requestForwardLimit = -1; // for a request cut: body bytes to forward first

    // Its answer.
    bool m_awaitingAnswer = false;
    bool m_answerHeadSeen = false;
    Framing m_framing = Framing::Length;
    ChunkPart m_chunkPart = ChunkPart::Size;
    qint64 m_answerLeft = 0;          // body bytes (Length) or bytes of the current chunk (Chunked)
    qint64 m_answerForwardLimit = -1; // for a response cut: body bytes to forward first
    qint64 m_answerForwarded = 0;
    // --listing: the answer is held whole, then sent rewritten.
    bool m_holding = false;
    QByteArray m_heldHead;
    QByteArray m_held;
    bool m_flipPending = false; // --flip-byte: the next body byte goes out changed
};

} // namespace blobferry::tools
