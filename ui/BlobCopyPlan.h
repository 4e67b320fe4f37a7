// SPDX-License-Identifier: MIT
#pragma once

#include "JobRecord.h"

#include <QList>
#include <QStringList>

namespace blobferry::ui {

class TransferManager;

// What the user selected in one folder of the blob list: blobs and folders by their names
// relative to it (folders end in '/').
struct BlobSelection
{
    BlobFolder from;
    QStringList blobs;
    QStringList folders;

    bool isEmpty() const { return blobs.isEmpty() && folders.isEmpty(); }
};

// Turns Copy/Paste, Move… and Rename into server-copy jobs of the transfer queue (the CLI's
// blob-to-blob engine, with its conflict questions): the selected blobs as one job, each folder
// as one job of every blob under its prefix. A move deletes each source once it is copied.
namespace BlobCopyPlan {

// Why the selection cannot be copied (move: moved) into `to`, or empty: a folder into itself,
// or a move to where it is already.
QString checkTarget(const BlobSelection &selection, const BlobFolder &to, bool move);
// Queues the jobs; returns their ids.
QList<int> queue(TransferManager *transfers, const BlobSelection &selection, const BlobFolder &to,
                 bool move);
// Renames one blob or folder (its name relative to `from`) to `newName` in the same folder.
int rename(TransferManager *transfers, const BlobFolder &from, const QString &name, bool folder,
           const QString &newName);

} // namespace BlobCopyPlan

} // namespace blobferry::ui
