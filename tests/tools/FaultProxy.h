// SPDX-License-Identifier: MIT
// Test equipment, not product code: the fault-injecting HTTP proxy the fault-tolerance tests
// put between blobferry-cli and Azurite.
#pragma once

#include "ListingRewrite.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QRandomGenerator>
#include <QSet>
#include <QString>

class QTcpServer;
class QTimer;

namespace blobferry::tools {

// What to do to one request, decided when its head has arrived.
enum class Fault
{
    None,
    ServerBusy,  // answer 503 ServerBusy without forwarding
    CutRequest,  // forward half the request body, then close both connections
    CutResponse, // forward half the response body, then close both connections
    Stall,       // swallow the request and never answer
};

struct FaultOptions
{
    QString targetHost = QStringLiteral("127.0.0.1");
    quint16 targetPort = 0;
    quint16 listenPort = 0; // 0: the kernel picks one
    quint32 seed = 1;
    double busyFraction = 0;   // --fail-503
    bool busyFirstTry = false; // --fail-503-first: every distinct request is refused once
    double cutFraction = 0;    // --cut
    double stallFraction = 0;  // --stall
    int delayMs = 0;           // --delay-ms
    int retryAfterMs = -1;     // --retry-after-ms: x-ms-retry-after-ms on the 503s
    QByteArray match;          // --match: faults only for request lines containing this
    QString statsFile;         // --stats
    // --copy-pending N: the first N answers per blob that say x-ms-copy-status: success say
    // pending instead. Azurite completes every Copy Blob at once; Azure may not.
    int copyPendingAnswers = 0;
    ListingFault listing = ListingFault::None; // --listing: List Blobs answers spoilt
    // --flip-byte N: the first N successful GET answers (those --match picks) reach the client
    // with one body byte changed, as a faulty network device or proxy might: the length and
    // headers stay right, so only a checksum can tell.
    int flipAnswers = 0;
};

// Accepts connections on 127.0.0.1, relays each to the target through a ProxySession, decides
// the faults with a seeded PRNG and keeps the counts a test reads from the stats file.
// The seed fixes the sequence of decisions, not which request gets which: parallel requests
// arrive in no fixed order.
class FaultProxy final : public QObject
{
    Q_OBJECT
public:
    explicit FaultProxy(FaultOptions options, QObject *parent = nullptr);

    bool listen(QString *error);
    quint16 port() const;
    const FaultOptions &options() const { return m_options; }

    // Called by sessions.
    Fault decide(const QByteArray &method, const QByteArray &target, bool hasBody);
    void countResponse(int status);
    void countForwardedBody(const QByteArray &method, qint64 bytes);
    void countResponseBody(const QByteArray &method, qint64 bytes);
    // requestKey ("METHOD target") lets a later retry of a 503'd request be recognised.
    void countFault(Fault fault, const QByteArray &requestKey);

    // --copy-pending: whether this answer's "success" becomes "pending" (counts it).
    bool delayCopy(const QByteArray &target);
    // --flip-byte: whether this successful GET answer gets a byte changed.
    bool flipByte(const QByteArray &requestKey);
    void countFlip();

    // --listing: whether this request's answer is held and rewritten; the rewritten body.
    bool rewritesAnswer(const QByteArray &method, const QByteArray &target) const;
    QByteArray rewriteListingBody(const QByteArray &body);

    // Writes the stats file now (also done every 100 ms while something changed).
    void writeStats();

private:
    void onNewConnection();
    void markDirty();

    FaultOptions m_options;
    QTcpServer *m_server = nullptr;
    QTimer *m_flushTimer = nullptr;
    QRandomGenerator m_random;
    QElapsedTimer m_clock;
    bool m_dirty = true;

    qint64 m_connections = 0;
    qint64 m_requests = 0;
    QHash<QByteArray, qint64> m_requestsByMethod;
    QHash<QByteArray, qint64> m_bodyBytesByMethod;
    qint64 m_bodyBytes = 0;
    qint64 m_responseBodyBytes = 0;
    QHash<QByteArray, qint64> m_responseBodyBytesByMethod; // of the request answered
    QHash<int, qint64> m_responsesByStatus;
    qint64 m_busyAnswers = 0;
    qint64 m_cutRequests = 0;
    qint64 m_cutResponses = 0;
    qint64 m_stalls = 0;
    // "METHOD target" of requests answered 503 -> when; a later request with the same key is
    // the client's retry, and the gap shows whether it waited as long as it was asked to.
    QHash<QByteArray, qint64> m_busyAt;
    QSet<QByteArray> m_seen;              // for --fail-503-first
    QHash<QByteArray, int> m_copyPending; // blob path -> answers turned pending
    qint64 m_copyPendingAnswers = 0;
    qint64 m_listingsRewritten = 0;
    int m_flipsChosen = 0;
    qint64 m_flippedBytes = 0;
    qint64 m_retriesSeen = 0;
    qint64 m_minRetryGapMs = -1;
};

} // namespace blobferry::tools
