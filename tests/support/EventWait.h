// SPDX-License-Identifier: MIT
// Waiting in a test the way the code under test runs: the event loop turns (no sleeps between
// passes, unlike QTest::qWait) until a condition holds.
#pragma once

#include <QEventLoop>
#include <QTimer>
#include <functional>

namespace blobferry::test {

// Runs the event loop until done() holds or `limitMs` went by; returns done().
inline bool runUntil(const std::function<bool()> &done, int limitMs = 30'000)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    poll.start(2);
    QTimer::singleShot(limitMs, &loop, &QEventLoop::quit);
    loop.exec();
    return done();
}

} // namespace blobferry::test
