// SPDX-License-Identifier: MIT
#include "BlobFileFetch.h"

#include <QCoreApplication>
#include <QSaveFile>
#include <memory>

namespace blobferry::ui {

void fetchToFile(const azure::BlobService &service, const QString &blob, const QString &snapshot,
                 const QString &path, const QByteArray &ifMatch, QObject *context,
                 std::function<void(const QString &error)> done)
{
    // Owned by the request's callbacks: a cancel destroys it unwritten, and QSaveFile then
    // removes its temporary file.
    auto file = std::make_shared<QSaveFile>(path);
    if (!file->open(QIODevice::WriteOnly)) {
        done(QCoreApplication::translate("BlobFileFetch", "cannot write %1: %2")
                 .arg(path, file->errorString()));
        return;
    }
    auto sink = [file](const QByteArray &chunk) {
        return file->write(chunk) == chunk.size() ? QString() : file->errorString();
    };
    service.fetch(blob, snapshot, 0, -1, ifMatch, sink, context,
                  [file, path, done = std::move(done)](const azure::CallOutcome &outcome,
                                                       const azure::BlobService::Fetched &) {
                      if (!outcome.ok()) {
                          file->cancelWriting();
                          done(outcome.error);
                      } else if (!file->commit()) {
                          done(QCoreApplication::translate("BlobFileFetch", "cannot write %1: %2")
                                   .arg(path, file->errorString()));
                      } else {
                          done({});
                      }
                  });
}

} // namespace blobferry::ui
