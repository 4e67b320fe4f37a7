// SPDX-License-Identifier: MIT
#include "TransferEvents.h"

namespace blobferry::transfer {

QString stateName(TransferState state)
{
    switch (state) {
    case TransferState::Queued:
        return QStringLiteral("Queued");
    case TransferState::Active:
        return QStringLiteral("Active");
    case TransferState::Paused:
        return QStringLiteral("Paused");
    case TransferState::Completed:
        return QStringLiteral("Completed");
    case TransferState::Skipped:
        return QStringLiteral("Skipped");
    case TransferState::Failed:
        return QStringLiteral("Failed");
    case TransferState::Cancelled:
        return QStringLiteral("Cancelled");
    }
    return {};
}

} // namespace blobferry::transfer
