// SPDX-License-Identifier: MIT
#include "transfer/BlockPlan.h"

#include <QSet>
#include <catch2/catch.hpp>

using blobferry::transfer::BlockPlan;

namespace {

constexpr qint64 kMiB = 1024 * 1024;
constexpr qint64 kBlock = 4 * kMiB;

// The blocks follow each other without gap or overlap and end exactly at the end of the file.
void requireContiguousCover(const BlockPlan &plan)
{
    qint64 expectedOffset = 0;
    for (int i = 0; i < plan.blockCount(); ++i) {
        INFO("block " << i);
        REQUIRE(plan.offsetOf(i) == expectedOffset);
        REQUIRE(plan.lengthOf(i) > 0);
        REQUIRE(plan.lengthOf(i) <= plan.blockSize());
        expectedOffset += plan.lengthOf(i);
    }
    REQUIRE(expectedOffset == plan.fileSize());
}

} // namespace

TEST_CASE("an empty file is one Put Blob with no blocks", "[blockplan]")
{
    const BlockPlan plan(0, kBlock);
    CHECK(plan.isSingleShot());
    CHECK(plan.isPossible());
    CHECK(plan.fileSize() == 0);
    CHECK(plan.blockCount() == 0);
}

TEST_CASE("a one-byte file is one Put Blob of one byte", "[blockplan]")
{
    const BlockPlan plan(1, kBlock);
    CHECK(plan.isSingleShot());
    CHECK(plan.isPossible());
    REQUIRE(plan.blockCount() == 1);
    CHECK(plan.offsetOf(0) == 0);
    CHECK(plan.lengthOf(0) == 1);
}

TEST_CASE("a file of exactly the block size is still one Put Blob", "[blockplan]")
{
    const BlockPlan plan(kBlock, kBlock);
    CHECK(plan.isSingleShot());
    REQUIRE(plan.blockCount() == 1);
    CHECK(plan.lengthOf(0) == kBlock);
}

TEST_CASE("one byte more than the block size gives two blocks, the last of one byte", "[blockplan]")
{
    const BlockPlan plan(kBlock + 1, kBlock);
    CHECK_FALSE(plan.isSingleShot());
    CHECK(plan.isPossible());
    CHECK(plan.blockSize() == kBlock);
    REQUIRE(plan.blockCount() == 2);
    CHECK(plan.lengthOf(0) == kBlock);
    CHECK(plan.offsetOf(1) == kBlock);
    CHECK(plan.lengthOf(1) == 1);
    requireContiguousCover(plan);
}

TEST_CASE("blocks are equal except the shorter last one and cover the file", "[blockplan]")
{
    const qint64 size = 10 * kBlock + 12345;
    const BlockPlan plan(size, kBlock);
    REQUIRE(plan.blockCount() == 11);
    for (int i = 0; i < 10; ++i)
        CHECK(plan.lengthOf(i) == kBlock);
    CHECK(plan.lengthOf(10) == 12345);
    requireContiguousCover(plan);

    const BlockPlan whole(3 * kBlock, kBlock);
    REQUIRE(whole.blockCount() == 3);
    CHECK(whole.lengthOf(2) == kBlock);
    requireContiguousCover(whole);
}

TEST_CASE("a file of exactly 50,000 blocks keeps the preferred block size", "[blockplan]")
{
    const BlockPlan plan(qint64(BlockPlan::kMaxBlocks) * kBlock, kBlock);
    CHECK(plan.isPossible());
    CHECK_FALSE(plan.isSingleShot());
    CHECK(plan.blockSize() == kBlock);
    CHECK(plan.blockCount() == 50'000);
    CHECK(plan.lengthOf(49'999) == kBlock);
    requireContiguousCover(plan);
}

TEST_CASE("one byte past 50,000 blocks raises the block size to a whole MiB and stays within "
          "50,000 blocks",
          "[blockplan]")
{
    const qint64 size = qint64(BlockPlan::kMaxBlocks) * kBlock + 1;
    const BlockPlan plan(size, kBlock);
    CHECK(plan.isPossible());
    CHECK(plan.blockSize() > kBlock);
    CHECK(plan.blockSize() % kMiB == 0);
    CHECK(plan.blockCount() <= 50'000);
    CHECK(qint64(plan.blockCount()) * plan.blockSize() >= size);
    requireContiguousCover(plan);
}

TEST_CASE("a preferred block size that is not a whole MiB is rounded up only when raised",
          "[blockplan]")
{
    const qint64 odd = 1000;
    const BlockPlan small(5 * odd + 1, odd);
    CHECK(small.blockSize() == odd);
    CHECK(small.blockCount() == 6);

    const BlockPlan large(qint64(BlockPlan::kMaxBlocks) * odd + 1, odd);
    CHECK(large.blockSize() == kMiB);
    CHECK(large.blockCount() <= 50'000);
    requireContiguousCover(large);
}

TEST_CASE("the largest possible file is 50,000 blocks of 4000 MiB", "[blockplan]")
{
    const qint64 size = qint64(BlockPlan::kMaxBlocks) * BlockPlan::kMaxBlockSize;
    const BlockPlan plan(size, kBlock);
    CHECK(plan.isPossible());
    CHECK(plan.blockSize() == 4000 * kMiB);
    CHECK(plan.blockCount() == 50'000);
    CHECK(plan.offsetOf(49'999) + plan.lengthOf(49'999) == size);
}

TEST_CASE("a file too large for 50,000 blocks of 4000 MiB is not possible", "[blockplan]")
{
    const BlockPlan plan(qint64(BlockPlan::kMaxBlocks) * BlockPlan::kMaxBlockSize + 1, kBlock);
    CHECK_FALSE(plan.isPossible());
}

TEST_CASE("a preferred block size above 4000 MiB is capped", "[blockplan]")
{
    const BlockPlan plan(5000 * kMiB, 4500 * kMiB);
    CHECK(plan.blockSize() == 4000 * kMiB);
    CHECK_FALSE(plan.isSingleShot());
    CHECK(plan.blockCount() == 2);
    CHECK(plan.lengthOf(1) == 1000 * kMiB);
}

TEST_CASE("a block id has the same length for every block of a blob", "[blockplan]")
{
    const QByteArray tag = "3f2a9c";
    const int length = BlockPlan::blockId(tag, 0).size();
    for (int index : {1, 9, 10, 999, 1000, 12345, 49'999})
        CHECK(BlockPlan::blockId(tag, index).size() == length);
}

TEST_CASE("block ids are valid base64 of at most 64 bytes and differ between blocks and versions",
          "[blockplan]")
{
    const QByteArray tag = "3f2a9c0123456789";
    QSet<QByteArray> seen;
    for (int index : {0, 1, 2, 49'998, 49'999}) {
        const QByteArray id = BlockPlan::blockId(tag, index);
        const auto decoded =
            QByteArray::fromBase64Encoding(id, QByteArray::AbortOnBase64DecodingErrors);
        REQUIRE(decoded);
        CHECK(decoded.decoded.size() <= 64);
        seen.insert(id);
    }
    CHECK(seen.size() == 5);

    // The tag ties ids to one version of the file.
    CHECK(BlockPlan::blockId("version-a", 7) != BlockPlan::blockId("version-b", 7));
}
