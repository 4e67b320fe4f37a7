// SPDX-License-Identifier: MIT
#pragma once

#include "net/HttpJob.h"

#include <functional>

class QNetworkAccessManager;

namespace blobferry::ui {

// One REST call from the window (listings, deletes): asynchronous, a couple of quick retries,
// `done` called in the caller's thread unless `context` is gone by then.
void callService(QNetworkAccessManager *nam, net::HttpJob::Factory factory, QObject *context,
                 std::function<void(const net::HttpResult &)> done);

} // namespace blobferry::ui
