// SPDX-License-Identifier: MIT
#include "BlobOperations.h"

#include "azure/BlobDeletion.h"

#include <QCoreApplication>
#include <memory>

namespace blobferry::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("BlobOperations", text);
}

using ContainerCall = void (azure::BlobService::*)(QObject *, azure::BlobService::Done) const;

// Create and delete differ only in the call and the words.
void containerCall(net::Requester *requester, const Connection &connection, const QString &name,
                   ContainerCall call, const char *failed, const char *succeeded, QObject *context,
                   LogLine log, std::function<void(const azure::CallOutcome &)> done)
{
    QString error;
    const auto service = windowService(requester, connection, name, &error);
    if (!service) {
        log(tr(failed).arg(name, error));
        done(azure::CallOutcome{error, 0});
        return;
    }
    ((*service).*call)(context,
                       [name, failed, succeeded, log, done](const azure::CallOutcome &outcome) {
                           if (!outcome.ok())
                               log(tr(failed).arg(name, outcome.error));
                           else
                               log(tr(succeeded).arg(name));
                           done(outcome);
                       });
}

} // namespace

std::optional<azure::BlobService> windowService(net::Requester *requester,
                                                const Connection &connection,
                                                const QString &containerName, QString *error)
{
    const auto location = containerName.isEmpty() ? connection.serviceLocation(error)
                                                  : connection.location(containerName, {}, error);
    if (!location)
        return std::nullopt;
    net::RetryPolicy policy;
    policy.maxTries = 2; // the window reports quickly; the user can refresh
    policy.stallTimeoutMs = 30'000;
    return azure::BlobService(requester, *location, connection.credential, policy);
}

void createContainer(net::Requester *requester, const Connection &connection, const QString &name,
                     QObject *context, LogLine log, std::function<void(bool)> done)
{
    containerCall(requester, connection, name, &azure::BlobService::createContainer,
                  QT_TRANSLATE_NOOP("BlobOperations", "Cannot create container %1: %2"),
                  QT_TRANSLATE_NOOP("BlobOperations", "Created container %1"), context,
                  std::move(log),
                  [done](const azure::CallOutcome &outcome) { done(outcome.ok()); });
}

void deleteContainer(net::Requester *requester, const Connection &connection, const QString &name,
                     QObject *context, LogLine log,
                     std::function<void(const azure::CallOutcome &)> done)
{
    containerCall(requester, connection, name, &azure::BlobService::deleteContainer,
                  QT_TRANSLATE_NOOP("BlobOperations", "Cannot delete container %1: %2"),
                  QT_TRANSLATE_NOOP("BlobOperations", "Deleted container %1"), context,
                  std::move(log), std::move(done));
}

void deleteBlobs(net::Requester *requester, const Connection &connection, const QString &container,
                 const QList<ListedBlob> &blobs, const QStringList &folders, QObject *context,
                 LogLine log, std::function<void(const DeletionProblems &)> done)
{
    QString error;
    const auto service = windowService(requester, connection, container, &error);
    if (!service) {
        const QString line = tr("Cannot delete from %1: %2").arg(container, error);
        log(line);
        done({{line}});
        return;
    }
    // Each line goes to the log as it happens, and the ones about what was left undone to
    // the box at the end too.
    auto problems = std::make_shared<DeletionProblems>();
    LogLine problem = [log, problems](const QString &line) {
        log(line);
        problems->lines.append(line);
    };
    auto *deletion = new azure::BlobDeletion(*service, kDeletesInFlight, context);
    for (const ListedBlob &blob : blobs)
        deletion->add(blob.name, blob.etag);
    for (const QString &folder : folders)
        deletion->addUnder(folder);
    using Result = azure::BlobDeletion::Result;
    QObject::connect(deletion, &azure::BlobDeletion::blobDone, context,
                     [log, problem](const QString &name, Result result, const QString &why) {
                         switch (result) {
                         case Result::Deleted:
                         case Result::Gone:
                             log(tr("Deleted: %1").arg(name));
                             break;
                         case Result::Changed:
                             problem(tr("Not deleted: %1 changed after it was listed").arg(name));
                             break;
                         case Result::Failed:
                             problem(tr("Cannot delete %1: %2").arg(name, why));
                             break;
                         }
                     });
    QObject::connect(deletion, &azure::BlobDeletion::listingFailed, context,
                     [problem](const QString &folder, const QString &why) {
                         problem(tr("Cannot list %1 to delete it: %2").arg(folder, why));
                     });
    QObject::connect(deletion, &azure::BlobDeletion::finished, context, [deletion, done, problems] {
        deletion->deleteLater();
        done(*problems);
    });
    deletion->start();
}

} // namespace blobferry::ui
