// SPDX-License-Identifier: MIT
#include "SourceRemover.h"

#include <QFile>
#include <QFileInfo>
#include <QTimer>

namespace blobferry::transfer {

SourceRemover::SourceRemover(std::optional<azure::BlobService> blobs, QObject *parent)
    : QObject(parent)
    , m_blobs(std::move(blobs))
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
    m_blobs->deleteBlob(item.blob.name, item.blob.etag, this,
                        [this, outcome](const azure::CallOutcome &deletion) {
                            QString why;
                            if (deletion.status == 412)
                                why = QStringLiteral("the blob changed after it was copied");
                            else
                                why = deletion.error;
                            finish(outcome, why);
                        });
}

} // namespace blobferry::transfer
