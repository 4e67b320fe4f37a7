// SPDX-License-Identifier: MIT
#include "SourceRemover.h"

#include "azure/AzureError.h"
#include "azure/BlobRequests.h"
#include "net/Requester.h"

#include <QFile>
#include <QFileInfo>
#include <QTimer>

namespace blobferry::transfer {

SourceRemover::SourceRemover(const azure::BlobRequests *blobs, net::Requester *requester,
                             net::RetryPolicy retry, QObject *parent)
    : QObject(parent)
    , m_blobs(blobs)
    , m_requester(requester)
    , m_retry(retry)
{}

void SourceRemover::finish(FileOutcome outcome, const QString &whyKept)
{
    if (whyKept.isEmpty()) {
        outcome.sourceRemoved = true;
    } else {
        // The copy is there, but a move that leaves its source did not do what was asked.
        outcome.state = TransferState::Failed;
        outcome.reason = QStringLiteral("copied, but the source was kept: ") + whyKept;
    }
    --m_pending;
    Q_EMIT removed(outcome);
}

void SourceRemover::remove(const SourceItem &item, const FileOutcome &outcome)
{
    ++m_pending;
    if (!m_blobs) { // an upload: the local file
        QString why;
        // --gzip sent a compressed copy; the file to remove is the one the user named (whose
        // size is not the copy's: its time alone tells a change).
        const bool encoded = !item.encodedFrom.isEmpty();
        const QString path = encoded ? item.encodedFrom : item.localPath;
        const QFileInfo info(path);
        if (item.folderMarker)
            why.clear(); // a folder restored from the names manifest: no file to remove
        else if (!info.exists())
            why = QStringLiteral("it is gone already");
        else if ((!encoded && info.size() != item.size) || info.lastModified() != item.modified)
            why = QStringLiteral("the file changed after it was copied");
        else if (QFile file(path); !file.remove())
            why = QStringLiteral("cannot delete %1: %2").arg(path, file.errorString());
        // Through the event loop, as the blob side answers, so callers never re-enter.
        QTimer::singleShot(0, this, [this, outcome, why] { finish(outcome, why); });
        return;
    }
    const azure::BlobRequests *blobs = m_blobs;
    const QString name = item.blob.name;
    const QByteArray etag = item.blob.etag;
    net::Request deletion;
    deletion.factory = [blobs, name, etag] { return blobs->deleteBlob(name, etag); };
    deletion.policy = m_retry;
    m_requester->send(
        std::move(deletion), this, [this, outcome, name](const net::HttpResult &result) {
            QString why;
            if (result.status == 412)
                why = QStringLiteral("the blob changed after it was copied");
            else if (!result.ok())
                why = azure::describeFailure(result, m_blobs->location().blobUrl(name));
            finish(outcome, why);
        });
}

} // namespace blobferry::transfer
