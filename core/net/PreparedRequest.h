// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QNetworkRequest>
#include <functional>

class QIODevice;

namespace blobferry::net {

// Opens a fresh body stream for one attempt; the caller owns the device. Lets a retry re-read
// a block from disk instead of keeping it in memory.
using BodyOpener = std::function<QIODevice *()>;

// One signed HTTP request, ready to send.
struct PreparedRequest
{
    QNetworkRequest request;
    QByteArray verb;
    QByteArray body;     // small bodies (XML); ignored when openBody is set
    BodyOpener openBody; // large bodies streamed from disk
    qint64 contentLength = 0;
};

} // namespace blobferry::net
