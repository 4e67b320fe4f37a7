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

void BlobService::call(Build build, const QUrl &about, QObject *context, Answer answer,
                       net::HttpJob::Sink sink) const
{
    net::Request request;
    request.factory = [requests = m_requests, build = std::move(build)] {
        return build(*requests);
    };
    request.policy = m_retry;
    request.sink = std::move(sink);
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

void BlobService::listSnapshots(const QString &blob, QObject *context, SnapshotsDone done) const
{
    listSnapshotsFrom(blob, {}, std::make_shared<QList<BlobEntry>>(), context, std::move(done));
}

void BlobService::listSnapshotsFrom(const QString &blob, const QString &marker,
                                    std::shared_ptr<QList<BlobEntry>> found, QObject *context,
                                    SnapshotsDone done) const
{
    call([=](const BlobRequests &requests) { return requests.listSnapshots(blob, marker); },
         m_requests->location().containerUrl(), context,
         [self = *this, blob, marker, found, context,
          done = std::move(done)](CallOutcome outcome, const net::HttpResult &result) {
             BlobListPage page;
             if (outcome.ok())
                 xml::parseBlobList(result.body, &page, &outcome.error);
             if (!outcome.ok()) {
                 done(outcome, {});
                 return;
             }
             for (const BlobEntry &entry : std::as_const(page.blobs))
                 if (entry.name == blob && !entry.snapshot.isEmpty())
                     found->append(entry);
             // A marker that does not move on would list forever.
             if (page.nextMarker.isEmpty() || page.nextMarker == marker)
                 done(outcome, *found);
             else
                 self.listSnapshotsFrom(blob, page.nextMarker, found, context, done);
         });
}

void BlobService::takeSnapshot(const QString &blob, QObject *context, SnapshotDone done) const
{
    call([blob](const BlobRequests &requests) { return requests.snapshotBlob(blob); },
         m_requests->location().blobUrl(blob), context,
         [done = std::move(done)](const CallOutcome &outcome, const net::HttpResult &result) {
             done(outcome, QString::fromLatin1(result.header("x-ms-snapshot")));
         });
}

void BlobService::deleteSnapshot(const QString &blob, const QString &snapshot, QObject *context,
                                 Done done) const
{
    call([=](const BlobRequests &requests) { return requests.deleteSnapshot(blob, snapshot); },
         m_requests->location().blobUrl(blob), context,
         [done = std::move(done)](const CallOutcome &outcome, const net::HttpResult &) {
             done(outcome);
         });
}

void BlobService::promoteSnapshot(const QString &blob, const QString &snapshot, QObject *context,
                                  CopyDone done) const
{
    call(
        [=](const BlobRequests &requests) {
            return requests.copyBlob(blob, requests.snapshotUrl(blob, snapshot));
        },
        m_requests->location().blobUrl(blob), context,
        [done = std::move(done)](const CallOutcome &outcome, const net::HttpResult &result) {
            done(outcome, result.header("x-ms-copy-status"));
        });
}

void BlobService::fetch(const QString &blob, const QString &snapshot, qint64 offset, qint64 length,
                        const QByteArray &ifMatch, net::HttpJob::Sink sink, QObject *context,
                        FetchDone done) const
{
    // What the sink has taken, so that a retry continues after it instead of repeating it.
    auto taken = std::make_shared<qint64>(0);
    net::HttpJob::Sink counted;
    if (sink)
        counted = [taken, sink = std::move(sink)](const QByteArray &chunk) {
            *taken += chunk.size();
            return sink(chunk);
        };
    call(
        [=](const BlobRequests &requests) {
            const qint64 left = length < 0 ? -1 : length - *taken;
            return requests.getBlob(blob, offset + *taken, left, ifMatch, false, snapshot);
        },
        m_requests->location().blobUrl(blob), context,
        [done = std::move(done)](const CallOutcome &outcome, const net::HttpResult &result) {
            Fetched fetched;
            if (outcome.ok()) {
                fetched.bytes = result.body;
                fetched.etag = result.header("ETag");
                const QByteArray range = result.header("Content-Range"); // bytes a-b/total
                const qsizetype slash = range.lastIndexOf('/');
                fetched.blobSize = slash >= 0 ? range.mid(slash + 1).toLongLong()
                                              : result.header("Content-Length").toLongLong();
            }
            done(outcome, fetched);
        },
        std::move(counted));
}

} // namespace blobferry::azure
