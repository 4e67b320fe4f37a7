// SPDX-License-Identifier: MIT
#pragma once

#include "Accounts.h"
#include "azure/BlobService.h"

#include <QStringList>
#include <functional>
#include <optional>

namespace blobferry::net {
class Requester;
}

namespace blobferry::ui {

// The window's calls to the service: a BlobService on the window's requester that reports
// quickly (two tries; the user can refresh). containerName empty: the account itself, for
// listing its containers. Nothing, with *error, when the connection has no such location.
std::optional<azure::BlobService> windowService(net::Requester *requester,
                                                const Connection &connection,
                                                const QString &containerName, QString *error);

// What the window asks of the service besides transfers and listings. Each runs
// asynchronously, reports every success and failure through `log`, and calls `done` once at
// the end (success or not), in `context`'s thread, unless `context` is gone by then.
using LogLine = std::function<void(const QString &)>;

void createContainer(net::Requester *requester, const Connection &connection, const QString &name,
                     QObject *context, LogLine log, std::function<void(bool ok)> done);
// `done` has the service's answer: the window shows a refusal, and a container already gone
// (404) differently from one that stays.
void deleteContainer(net::Requester *requester, const Connection &connection, const QString &name,
                     QObject *context, LogLine log,
                     std::function<void(const azure::CallOutcome &)> done);

// A blob as the browser listed it.
struct ListedBlob
{
    QString name;
    QByteArray etag;
};
// What a deletion left undone, for the box shown at its end: one line per blob kept or
// refused, per folder that could not be listed, or the reason nothing started.
struct DeletionProblems
{
    QStringList lines;
};
// Blobs as listed, and folders ("dir/") with everything under them, listed page by page;
// kDeletesInFlight at a time, each only if it still is what was listed (If-Match): a blob
// written since is kept, and the log says so.
constexpr int kDeletesInFlight = 8;
void deleteBlobs(net::Requester *requester, const Connection &connection, const QString &container,
                 const QList<ListedBlob> &blobs, const QStringList &folders, QObject *context,
                 LogLine log, std::function<void(const DeletionProblems &)> done);

} // namespace blobferry::ui
