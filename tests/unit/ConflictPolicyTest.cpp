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

TEST_CASE("the rules keep both and overwrite if newer decide without asking", "[conflict]")
{
    CHECK(ConflictPolicy(spec(OverwritePolicy::KeepBoth))
              .decide(side(1, kNoon, "a"), side(2, kNoon, "b")) == Decision::KeepBoth);
    const ConflictPolicy ifNewer(spec(OverwritePolicy::IfNewer));
    CHECK(ifNewer.decide(side(1, kNoon.addSecs(60), "a"), side(2, kNoon, "b")) ==
          Decision::Overwrite);
    CHECK(ifNewer.decide(side(1, kNoon.addSecs(-60), "a"), side(2, kNoon, "b")) ==
          Decision::SkipNotNewer);
    // Within the clock skew, or without a time, nothing says it is newer.
    CHECK(ifNewer.decide(side(1, kNoon.addMSecs(1500), "a"), side(2, kNoon, "b")) ==
          Decision::SkipNotNewer);
    CHECK(ifNewer.decide(side(1, QDateTime(), "a"), side(2, kNoon, "b")) == Decision::SkipNotNewer);
    // Identical files are still skipped first, under either rule.
    CHECK(ConflictPolicy(spec(OverwritePolicy::KeepBoth))
              .decide(side(5, kNoon, "m"), side(5, kNoon, "m")) == Decision::SkipIdentical);
}

TEST_CASE("an answer for all becomes the standing answer in place of the rule, and a single "
          "answer does not",
          "[conflict]")
{
    using blobferry::transfer::ConflictAnswer;
    ConflictPolicy policy(spec(OverwritePolicy::Ask));
    const auto newer = side(1, kNoon.addSecs(60), "a");
    const auto older = side(1, kNoon.addSecs(-60), "a");
    const auto there = side(2, kNoon, "b");
    for (auto single : {ConflictAnswer::Yes, ConflictAnswer::No, ConflictAnswer::KeepBoth,
                        ConflictAnswer::IfNewer, ConflictAnswer::Cancel}) {
        CHECK_FALSE(policy.setStandingAnswer(single));
        CHECK_FALSE(policy.standingAnswer());
        CHECK(policy.decide(newer, there) == Decision::Ask);
    }

    REQUIRE(policy.setStandingAnswer(ConflictAnswer::All));
    CHECK(policy.standingAnswer() == ConflictAnswer::All);
    CHECK(policy.rule() == OverwritePolicy::Always);
    int reads = 0;
    CHECK(policy.decide(side(5, kNoon, "m", &reads), side(5, kNoon, "m", &reads)) ==
          Decision::Overwrite); // /Y from now on: not even an MD5 is read
    CHECK(reads == 0);

    REQUIRE(policy.setStandingAnswer(ConflictAnswer::None));
    CHECK(policy.decide(newer, there) == Decision::SkipExisting);
    REQUIRE(policy.setStandingAnswer(ConflictAnswer::KeepBothAll));
    CHECK(policy.decide(newer, there) == Decision::KeepBoth);
    REQUIRE(policy.setStandingAnswer(ConflictAnswer::IfNewerAll));
    CHECK(policy.decide(newer, there) == Decision::Overwrite);
    CHECK(policy.decide(older, there) == Decision::SkipNotNewer);
    // The job's own rules still come first.
    ConflictPolicy xo(spec(OverwritePolicy::Ask, true));
    REQUIRE(xo.setStandingAnswer(ConflictAnswer::All));
    CHECK(xo.decide(older, there) == Decision::SkipOlder);
}

TEST_CASE("what each answer to one question means for its file", "[conflict]")
{
    using blobferry::transfer::ConflictAnswer;
    const ConflictPolicy policy(spec(OverwritePolicy::Ask));
    blobferry::transfer::Conflict conflict;
    conflict.destinationModified = kNoon;
    conflict.sourceModified = kNoon.addSecs(60);
    CHECK(policy.decide(ConflictAnswer::Yes, conflict) == Decision::Overwrite);
    CHECK(policy.decide(ConflictAnswer::All, conflict) == Decision::Overwrite);
    CHECK(policy.decide(ConflictAnswer::No, conflict) == Decision::SkipDeclined);
    CHECK(policy.decide(ConflictAnswer::None, conflict) == Decision::SkipDeclined);
    CHECK(policy.decide(ConflictAnswer::KeepBoth, conflict) == Decision::KeepBoth);
    CHECK(policy.decide(ConflictAnswer::KeepBothAll, conflict) == Decision::KeepBoth);
    CHECK(policy.decide(ConflictAnswer::IfNewer, conflict) == Decision::Overwrite);
    conflict.sourceModified = kNoon.addSecs(-60);
    CHECK(policy.decide(ConflictAnswer::IfNewerAll, conflict) == Decision::SkipNotNewer);
    CHECK(ConflictPolicy::reason(Decision::SkipDeclined) ==
          QStringLiteral("the destination exists and was not overwritten"));
}

TEST_CASE("only /Y alone, or the answer All, skips looking at the destination", "[conflict]")
{
    using blobferry::transfer::ConflictAnswer;
    CHECK_FALSE(ConflictPolicy(spec(OverwritePolicy::Always)).looksAtDestination());
    CHECK(ConflictPolicy(spec(OverwritePolicy::Always, true)).looksAtDestination());
    CHECK(ConflictPolicy(spec(OverwritePolicy::Always, false, true)).looksAtDestination());
    TransferSpec dry = spec(OverwritePolicy::Always);
    dry.dryRun = true;
    CHECK(ConflictPolicy(dry).looksAtDestination());
    for (auto rule : {OverwritePolicy::Ask, OverwritePolicy::Never, OverwritePolicy::KeepBoth,
                      OverwritePolicy::IfNewer})
        CHECK(ConflictPolicy(spec(rule)).looksAtDestination());
    ConflictPolicy asked(spec(OverwritePolicy::Ask));
    REQUIRE(asked.setStandingAnswer(ConflictAnswer::All));
    CHECK_FALSE(asked.looksAtDestination());
    REQUIRE(asked.setStandingAnswer(ConflictAnswer::None));
    CHECK(asked.looksAtDestination());
}
