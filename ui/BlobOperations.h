// SPDX-License-Identifier: MIT
#pragma once

#include "Accounts.h"

#include <QStringList>
#include <functional>

class QNetworkAccessManager;

namespace blobferry::ui {

// What the window asks of the service besides transfers. Each runs asynchronously, reports
// every success and failure through `log`, and calls `done` once at the end (success or not),
// in `context`'s thread, unless `context` is gone by then.
using LogLine = std::function<void(const QString &)>;

void createContainer(QNetworkAccessManager *nam, const Connection &connection, const QString &name,
                     QObject *context, LogLine log, std::function<void(bool ok)> done);
void deleteContainer(QNetworkAccessManager *nam, const Connection &connection, const QString &name,
                     QObject *context, LogLine log, std::function<void(bool ok)> done);
// Blobs by name, and folders ("dir/") with everything under them, listed page by page.
void deleteBlobs(QNetworkAccessManager *nam, const Connection &connection, const QString &container,
                 const QStringList &blobs, const QStringList &folders, QObject *context,
                 LogLine log, std::function<void()> done);

} // namespace blobferry::ui
