// SPDX-License-Identifier: MIT
#pragma once

#include "net/HttpJob.h"

#include <QString>
#include <QUrl>

namespace blobferry::azure {

// One line for a failed request, naming the failure and, where it is known, what to do:
// "403 AuthorizationFailure: the account key is wrong or the request was altered".
// Never includes a URL query (a SAS signature could be in it).
QString describeFailure(const net::HttpResult &result, const QUrl &url);

// The service's error code (x-ms-error-code header or <Error><Code>), empty if none.
QString errorCode(const net::HttpResult &result);

} // namespace blobferry::azure
