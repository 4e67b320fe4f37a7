// SPDX-License-Identifier: MIT
#include "BlobService.h"

#include "AzureError.h"
#include "BlobTags.h"
#include "net/Requester.h"

namespace blobferry::azure {

BlobService::BlobService(net::Requester *requester, BlobRequests requests, net::RetryPolicy retry)
    : m_requester(requester)
    , m_requests(std::make_shared<const BlobRequests>(std::move(requests)))
    , m_retry(retry)
{}

BlobService::BlobService(net::Requester *requester, const BlobLocation &location,
                         const Credential &credential, net::RetryPolicy retry)
    : BlobService(requester, BlobRequests(location, credential), retry)
{}

void BlobService::call(Build build, const QUrl &about, QObject *context, Answer answer) const
{
    net::Request request;
    request.factory = [requests = m_requests, build = std::move(build)] {
        return build(*requests);
    };
    request.policy = m_retry;
    m_requester->send(std::move(request), context,
                      [about, answer = std::move(answer)](const net::HttpResult &result) {
                          CallOutcome outcome;
                          outcome.status = result.status;
                          if (!result.ok())
                              outcome.error = describeFailure(result, about);
                          answer(outcome, result);
                      });
}

void BlobService::listPage(const QString &prefix, const QString &delimiter, const QString &marker,
                           int pageSize, QObject *context, PageDone done) const
{
    call(
        [=](const BlobRequests &requests) {
            return requests.listBlobs(prefix, delimiter, marker, pageSize);
        },
        m_requests->location().containerUrl(), context,
        [done = std::move(done)](CallOutcome outcome, const net::HttpResult &result) {
            BlobListPage page;
            if (outcome.ok() && !xml::parseBlobList(result.body, &page, &outcome.error))
                page = {};
            done(outcome, page);
        });
}

void BlobService::listContainers(const QString &marker, QObject *context, ContainersDone done) const
{
    call([marker](const BlobRequests &requests) { return requests.listContainers(marker); },
         m_requests->location().serviceUrl(), context,
         [done = std::move(done)](CallOutcome outcome, const net::HttpResult &result) {
             ContainerListPage page;
             if (outcome.ok() && !xml::parseContainerList(result.body, &page, &outcome.error))
                 page = {};
             done(outcome, page);
         });
}

void BlobService::createContainer(QObject *context, Done done) const
{
    call([](const BlobRequests &requests) { return requests.createContainer(); },
         m_requests->location().containerUrl(), context,
         [done = std::move(done)](const CallOutcome &outcome, const net::HttpResult &) {
             done(outcome);
         });
}

void BlobService::deleteContainer(QObject *context, Done done) const
{
    call([](const BlobRequests &requests) { return requests.deleteContainer(); },
         m_requests->location().containerUrl(), context,
         [done = std::move(done)](const CallOutcome &outcome, const net::HttpResult &) {
             done(outcome);
         });
}

void BlobService::getProperties(const QString &blob, QObject *context, PropertiesDone done) const
{
    call([blob](const BlobRequests &requests) { return requests.getProperties(blob); },
         m_requests->location().blobUrl(blob), context,
         [blob, done = std::move(done)](const CallOutcome &outcome, const net::HttpResult &result) {
             done(outcome, outcome.ok() ? BlobEntry::fromHeaders(blob, result) : BlobEntry{});
         });
}

void BlobService::setProperties(const QString &blob, const BlobProperties &properties,
                                const QByteArray &ifMatch, QObject *context, Done done) const
{
    call(
        [=](const BlobRequests &requests) {
            return requests.setProperties(blob, properties, ifMatch);
        },
        m_requests->location().blobUrl(blob), context,
        [done = std::move(done)](const CallOutcome &outcome, const net::HttpResult &) {
            done(outcome);
        });
}

void BlobService::deleteBlob(const QString &blob, const QByteArray &ifMatch, QObject *context,
                             Done done) const
{
    call([=](const BlobRequests &requests) { return requests.deleteBlob(blob, ifMatch); },
         m_requests->location().blobUrl(blob), context,
         [done = std::move(done)](const CallOutcome &outcome, const net::HttpResult &) {
             done(outcome);
         });
}

void BlobService::setTier(const QString &blob, const QByteArray &tier,
                          const QByteArray &rehydratePriority, QObject *context, Done done) const
{
    call(
        [=](const BlobRequests &requests) {
            return requests.setTier(blob, tier, rehydratePriority);
        },
        m_requests->location().blobUrl(blob), context,
        [done = std::move(done)](const CallOutcome &outcome, const net::HttpResult &) {
            done(outcome);
        });
}

void BlobService::getDetails(const QString &blob, QObject *context, DetailsDone done) const
{
    call([blob](const BlobRequests &requests) { return requests.getProperties(blob); },
         m_requests->location().blobUrl(blob), context,
         [blob, done = std::move(done)](const CallOutcome &outcome, const net::HttpResult &result) {
             done(outcome, outcome.ok() ? BlobDetails::fromHeaders(blob, result) : BlobDetails{});
         });
}

void BlobService::setHttpHeaders(const QString &blob, const BlobHttpHeaders &headers,
                                 const QByteArray &ifMatch, QObject *context,
                                 WrittenDone done) const
{
    call(
        [=](const BlobRequests &requests) {
            return requests.setHttpHeaders(blob, headers, ifMatch);
        },
        m_requests->location().blobUrl(blob), context,
        [done = std::move(done)](const CallOutcome &outcome, const net::HttpResult &result) {
            done(outcome, outcome.ok() ? result.header("ETag") : QByteArray());
        });
}

void BlobService::setMetadata(const QString &blob, const KeyValues &metadata,
                              const QByteArray &ifMatch, QObject *context, WrittenDone done) const
{
    call(
        [=](const BlobRequests &requests) { return requests.setMetadata(blob, metadata, ifMatch); },
        m_requests->location().blobUrl(blob), context,
        [done = std::move(done)](const CallOutcome &outcome, const net::HttpResult &result) {
            done(outcome, outcome.ok() ? result.header("ETag") : QByteArray());
        });
}

void BlobService::getTags(const QString &blob, QObject *context, TagsDone done) const
{
    call([blob](const BlobRequests &requests) { return requests.getTags(blob); },
         m_requests->location().blobUrl(blob), context,
         [done = std::move(done)](CallOutcome outcome, const net::HttpResult &result) {
             KeyValues tags;
             if (outcome.ok())
                 parseTags(result.body, &tags, &outcome.error);
             done(outcome, tags);
         });
}

void BlobService::setTags(const QString &blob, const KeyValues &tags, QObject *context,
                          Done done) const
{
    call([=](const BlobRequests &requests) { return requests.setTags(blob, tags); },
         m_requests->location().blobUrl(blob), context,
         [done = std::move(done)](const CallOutcome &outcome, const net::HttpResult &) {
             done(outcome);
         });
}

} // namespace blobferry::azure
