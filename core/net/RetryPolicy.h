// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

namespace blobferry::net {

// How often and how patiently one request is retried after a transient failure.
struct RetryPolicy
{
    int maxTries = 5;      // attempts in all, the first included
    int baseDelayMs = 400; // doubled per retry, with ±50% jitter
    int maxDelayMs = 30'000;
    int stallTimeoutMs = 60'000; // no byte moved for this long: the attempt is abandoned

    // A server asking for a longer pause than this is taken to mean this long.
    static constexpr qint64 kMaxServerHintMs = 10 * 60'000;

    // Delay before attempt number `attempt` (2 = first retry); honours a server's hint
    // (Retry-After, x-ms-retry-after-ms) even beyond maxDelayMs, up to kMaxServerHintMs.
    int delayBeforeAttempt(int attempt, qint64 serverHintMs) const;
};

} // namespace blobferry::net
