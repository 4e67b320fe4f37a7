// SPDX-License-Identifier: MIT
#pragma once

#include "SourceItem.h"

#include <QObject>
#include <QRunnable>

namespace blobferry::transfer {

// --gzip: compresses one file into a temporary copy on a pool thread, so a large file does
// not hold up the engine's other transfers. Deletes itself after run(); `encoded` reaches
// the engine through a queued connection (dropped if the engine is gone by then).
class GzipEncodeTask final : public QObject, public QRunnable
{
    Q_OBJECT
public:
    explicit GzipEncodeTask(SourceItem item);
    void run() override;

    // Replaces the item's file by a compressed temporary copy that carries the file's mtime
    // (the upload's checks and its resume tag then describe this version of the file; the
    // output is deterministic, so a re-run of an interrupted /Z job makes the same bytes).
    // Sets item->encodedFrom. False and *error when it cannot, or the file changed meanwhile.
    static bool encode(SourceItem *item, QString *error);

Q_SIGNALS:
    // error empty: `item` is the encoded copy; otherwise the original item and why.
    void encoded(const blobferry::transfer::SourceItem &item, const QString &error);

private:
    SourceItem m_item;
};

} // namespace blobferry::transfer
