// SPDX-License-Identifier: MIT
#pragma once

#include "TransferQueueModel.h"
#include "transfer/ConflictAnswers.h"

#include <QString>
#include <QStringList>

namespace blobferry::ui {

// A folder of a container of an account: one side of a blob-to-blob copy.
struct BlobFolder
{
    QString accountId;
    QString container;
    QString path; // "" or "dir/"
};

// One user action: a drop, a download of a selection, a retry. It runs as one engine job,
// with a restart journal of its own, so pausing it (or quitting) and resuming continues every
// file where it stopped. What the queue file keeps of a job (no secrets: the account is named).
struct JobRecord
{
    enum class State
    {
        Running,
        Paused,
        Finished,
    };

    int id = 0;
    Direction direction = Direction::Upload;
    QString accountId;
    QString container;
    QString blobPath;  // the blob side within the container: "" or "dir/"; a copy's destination
    QString localPath; // upload: the source directory; download: the destination directory
    // Copy and Move (blob to blob): the source; accountId, container, blobPath are where to.
    QString sourceAccountId;
    QString sourceContainer;
    QString sourceBlobPath; // "" or "dir/"
    // Rename: the one name of onlyNames is copied under this one (relative, same folder).
    QString renameTo;
    QStringList onlyNames;
    // Files the user paused one by one: an engine of the job lists them but holds them.
    QStringList heldNames;
    bool recursive = false;
    QString journalPath;
    State state = State::Running;
    bool enumerated = false; // every file of the job is in the queue
    // What the user answered to "already exists": a resumed job carries it out, unasked.
    transfer::ConflictAnswers answers;

    bool isServerCopy() const
    {
        return direction == Direction::Copy || direction == Direction::Move;
    }
    QString describe() const; // for messages: what the job copies where
    // Where its files come from and go to; accountEndpoint is the account's blob service root
    // (never with a SAS: that stays in the keychain), empty when the account is gone;
    // sourceEndpoint the same for a copy's source account.
    JobPlaces places(const QString &accountEndpoint, const QString &sourceEndpoint = {}) const;
};

} // namespace blobferry::ui
