// SPDX-License-Identifier: MIT
#include "FaultProxy.h"

#include "ProxySession.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTcpServer>
#include <QTimer>

namespace blobferry::tools {

namespace {

constexpr int kFlushIntervalMs = 100;

template<typename Key> QJsonObject countsObject(const QHash<Key, qint64> &counts)
{
    QJsonObject object;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if constexpr (std::is_same_v<Key, int>)
            object.insert(QString::number(it.key()), it.value());
        else
            object.insert(QString::fromLatin1(it.key()), it.value());
    }
    return object;
}

} // namespace

FaultProxy::FaultProxy(FaultOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_server(new QTcpServer(this))
    , m_flushTimer(new QTimer(this))
    , m_random(m_options.seed)
{
    m_clock.start();
    connect(m_server, &QTcpServer::newConnection, this, &FaultProxy::onNewConnection);
    m_flushTimer->setInterval(kFlushIntervalMs);
    connect(m_flushTimer, &QTimer::timeout, this, [this] {
        if (m_dirty)
            writeStats();
    });
}

bool FaultProxy::listen(QString *error)
{
    if (!m_server->listen(QHostAddress::LocalHost, m_options.listenPort)) {
        *error = m_server->errorString();
        return false;
    }
    writeStats(); // a reader finds the file as soon as the port is known
    m_flushTimer->start();
    return true;
}

quint16 FaultProxy::port() const
{
    return m_server->serverPort();
}

void FaultProxy::onNewConnection()
{
    while (QTcpSocket *client = m_server->nextPendingConnection()) {
        ++m_connections;
        markDirty();
        new ProxySession(client, this);
    }
}

Fault FaultProxy::decide(const QByteArray &method, const QByteArray &target, bool hasBody)
{
    ++m_requests;
    ++m_requestsByMethod[method];
    markDirty();
    const QByteArray key = method + ' ' + target;
    if (const auto it = m_busyAt.constFind(key); it != m_busyAt.cend()) {
        const qint64 gap = m_clock.elapsed() - it.value();
        m_minRetryGapMs = m_minRetryGapMs < 0 ? gap : std::min(m_minRetryGapMs, gap);
        ++m_retriesSeen;
        m_busyAt.erase(it);
    }
    if (!m_options.match.isEmpty() && !key.contains(m_options.match))
        return Fault::None;
    if (m_options.busyFirstTry && !m_seen.contains(key)) {
        m_seen.insert(key);
        return Fault::ServerBusy;
    }
    const double roll = m_random.generateDouble();
    double edge = m_options.busyFraction;
    if (roll < edge)
        return Fault::ServerBusy;
    edge += m_options.cutFraction;
    if (roll < edge) {
        // Half the cuts hit the request body, half the response body; a request without a
        // body can only lose its response.
        const bool requestSide = m_random.bounded(2) == 0;
        return requestSide && hasBody ? Fault::CutRequest : Fault::CutResponse;
    }
    edge += m_options.stallFraction;
    if (roll < edge)
        return Fault::Stall;
    return Fault::None;
}

void FaultProxy::countResponse(int status)
{
    ++m_responsesByStatus[status];
    markDirty();
}

void FaultProxy::countResponseBody(const QByteArray &method, qint64 bytes)
{
    m_responseBodyBytes += bytes;
    m_responseBodyBytesByMethod[method] += bytes;
    markDirty();
}

void FaultProxy::countForwardedBody(const QByteArray &method, qint64 bytes)
{
    m_bodyBytes += bytes;
    m_bodyBytesByMethod[method] += bytes;
    markDirty();
}

void FaultProxy::countFault(Fault fault, const QByteArray &requestKey)
{
    switch (fault) {
    case Fault::ServerBusy:
        ++m_busyAnswers;
        m_busyAt.insert(requestKey, m_clock.elapsed());
        break;
    case Fault::CutRequest:
        ++m_cutRequests;
        break;
    case Fault::CutResponse:
        ++m_cutResponses;
        break;
    case Fault::Stall:
        ++m_stalls;
        break;
    case Fault::None:
        return;
    }
    markDirty();
}

bool FaultProxy::delayCopy(const QByteArray &target)
{
    const qsizetype query = target.indexOf('?');
    const QByteArray path = query < 0 ? target : target.left(query); // left(-1) is empty
    if (m_copyPending.value(path) >= m_options.copyPendingAnswers)
        return false;
    ++m_copyPending[path];
    ++m_copyPendingAnswers;
    markDirty();
    return true;
}

bool FaultProxy::flipByte(const QByteArray &requestKey)
{
    if (m_flipsChosen >= m_options.flipAnswers || !requestKey.startsWith("GET ") ||
        (!m_options.match.isEmpty() && !requestKey.contains(m_options.match)))
        return false;
    ++m_flipsChosen;
    return true;
}

void FaultProxy::countFlip()
{
    ++m_flippedBytes;
    markDirty();
}

void FaultProxy::markDirty()
{
    m_dirty = true;
}

bool FaultProxy::rewritesAnswer(const QByteArray &method, const QByteArray &target) const
{
    return m_options.listing != ListingFault::None && isListBlobs(method, target);
}

QByteArray FaultProxy::rewriteListingBody(const QByteArray &body)
{
    ++m_listingsRewritten;
    markDirty();
    return rewriteListing(m_options.listing, body);
}

void FaultProxy::writeStats()
{
    m_dirty = false;
    if (m_options.statsFile.isEmpty())
        return;
    const QJsonObject stats{
        {QStringLiteral("connections"), m_connections},
        {QStringLiteral("requests"), m_requests},
        {QStringLiteral("requestsByMethod"), countsObject(m_requestsByMethod)},
        {QStringLiteral("requestBodyBytes"), m_bodyBytes},
        {QStringLiteral("requestBodyBytesByMethod"), countsObject(m_bodyBytesByMethod)},
        {QStringLiteral("responsesByStatus"), countsObject(m_responsesByStatus)},
        {QStringLiteral("responseBodyBytes"), m_responseBodyBytes},
        {QStringLiteral("responseBodyBytesByMethod"), countsObject(m_responseBodyBytesByMethod)},
        {QStringLiteral("faults"),
         QJsonObject{{QStringLiteral("serverBusy"), m_busyAnswers},
                     {QStringLiteral("cutRequest"), m_cutRequests},
                     {QStringLiteral("cutResponse"), m_cutResponses},
                     {QStringLiteral("stall"), m_stalls},
                     {QStringLiteral("copyPending"), m_copyPendingAnswers},
                     {QStringLiteral("listingRewritten"), m_listingsRewritten},
                     {QStringLiteral("flippedByte"), m_flippedBytes}}},
        {QStringLiteral("after503"), QJsonObject{{QStringLiteral("retries"), m_retriesSeen},
                                                 {QStringLiteral("minGapMs"), m_minRetryGapMs}}},
    };
    // QSaveFile writes a temporary file and renames it: a reader never sees half a document.
    QSaveFile file(m_options.statsFile);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(QJsonDocument(stats).toJson());
        file.commit();
    }
}

} // namespace blobferry::tools
