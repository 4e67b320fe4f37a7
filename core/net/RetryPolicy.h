// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QtGlobal>
#include <atomic>
#include <functional>
#include <memory>

namespace blobferry::net {

// How often and how patiently one request is retried after a transient failure.
// The defaults ride out an outage of a minute (an emulator restarting, a Wi-Fi hand-over, a
// proxy reloading): the nine waits are 1, 2, 4, 8 and then 15 s each, ±20%, so they add up
// to 72–93 s before a request gives up (the Azure SDKs back off the same way: exponential,
// capped, jittered). --retries N changes the count; the waits stay the same.
// Until the service has answered once, a connection that fails gets only
// kTriesBeforeFirstAnswer tries (about 7 s): a wrong host or port is said soon, not after a
// minute and a half, while an outage in the middle of a job is waited out.
struct RetryPolicy
{
    int maxTries = 10;      // attempts in all, the first included
    int baseDelayMs = 1000; // doubled per retry, with ±20% jitter
    int maxDelayMs = 15'000;
    int stallTimeoutMs = 60'000; // no byte moved for this long: the attempt is abandoned
    // Told of every retry of every request made with this policy (the engine tells the user
    // once in a while, so a minute of retries is not a minute of silence). May be empty.
    std::function<void(int nextAttempt, int delayMs, const QString &why)> onRetry;
    // Shared by every request of a job: set once any of them gets an HTTP answer. Null: the
    // full count from the first request on.
    std::shared_ptr<std::atomic_bool> serviceAnswered;
    static constexpr int kTriesBeforeFirstAnswer = 4;

    // How many tries a request gets after a failure with no HTTP answer (`noAnswer`).
    int triesFor(bool noAnswer) const;

    // A server asking for a longer pause than this is taken to mean this long.
    static constexpr qint64 kMaxServerHintMs = 10 * 60'000;

    // The jitter: each wait is its nominal length times a factor in [1 - j, 1 + j].
    static constexpr double kJitter = 0.2;

    // Delay before attempt number `attempt` (2 = first retry); honours a server's hint
    // (Retry-After, x-ms-retry-after-ms) even beyond maxDelayMs, up to kMaxServerHintMs.
    int delayBeforeAttempt(int attempt, qint64 serverHintMs) const;
    // The nominal sum of the waits of a request that fails every try (no server hints).
    qint64 patienceMs() const;
    // Before jitter and hints: the base doubled per retry, capped at maxDelayMs.
    qint64 nominalDelayMs(int attempt) const;
};

} // namespace blobferry::net
