// SPDX-License-Identifier: MIT
#include "RetryPolicy.h"

#include <QRandomGenerator>
#include <algorithm>

namespace blobferry::net {

qint64 RetryPolicy::nominalDelayMs(int attempt) const
{
    return std::min<qint64>(qint64(baseDelayMs) << std::clamp(attempt - 2, 0, 16), maxDelayMs);
}

int RetryPolicy::delayBeforeAttempt(int attempt, qint64 serverHintMs) const
{
    const qint64 capped = nominalDelayMs(attempt);
    // Jitter spreads the retries of many parallel requests that failed together.
    // (±20%, not more: a wider spread would let the sum of the waits fall short of the outage
    // the defaults promise to ride out.)
    const double factor =
        1.0 - kJitter + 2 * kJitter * QRandomGenerator::global()->generateDouble();
    const qint64 jittered = std::min<qint64>(qint64(capped * factor), maxDelayMs);
    const qint64 hint = std::clamp<qint64>(serverHintMs, 0, kMaxServerHintMs);
    return int(std::max(jittered, hint));
}

qint64 RetryPolicy::patienceMs() const
{
    qint64 sum = 0;
    for (int attempt = 2; attempt <= maxTries; ++attempt)
        sum += nominalDelayMs(attempt);
    return sum;
}

int RetryPolicy::triesFor(bool noAnswer) const
{
    if (noAnswer && serviceAnswered && !serviceAnswered->load())
        return std::min(maxTries, kTriesBeforeFirstAnswer);
    return maxTries;
}

} // namespace blobferry::net
