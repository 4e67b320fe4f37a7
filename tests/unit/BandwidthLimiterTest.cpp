// SPDX-License-Identifier: MIT
#include "net/BandwidthLimiter.h"

#include <catch2/catch.hpp>
#include <memory>

using blobferry::net::BandwidthLimiter;

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
