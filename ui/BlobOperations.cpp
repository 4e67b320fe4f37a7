// SPDX-License-Identifier: MIT
#include "BlobOperations.h"

#include "ServiceCall.h"
#include "azure/AzureError.h"
#include "azure/BlobRequests.h"
#include "azure/BlobXml.h"
#include "azure/ListingMarkers.h"

#include <QCoreApplication>
#include <memory>

namespace blobferry::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("BlobOperations", text);
}

using ContainerCall = net::PreparedRequest (azure::BlobRequests::*)() const;

// Create and delete differ only in the request and the words.
void containerCall(QNetworkAccessManager *nam, const Connection &connection, const QString &name,
                   ContainerCall call, const char *failed, const char *succeeded, QObject *context,
                   LogLine log, std::function<void(bool)> done)
{
    QString error;
    const auto location = connection.location(name, {}, &error);
    if (!location) {
        log(QString::fromUtf8(failed).arg(name, error));
        done(false);
        return;
    }
    auto requests = std::make_shared<azure::BlobRequests>(*location, connection.credential);
    callService(
        nam, [requests, call] { return ((*requests).*call)(); }, context,
        [requests, name, failed, succeeded, log, done](const net::HttpResult &result) {
            if (!result.ok()) {
                log(tr(failed).arg(
                    name, azure::describeFailure(result, requests->location().containerUrl())));
                done(false);
                return;
            }
            log(tr(succeeded).arg(name));
            done(true);
        });
}

} // namespace

void createContainer(QNetworkAccessManager *nam, const Connection &connection, const QString &name,
                     QObject *context, LogLine log, std::function<void(bool)> done)
{
    containerCall(nam, connection, name, &azure::BlobRequests::createContainer,
                  QT_TRANSLATE_NOOP("BlobOperations", "Cannot create container %1: %2"),
                  QT_TRANSLATE_NOOP("BlobOperations", "Created container %1"), context,
                  std::move(log), std::move(done));
}

void deleteContainer(QNetworkAccessManager *nam, const Connection &connection, const QString &name,
                     QObject *context, LogLine log, std::function<void(bool)> done)
{
    containerCall(nam, connection, name, &azure::BlobRequests::deleteContainer,
                  QT_TRANSLATE_NOOP("BlobOperations", "Cannot delete container %1: %2"),
                  QT_TRANSLATE_NOOP("BlobOperations", "Deleted container %1"), context,
                  std::move(log), std::move(done));
}

void deleteBlobs(QNetworkAccessManager *nam, const Connection &connection, const QString &container,
                 const QStringList &blobs, const QStringList &folders, QObject *context,
                 LogLine log, std::function<void()> done)
{
    QString error;
    const auto location = connection.location(container, {}, &error);
    if (!location) {
        log(tr("Cannot delete from %1: %2").arg(container, error));
        done();
        return;
    }
    auto requests = std::make_shared<azure::BlobRequests>(*location, connection.credential);
    // Requests still to answer, listings included; `done` when it reaches zero.
    auto remaining = std::make_shared<int>(0);
    auto finishOne = [remaining, done] {
        if (--*remaining == 0)
            done();
    };
    auto deleteOne = [nam, requests, remaining, finishOne, context, log](const QString &name) {
        ++*remaining;
        callService(
            nam, [requests, name] { return requests->deleteBlob(name); }, context,
            [requests, name, finishOne, log](const net::HttpResult &result) {
                if (!result.ok() && result.status != 404)
                    log(tr("Cannot delete %1: %2")
                            .arg(name, azure::describeFailure(result,
                                                              requests->location().blobUrl(name))));
                else
                    log(tr("Deleted: %1").arg(name));
                finishOne();
            });
    };
    ++*remaining; // held until every request below is under way
    for (const QString &blob : blobs)
        deleteOne(blob);
    // Folders: everything under each (no delimiter), page by page, deleted as it comes.
    for (const QString &folder : folders) {
        auto listPage = std::make_shared<std::function<void(const QString &)>>();
        auto markers = std::make_shared<azure::ListingMarkers>();
        ++*remaining;
        *listPage = [nam, requests, folder, deleteOne, listPage, markers, finishOne, context,
                     log](const QString &marker) {
            callService(
                nam, [requests, folder, marker] { return requests->listBlobs(folder, {}, marker); },
                context,
                [requests, folder, deleteOne, listPage, markers, finishOne,
                 log](const net::HttpResult &result) {
                    azure::BlobListPage page;
                    QString parseError;
                    if (!result.ok() ||
                        !azure::xml::parseBlobList(result.body, &page, &parseError) ||
                        !markers->follow(page.nextMarker, &parseError)) {
                        log(tr("Cannot list %1 to delete it: %2")
                                .arg(folder,
                                     result.ok()
                                         ? parseError
                                         : azure::describeFailure(
                                               result, requests->location().containerUrl())));
                    } else {
                        for (const azure::BlobEntry &entry : std::as_const(page.blobs))
                            deleteOne(entry.name);
                        if (!page.nextMarker.isEmpty()) {
                            (*listPage)(page.nextMarker);
                            return;
                        }
                    }
                    finishOne();
                    *listPage = nullptr; // breaks the self-reference
                });
        };
        (*listPage)(QString());
    }
    finishOne();
}

} // namespace blobferry::ui
