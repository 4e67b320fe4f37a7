// SPDX-License-Identifier: MIT
#include "transfer/Md5.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <catch2/catch.hpp>

using blobferry::transfer::Md5;

namespace {

QByteArray reference(QByteArrayView bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Md5);
}

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QRandomGenerator random(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(random.bounded(256));
    return bytes;
}

} // namespace

TEST_CASE("MD5 matches RFC 1321's test suite", "[md5]")
{
    const auto hex = [](QByteArrayView text) {
        Md5 md5;
        md5.addData(text);
        return md5.result().toHex();
    };
    CHECK(hex("") == "d41d8cd98f00b204e9800998ecf8427e");
    CHECK(hex("a") == "0cc175b9c0f1b6a831c399e269772661");
    CHECK(hex("abc") == "900150983cd24fb0d6963f7d28e17f72");
    CHECK(hex("message digest") == "f96b697d7cb7938d525a2f31aaf161d0");
    CHECK(hex("abcdefghijklmnopqrstuvwxyz") == "c3fcd3d76192e4007dfb496cca67e13b");
    CHECK(hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890") ==
          "57edf4a22be3c955ac49da2e2107b67a");
}

TEST_CASE("MD5 gives the same digest however the bytes are split", "[md5]")
{
    // Lengths around the 56- and 64-byte padding edges and a few larger ones.
    for (const qsizetype size : {55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 70000}) {
        const QByteArray bytes = randomBytes(size, quint32(size));
        for (const qsizetype step : {1, 7, 64, 100, 4096}) {
            INFO("size " << size << ", pieces of " << step);
            Md5 md5;
            for (qsizetype at = 0; at < size; at += step)
                md5.addData(QByteArrayView(bytes).sliced(at, std::min(step, size - at)));
            REQUIRE(md5.result() == reference(bytes));
        }
    }
}

TEST_CASE("result() leaves the hash running", "[md5]")
{
    const QByteArray bytes = randomBytes(300, 1);
    Md5 md5;
    md5.addData(QByteArrayView(bytes).first(100));
    REQUIRE(md5.result() == reference(QByteArrayView(bytes).first(100)));
    md5.addData(QByteArrayView(bytes).sliced(100));
    REQUIRE(md5.result() == reference(bytes));
}

TEST_CASE("addToBoth feeds two hashes that stand at any offsets", "[md5]")
{
    const QByteArray prefix = randomBytes(1000, 2);
    const QByteArray bytes = randomBytes(20000, 3);
    // `whole` has seen part of the prefix; `segment` starts fresh (the upload's case when the
    // prefix length is a multiple of 64, a different offset within a block otherwise).
    for (const qsizetype seen : {0, 64, 640, 1, 63, 65, 999}) {
        for (const qsizetype step : {1, 64, 1000, 20000}) {
            INFO("prefix " << seen << ", pieces of " << step);
            Md5 whole;
            whole.addData(QByteArrayView(prefix).first(seen));
            Md5 segment;
            for (qsizetype at = 0; at < bytes.size(); at += step)
                Md5::addToBoth(segment, whole,
                               QByteArrayView(bytes).sliced(at, std::min(step, bytes.size() - at)));
            REQUIRE(segment.result() == reference(bytes));
            REQUIRE(whole.result() ==
                    reference(QByteArrayView(prefix).first(seen).toByteArray() + bytes));
        }
    }
}
