// SPDX-License-Identifier: MIT
// TransferEngine: existing destinations asked about one at a time, and the answers applied
// (including the standing "…for all" answers).
#include "FileTransfer.h"
#include "TransferEngine.h"

#include <QPointer>

namespace blobferry::transfer {

void TransferEngine::onConflict(FileTransfer *transfer, const Conflict &conflict)
{
    m_conflicts.enqueue({transfer, conflict});
    askNextConflict();
}

void TransferEngine::askNextConflict()
{
    while (!m_askingConflict && !m_conflicts.isEmpty()) {
        auto [transfer, conflict] = m_conflicts.dequeue();
        if (!transfer || transfer->isDone())
            continue;
        if (m_spec.overwrite != OverwritePolicy::Ask || !m_resolver) {
            transfer->resolveConflict(m_spec.overwrite == OverwritePolicy::Always);
            continue;
        }
        if (m_standingAnswer) {
            applyAnswer(transfer, conflict, *m_standingAnswer);
            continue;
        }
        m_askingConflict = true;
        QPointer<FileTransfer> guard(transfer);
        m_resolver->resolve(conflict, [this, guard, conflict](ConflictAnswer answer) {
            m_askingConflict = false;
            switch (answer) {
            case ConflictAnswer::All:
                m_spec.overwrite = OverwritePolicy::Always;
                break;
            case ConflictAnswer::None:
                m_spec.overwrite = OverwritePolicy::Never;
                break;
            case ConflictAnswer::KeepBothAll:
            case ConflictAnswer::IfNewerAll:
                m_standingAnswer = answer;
                break;
            default:
                break;
            }
            if (guard && !guard->isDone())
                applyAnswer(guard, conflict, answer);
            askNextConflict();
            schedulePump();
        });
    }
}

void TransferEngine::applyAnswer(FileTransfer *transfer, const Conflict &conflict,
                                 ConflictAnswer answer)
{
    switch (answer) {
    case ConflictAnswer::Yes:
    case ConflictAnswer::All:
        transfer->resolveConflict(true);
        break;
    case ConflictAnswer::No:
    case ConflictAnswer::None:
        transfer->resolveConflict(false);
        break;
    case ConflictAnswer::KeepBoth:
    case ConflictAnswer::KeepBothAll:
        transfer->keepBoth();
        break;
    case ConflictAnswer::IfNewer:
    case ConflictAnswer::IfNewerAll: {
        // Newer beyond the clock skew; without both times nothing says it is newer.
        const bool newer =
            conflict.sourceModified.isValid() && conflict.destinationModified.isValid() &&
            conflict.destinationModified.msecsTo(conflict.sourceModified) > m_spec.clockSkewMs;
        if (newer)
            transfer->resolveConflict(true);
        else
            transfer->resolveConflict(false);
        break;
    }
    }
}

} // namespace blobferry::transfer
