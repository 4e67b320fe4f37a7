// SPDX-License-Identifier: MIT
#pragma once

#include "TransferFactory.h"

#include <QElapsedTimer>
#include <QHash>
#include <memory>

namespace blobferry::transfer {

class DownloadTransfer;
class LocalNamePlanner;

// A download's items and transfers: the source container listed (BlobEnumerator), each blob
// name given a safe, unique local path (LocalNamePlanner under the rules the destination's
// probe found), a file of this job that must give its name to a directory redirected, and the
// names manifest of the renamings saved as they happen.
class DownloadFactory final : public TransferFactory
{
public:
    explicit DownloadFactory(Parts parts);
    ~DownloadFactory() override;

    Enumerator *enumerator() override;
    FileTransfer *make(const SourceItem &item) override;
    void ended(FileTransfer *transfer) override;
    void paused(FileTransfer *transfer) override;
    void checkpoint() override;
    void saveNames(bool now) override;

private:
    std::unique_ptr<LocalNamePlanner> m_names;
    QHash<const FileTransfer *, int> m_tickets; // a download's ticket in m_names
    QHash<int, DownloadTransfer *> m_downloads; // live downloads, to redirect them
    // Paused downloads keep their tickets (their paths stay theirs), by source name.
    QHash<QString, int> m_pausedTickets;
    QElapsedTimer m_namesSaved;
};

} // namespace blobferry::transfer
