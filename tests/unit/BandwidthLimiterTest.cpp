// SPDX-License-Identifier: MIT
#include "net/BandwidthLimiter.h"

#include "net/ThrottledBody.h"

#include <QBuffer>
#include <QEventLoop>
#include <QTimer>
#include <catch2/catch.hpp>
#include <memory>

using blobferry::net::BandwidthLimiter;
using blobferry::net::ThrottledBody;

namespace {

struct FakeClock
{
    std::shared_ptr<qint64> now = std::make_shared<qint64>(1000);
    BandwidthLimiter::Clock clock() const
    {
        auto shared = now;
        return [shared] { return *shared; };
    }
    void advance(qint64 ms) const { *now += ms; }
};

} // namespace

TEST_CASE("the limiter grants at most a quarter second of bytes at once", "[limiter]")
{
    FakeClock clock;
    BandwidthLimiter limiter(1'000'000, clock.clock()); // 1 MB/s
    CHECK(limiter.take(10'000'000) == 250'000);
    CHECK(limiter.take(1) == 0);
    CHECK(limiter.msUntilAvailable(10'000) == 10); // 10 kB at 1 MB/s
    // An idle stretch saves up no more than the bucket holds.
    clock.advance(60'000);
    CHECK(limiter.take(10'000'000) == 250'000);
}

TEST_CASE("the limiter refills at its rate", "[limiter]")
{
    FakeClock clock;
    BandwidthLimiter limiter(1'000'000, clock.clock());
    REQUIRE(limiter.take(250'000) == 250'000);
    clock.advance(100);
    CHECK(limiter.take(1'000'000) == 100'000);
    CHECK(limiter.msUntilAvailable(50'000) == 50);
    clock.advance(50);
    CHECK(limiter.msUntilAvailable(50'000) == 0);
    CHECK(limiter.take(50'000) == 50'000);
}

TEST_CASE("a lower rate set while requests run holds from the next bytes on, and 0 lifts "
          "the cap",
          "[limiter]")
{
    FakeClock clock;
    BandwidthLimiter limiter(1'000'000, clock.clock());
    REQUIRE(limiter.take(250'000) == 250'000);
    limiter.setRate(100'000); // 100 kB/s: its bucket holds a quarter second, 25 kB
    clock.advance(1000);
    CHECK(limiter.take(1'000'000) == 25'000);
    clock.advance(100);
    CHECK(limiter.take(1'000'000) == 10'000);
    limiter.setRate(0);
    CHECK(limiter.bytesPerSecond() == 0);
    CHECK(limiter.take(5'000'000) == 5'000'000);
    CHECK(limiter.available());
    CHECK(limiter.msUntilAvailable(1'000'000) == 0);
}

TEST_CASE("a charge beyond the tokens is a debt that later requests wait out", "[limiter]")
{
    FakeClock clock;
    BandwidthLimiter limiter(1'000'000, clock.clock());
    limiter.charge(4'250'000); // an 4.25 MB upload body sent whole: 4 s of debt
    CHECK_FALSE(limiter.available());
    CHECK(limiter.msUntilAvailable() == 4000);
    clock.advance(3999);
    CHECK_FALSE(limiter.available());
    clock.advance(1);
    CHECK(limiter.available());
    // A refund (bytes that did not move) pays the debt back.
    limiter.charge(100);
    limiter.charge(-100);
    CHECK(limiter.available());
}

TEST_CASE("over a long run the limiter passes no more than its rate", "[limiter]")
{
    FakeClock clock;
    const qint64 rate = BandwidthLimiter::fromMbps(8); // 1,000,000 bytes per second
    BandwidthLimiter limiter(rate, clock.clock());
    qint64 moved = 0;
    for (int step = 0; step < 10'000; ++step) { // 10 s in 1 ms steps, always asking for more
        moved += limiter.take(64 * 1024);
        clock.advance(1);
    }
    // Ten seconds at the rate, plus at most the bucket's first quarter second.
    CHECK(moved <= 10 * rate + rate / 4);
    CHECK(moved >= 10 * rate - rate / 100);
}

TEST_CASE("a throttled upload body hands out only the bytes the bucket grants", "[limiter]")
{
    FakeClock clock;
    BandwidthLimiter limiter(1'000'000, clock.clock()); // 1 MB/s, a 250 kB bucket
    QByteArray content(2'000'000, '\0');
    for (int i = 0; i < content.size(); ++i)
        content[i] = char(i * 7);
    auto *inner = new QBuffer;
    inner->setData(content);
    REQUIRE(inner->open(QIODevice::ReadOnly));
    ThrottledBody body(inner, &limiter);
    REQUIRE(body.isOpen());
    CHECK(body.size() == 2'000'000);

    QByteArray sent;
    QByteArray chunk(1'000'000, '\0');
    qint64 n = body.read(chunk.data(), chunk.size()); // what Qt asks for: as much as it can
    CHECK(n == 250'000);
    sent += chunk.left(n);
    // The bucket is empty: nothing now, which Qt takes as "later", not as the end.
    CHECK(body.read(chunk.data(), chunk.size()) == 0);
    CHECK_FALSE(body.atEnd());
    // A tenth of a second later, a tenth of a second's bytes.
    clock.advance(100);
    n = body.read(chunk.data(), chunk.size());
    CHECK(n == 100'000);
    sent += chunk.left(n);
    // To the end at the cap: another 1,650,000 bytes take 1.65 s of the fake clock.
    qint64 elapsedMs = 100;
    while (!body.atEnd()) {
        clock.advance(50);
        elapsedMs += 50;
        n = body.read(chunk.data(), chunk.size());
        REQUIRE(n >= 0);
        REQUIRE(n <= 50'000);
        sent += chunk.left(n);
    }
    CHECK(sent == content);
    CHECK(elapsedMs == 1'750);
    // A retry reads the body again from the start (Qt resets the device).
    REQUIRE(body.reset());
    clock.advance(1000);
    n = body.read(chunk.data(), 10);
    CHECK(chunk.left(n) == content.left(10));
}

TEST_CASE("a throttled body wakes its reader once bytes are back", "[limiter]")
{
    BandwidthLimiter limiter(1'000'000); // the real clock: a 250 kB bucket refills in 250 ms
    auto *inner = new QBuffer;
    inner->setData(QByteArray(300'000, 'x'));
    REQUIRE(inner->open(QIODevice::ReadOnly));
    ThrottledBody body(inner, &limiter);
    QByteArray chunk(300'000, '\0');
    REQUIRE(body.read(chunk.data(), chunk.size()) == 250'000);
    // The real clock refills a little between reads: read until the bucket is truly empty.
    int reads = 0;
    while (body.read(chunk.data(), 1'000) > 0)
        REQUIRE(++reads < 10'000);
    bool woken = false;
    QEventLoop loop;
    QObject::connect(&body, &QIODevice::readyRead, &loop, [&] {
        woken = true;
        loop.quit();
    });
    QTimer::singleShot(5'000, &loop, &QEventLoop::quit);
    loop.exec();
    REQUIRE(woken);
    CHECK(body.read(chunk.data(), chunk.size()) > 0);
}
