// SPDX-License-Identifier: MIT
#include "FakeBlobService.h"

#include "FakeBlobReply.h"

#include <memory>
#include <utility>

namespace blobferry::test {

namespace {

QByteArray verbOf(QNetworkAccessManager::Operation op, const QNetworkRequest &request)
{
    switch (op) {
    case QNetworkAccessManager::HeadOperation:
        return "HEAD";
    case QNetworkAccessManager::GetOperation:
        return "GET";
    case QNetworkAccessManager::PutOperation:
        return "PUT";
    case QNetworkAccessManager::PostOperation:
        return "POST";
    case QNetworkAccessManager::DeleteOperation:
        return "DELETE";
    default:
        return request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
    }
}

} // namespace

FakeBlobService::FakeBlobService(FakeBlobStore *store, QObject *parent)
    : QNetworkAccessManager(parent)
    , m_store(store)
{}

net::AccessManagerFactory FakeBlobService::factory(FakeBlobStore *store)
{
    return [store](QObject *parent) { return new FakeBlobService(store, parent); };
}

QNetworkReply *FakeBlobService::createRequest(Operation op, const QNetworkRequest &request,
                                              QIODevice *outgoingData)
{
    FakeRequest asked;
    asked.verb = verbOf(op, request);
    asked.url = request.url();
    FakeBlobStore::locate(asked.url, &asked.container, &asked.blob);
    asked.query = QUrlQuery(asked.url);
    for (const QByteArray &name : request.rawHeaderList())
        asked.headers.append({name.toLower(), request.rawHeader(name)});
    // The whole body now: the caller may delete the device once the reply exists. Read to its
    // end, as Qt does: one readAll() of a device that pads (a page's last range) stops short.
    while (outgoingData && !outgoingData->atEnd()) {
        const QByteArray chunk = outgoingData->read(64 * 1024);
        if (chunk.isEmpty())
            break;
        asked.body += chunk;
    }

    const std::optional<FakeFault> fault = m_store->takeFault(asked.verb, asked.url);
    FakeBlobReply::Behaviour behaviour;
    FakeAnswer answer;
    if (fault && fault->kind == FakeFault::Kind::Status) {
        answer = FakeAnswer::error(fault->status, fault->errorCode,
                                   QStringLiteral("Injected by the fake Blob service."));
        answer.headers += fault->headers;
    } else if (fault && fault->kind == FakeFault::Kind::Hang) {
        behaviour.hang = true; // and the request never reaches the store
    } else {
        answer = m_store->answer(asked);
        if (fault && fault->kind == FakeFault::Kind::Delay)
            behaviour.delayMs = fault->delayMs;
        if (fault &&
            (fault->kind == FakeFault::Kind::Cut || fault->kind == FakeFault::Kind::QuietCut))
            behaviour.cutAfter = fault->cutAfter;
        behaviour.quietCut = fault && fault->kind == FakeFault::Kind::QuietCut;
    }
    auto *reply = new FakeBlobReply(op, request, answer.status, answer.headers, answer.body,
                                    asked.body.size(), behaviour, this);
    // Open from now until it finishes or goes (an aborted reply may do either first).
    m_store->opened(asked.verb);
    auto open = std::make_shared<bool>(true);
    auto close = [store = m_store, verb = asked.verb, open] {
        if (std::exchange(*open, false))
            store->closed(verb);
    };
    connect(reply, &QNetworkReply::finished, this, close);
    connect(reply, &QObject::destroyed, this, close);
    return reply;
}

} // namespace blobferry::test
