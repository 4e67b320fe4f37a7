// SPDX-License-Identifier: MIT
#pragma once

#include "azure/BlobService.h"

#include <QString>
#include <functional>

namespace blobferry::ui {

// Get Blob of a whole blob (or one of its snapshots) into a local file, streamed: the bytes go
// to a temporary file beside `path`, which replaces it only once everything arrived, so a
// failure or a cancel (deleting `context`) leaves what was there before. ifMatch: only that
// version of the blob (a blob changed meanwhile fails with 412). `done` gets "" or one line
// saying what went wrong.
void fetchToFile(const azure::BlobService &service, const QString &blob, const QString &snapshot,
                 const QString &path, const QByteArray &ifMatch, QObject *context,
                 std::function<void(const QString &error)> done);

} // namespace blobferry::ui
