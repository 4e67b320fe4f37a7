// SPDX-License-Identifier: MIT
#include "RetryPolicy.h"

#include <QRandomGenerator>
#include <algorithm>

namespace blobferry::net {

int RetryPolicy::delayBeforeAttempt(int attempt, qint64 serverHintMs) const
{
    const qint64 exponential = qint64(baseDelayMs) << std::clamp(attempt - 2, 0, 16);
    const qint64 capped = std::min<qint64>(exponential, maxDelayMs);
    // Jitter spreads the retries of many parallel requests that failed together.
    const double factor = 0.5 + QRandomGenerator::global()->generateDouble();
    const qint64 jittered = std::min<qint64>(qint64(capped * factor), maxDelayMs);
    const qint64 hint = std::clamp<qint64>(serverHintMs, 0, kMaxServerHintMs);
    return int(std::max(jittered, hint));
}

} // namespace blobferry::net
