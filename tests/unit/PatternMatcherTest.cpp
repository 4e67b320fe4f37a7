// SPDX-License-Identifier: MIT
#include "transfer/PatternMatcher.h"

#include "transfer/PatternTally.h"

#include <catch2/catch.hpp>

using blobferry::transfer::PatternMatcher;
using blobferry::transfer::PatternTally;

namespace {

PatternMatcher matcher(std::initializer_list<const char *> patterns)
{
    QStringList list;
    for (const char *p : patterns)
        list.append(QString::fromUtf8(p));
    return PatternMatcher(list);
}

} // namespace

TEST_CASE("no pattern takes every file", "[patternmatcher]")
{
    const PatternMatcher all{QStringList{}};
    CHECK(all.matches(QStringLiteral("a.txt")));
    CHECK(all.matches(QStringLiteral("deep/down/b.bin")));
    CHECK(all.matches(QStringLiteral(".hidden")));
}

TEST_CASE("*.docx matches file names at any depth", "[patternmatcher]")
{
    const auto m = matcher({"*.docx"});
    CHECK(m.matches(QStringLiteral("report.docx")));
    CHECK(m.matches(QStringLiteral("a/report.docx")));
    CHECK(m.matches(QStringLiteral("a/b/c/report.docx")));
    CHECK_FALSE(m.matches(QStringLiteral("report.doc")));
    CHECK_FALSE(m.matches(QStringLiteral("report.docx.bak")));
    CHECK_FALSE(m.matches(QStringLiteral("docx/readme.txt")));
}

TEST_CASE("? matches exactly one character", "[patternmatcher]")
{
    const auto m = matcher({"file?.txt"});
    CHECK(m.matches(QStringLiteral("file1.txt")));
    CHECK(m.matches(QStringLiteral("sub/fileA.txt")));
    CHECK_FALSE(m.matches(QStringLiteral("file.txt")));
    CHECK_FALSE(m.matches(QStringLiteral("file12.txt")));
}

TEST_CASE("a pattern with '/' matches the relative path", "[patternmatcher]")
{
    const auto m = matcher({"logs/*.log"});
    CHECK(m.matches(QStringLiteral("logs/today.log")));
    CHECK_FALSE(m.matches(QStringLiteral("today.log")));
    CHECK_FALSE(m.matches(QStringLiteral("old/logs/today.log")));
    CHECK_FALSE(m.matches(QStringLiteral("logs/2024/today.log")));
}

TEST_CASE("several patterns take a file matching any of them", "[patternmatcher]")
{
    const auto m = matcher({"*.docx", "*.xlsx", "data/*.csv"});
    CHECK(m.matches(QStringLiteral("a.docx")));
    CHECK(m.matches(QStringLiteral("x/b.xlsx")));
    CHECK(m.matches(QStringLiteral("data/c.csv")));
    CHECK_FALSE(m.matches(QStringLiteral("c.csv")));
    CHECK_FALSE(m.matches(QStringLiteral("d.pdf")));
}

TEST_CASE("an exact file name matches only that file", "[patternmatcher]")
{
    const auto m = matcher({"abc.txt"});
    CHECK(m.matches(QStringLiteral("abc.txt")));
    CHECK(m.matches(QStringLiteral("sub/abc.txt")));
    CHECK_FALSE(m.matches(QStringLiteral("xabc.txt")));
    CHECK_FALSE(m.matches(QStringLiteral("abc.txt.bak")));
    CHECK_FALSE(m.matches(QStringLiteral("abcxtxt")));
    CHECK_FALSE(m.matches(QStringLiteral("abc.txt/other")));
}

TEST_CASE("regex characters in a pattern are literal", "[patternmatcher]")
{
    const auto m = matcher({"a+b (1).txt", "c$^.dat"});
    CHECK(m.matches(QStringLiteral("a+b (1).txt")));
    CHECK_FALSE(m.matches(QStringLiteral("aab (1).txt")));
    CHECK(m.matches(QStringLiteral("c$^.dat")));
}

TEST_CASE("* alone matches every file name but not across directories in a path pattern",
          "[patternmatcher]")
{
    CHECK(matcher({"*"}).matches(QStringLiteral("deep/down/any.bin")));
    const auto m = matcher({"top/*"});
    CHECK(m.matches(QStringLiteral("top/a")));
    CHECK_FALSE(m.matches(QStringLiteral("top/sub/a")));
}

TEST_CASE("the tally names the wildcards that matched no file", "[patternmatcher]")
{
    PatternTally tally({QStringLiteral("*.jpg"), QStringLiteral("*.jgp"),
                        QStringLiteral("raw/*.cr2"), QStringLiteral("*.jpg")},
                       true);
    CHECK(tally.unmatched() == QStringList{QStringLiteral("*.jpg"), QStringLiteral("*.jgp"),
                                           QStringLiteral("raw/*.cr2")});
    tally.note(QStringLiteral("2024/holiday.jpg"));
    tally.note(QStringLiteral("raw/a.cr2"));
    CHECK(tally.unmatched() == QStringList{QStringLiteral("*.jgp")});
}

TEST_CASE("the tally takes a blob source's patterns as name prefixes", "[patternmatcher]")
{
    PatternTally tally({QStringLiteral("photos/"), QStringLiteral("photso/")}, false);
    tally.note(QStringLiteral("photos/a.jpg"));
    CHECK(tally.unmatched() == QStringList{QStringLiteral("photso/")});
    CHECK(PatternTally().unmatched().isEmpty()); // no pattern: nothing to report
}
