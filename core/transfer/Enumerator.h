// SPDX-License-Identifier: MIT
#pragma once

#include "SourceItem.h"

#include <QList>
#include <QObject>

namespace blobferry::transfer {

// Streams the items of a source in batches, never the whole list: a million-file tree costs
// the memory of one batch. fetchMore() answers later with exactly one of the signals.
class Enumerator : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    virtual void fetchMore() = 0;

Q_SIGNALS:
    void batchReady(const QList<blobferry::transfer::SourceItem> &items, bool atEnd);
    void failed(const QString &error);
};

} // namespace blobferry::transfer
