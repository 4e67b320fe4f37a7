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

// For a 409 about a blob in the Archive tier (or on its way out of it), what it means and how
// to rehydrate it, naming `blobUrl` without its query; empty for any other answer. It cannot
// be read or copied until it is rehydrated, which takes hours.
QString archivedReason(const net::HttpResult &result, const QUrl &blobUrl);

} // namespace blobferry::azure
