// SPDX-License-Identifier: MIT
#pragma once

#include "azure/BlobXml.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace blobferry::transfer {

// One file or blob found by an enumerator.
struct SourceItem
{
    QString relativeName; // '/'-separated, relative to the source root or prefix directory
    qint64 size = 0;
    QDateTime modified;
    QString localPath;     // local source: the absolute path
    azure::BlobEntry blob; // blob source: what the listing said
    // Set when the entry was found but cannot be copied (a local name that is not UTF-8):
    // the engine reports it as failed with this reason.
    QString problem;
    // Set for a symbolic link or special file (FIFO, socket, device) that is not copied: the
    // engine reports it as skipped with this reason. skipsDirectory: it stands for a directory
    // (a link to one), whose blobs a mirror keeps.
    QString skipReason;
    bool skipsDirectory = false;
    // A zero-length blob that stands for a directory (restored from the names manifest).
    bool folderMarker = false;
    // --gzip: localPath is a temporary compressed copy of this file (the one the user named).
    QString encodedFrom;
};

} // namespace blobferry::transfer

// Queued across threads (--gzip's encoding task).
Q_DECLARE_METATYPE(blobferry::transfer::SourceItem)
