// SPDX-License-Identifier: MIT
#include "transfer/MirrorCleaner.h"

#include <catch2/catch.hpp>

using blobferry::transfer::MirrorCleaner;

TEST_CASE("a mirror's scope follows the job's patterns", "[mirror]")
{
    const QStringList none;
    CHECK(MirrorCleaner::inScope(QStringLiteral("a/b.txt"), none, true));
    CHECK(MirrorCleaner::inScope(QStringLiteral("a/b.txt"), none, false));
    // An upload's wildcards match file names (or paths when they hold a '/').
    const QStringList docs{QStringLiteral("*.docx")};
    CHECK(MirrorCleaner::inScope(QStringLiteral("sub/x.docx"), docs, true));
    CHECK_FALSE(MirrorCleaner::inScope(QStringLiteral("sub/x.txt"), docs, true));
    // A blob source's prefixes: names that start with one.
    const QStringList car{QStringLiteral("car")};
    CHECK(MirrorCleaner::inScope(QStringLiteral("car1.docx"), car, false));
    CHECK(MirrorCleaner::inScope(QStringLiteral("car/x"), car, false));
    CHECK_FALSE(MirrorCleaner::inScope(QStringLiteral("sub/car.docx"), car, false));
}

TEST_CASE("a mirror never deletes the names manifest or part files", "[mirror]")
{
    for (const bool wildcards : {true, false}) {
        CHECK_FALSE(MirrorCleaner::inScope(QStringLiteral(".blobferry-names.json"), {}, wildcards));
        CHECK_FALSE(
            MirrorCleaner::inScope(QStringLiteral("sub/.blobferry-names.json"), {}, wildcards));
        CHECK_FALSE(MirrorCleaner::inScope(QStringLiteral("big.iso.bfpart"), {}, wildcards));
    }
}
