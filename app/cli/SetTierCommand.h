// SPDX-License-Identifier: MIT
#pragma once

#include "BlobCommand.h"

#include <QQueue>

namespace blobferry::cli {

// --set-tier TIER: Set Blob Tier for each matching blob as the listing comes, at most
// --concurrency at once; the next page is fetched once the queue runs low, so memory stays at a
// page. Out of Archive the service answers 202 and rehydrates in the background (hours):
// reported as "Rehydrating". /DryRun prints "Would set tier: NAME". Exit 1 when any failed.
class SetTierCommand final : public BlobCommand
{
    Q_OBJECT
public:
    SetTierCommand(const CliRequest &request, FILE *out, FILE *err);

protected:
    bool take(const QList<transfer::SourceItem> &items) override;
    void listed() override;

private:
    struct Target
    {
        QString name;
        QString relative;
    };
    void pump();
    void send(const Target &target);
    void report(const QString &relative, const QString &state, const QString &reason);

    QQueue<Target> m_queue;
    int m_inFlight = 0;
    bool m_listed = false;
    bool m_ended = false;
    qint64 m_set = 0;
    qint64 m_rehydrating = 0;
    qint64 m_failed = 0;
};

} // namespace blobferry::cli
