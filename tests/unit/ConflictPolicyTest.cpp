// SPDX-License-Identifier: MIT
#include "transfer/ConflictPolicy.h"

#include <catch2/catch.hpp>

using blobferry::transfer::ConflictPolicy;
using blobferry::transfer::OverwritePolicy;
using blobferry::transfer::TransferSpec;
using Decision = ConflictPolicy::Decision;

namespace {

const QDateTime kNoon = QDateTime(QDate(2026, 11, 23), QTime(12, 0), Qt::UTC);

// A side whose MD5 is `md5` and that counts how often it was asked for.
ConflictPolicy::Side side(qint64 size, const QDateTime &modified, const QByteArray &md5,
                          int *md5Reads = nullptr)
{
    ConflictPolicy::Side s;
    s.exists = true;
    s.size = size;
    s.modified = modified;
    s.md5 = [md5, md5Reads] {
        if (md5Reads)
            ++*md5Reads;
        return md5;
    };
    return s;
}

TransferSpec spec(OverwritePolicy overwrite, bool xo = false, bool xn = false)
{
    TransferSpec s;
    s.overwrite = overwrite;
    s.excludeOlder = xo;
    s.excludeNewer = xn;
    return s;
}

} // namespace

TEST_CASE("a destination that does not exist is copied", "[conflict]")
{
    ConflictPolicy::Side absent;
    CHECK(ConflictPolicy(spec(OverwritePolicy::Ask)).decide(side(1, kNoon, "x"), absent) ==
          Decision::Copy);
}

TEST_CASE("/Y overwrites without reading any MD5", "[conflict]")
{
    int reads = 0;
    const auto decision =
        ConflictPolicy(spec(OverwritePolicy::Always))
            .decide(side(5, kNoon, "same", &reads), side(5, kNoon, "same", &reads));
    CHECK(decision == Decision::Overwrite);
    CHECK(reads == 0);
}

TEST_CASE("identical files are skipped and never asked about", "[conflict]")
{
    for (auto overwrite : {OverwritePolicy::Ask, OverwritePolicy::Never}) {
        CHECK(ConflictPolicy(spec(overwrite))
                  .decide(side(5, kNoon, "m"), side(5, kNoon.addDays(-3), "m")) ==
              Decision::SkipIdentical);
    }
    CHECK(ConflictPolicy(spec(OverwritePolicy::Ask, true))
              .decide(side(5, kNoon, "m"), side(5, kNoon, "m")) == Decision::SkipIdentical);
}

TEST_CASE("an MD5 is only computed when the sizes are equal", "[conflict]")
{
    int reads = 0;
    const auto decision = ConflictPolicy(spec(OverwritePolicy::Ask))
                              .decide(side(5, kNoon, "m", &reads), side(6, kNoon, "m", &reads));
    CHECK(decision == Decision::Ask);
    CHECK(reads == 0);
}

TEST_CASE("an unknown destination MD5 never counts as identical", "[conflict]")
{
    CHECK(
        ConflictPolicy(spec(OverwritePolicy::Ask)).decide(side(5, kNoon, ""), side(5, kNoon, "")) ==
        Decision::Ask);
}

TEST_CASE("/XO skips an older source and overwrites with a newer one", "[conflict]")
{
    const ConflictPolicy xo(spec(OverwritePolicy::Ask, true));
    CHECK(xo.decide(side(1, kNoon.addSecs(-60), "a"), side(2, kNoon, "b")) == Decision::SkipOlder);
    CHECK(xo.decide(side(1, kNoon.addSecs(60), "a"), side(2, kNoon, "b")) == Decision::Overwrite);
}

TEST_CASE("/XN skips a newer source and overwrites with an older one", "[conflict]")
{
    const ConflictPolicy xn(spec(OverwritePolicy::Ask, false, true));
    CHECK(xn.decide(side(1, kNoon.addSecs(60), "a"), side(2, kNoon, "b")) == Decision::SkipNewer);
    CHECK(xn.decide(side(1, kNoon.addSecs(-60), "a"), side(2, kNoon, "b")) == Decision::Overwrite);
}

TEST_CASE("times within the clock-skew tolerance count as equal", "[conflict]")
{
    TransferSpec s = spec(OverwritePolicy::Ask, true);
    s.clockSkewMs = 2000;
    CHECK(ConflictPolicy(s).decide(side(1, kNoon.addMSecs(1500), "a"), side(2, kNoon, "b")) ==
          Decision::SkipOlder);
    CHECK(ConflictPolicy(s).decide(side(1, kNoon.addMSecs(2500), "a"), side(2, kNoon, "b")) ==
          Decision::Overwrite);
    s.clockSkewMs = 0;
    CHECK(ConflictPolicy(s).decide(side(1, kNoon.addMSecs(1), "a"), side(2, kNoon, "b")) ==
          Decision::Overwrite);
}

TEST_CASE("/XO with /XN copies only what the destination does not have", "[conflict]")
{
    const ConflictPolicy both(spec(OverwritePolicy::Always, true, true));
    CHECK(both.decide(side(1, kNoon.addDays(1), "a"), side(2, kNoon, "b")) ==
          Decision::SkipExisting);
    CHECK(both.decide(side(1, kNoon, "a"), ConflictPolicy::Side{}) == Decision::Copy);
}

TEST_CASE("without a rule an existing destination is asked about, or skipped when never",
          "[conflict]")
{
    CHECK(ConflictPolicy(spec(OverwritePolicy::Ask))
              .decide(side(1, kNoon, "a"), side(2, kNoon, "b")) == Decision::Ask);
    CHECK(ConflictPolicy(spec(OverwritePolicy::Never))
              .decide(side(1, kNoon, "a"), side(2, kNoon, "b")) == Decision::SkipExisting);
}

TEST_CASE("an unfinished page blob is always replaced", "[conflict]")
{
    auto destination = side(4096, kNoon.addDays(1), "");
    destination.incomplete = true;
    for (auto overwrite : {OverwritePolicy::Ask, OverwritePolicy::Never}) {
        CHECK(ConflictPolicy(spec(overwrite, true, true))
                  .decide(side(4000, kNoon, "a"), destination) == Decision::Overwrite);
    }
}
