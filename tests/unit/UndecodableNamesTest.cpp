// SPDX-License-Identifier: MIT
#include "transfer/UndecodableNames.h"

#include <QFile>
#include <QTemporaryDir>
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using blobferry::transfer::UndecodableNames;

TEST_CASE("names that are not UTF-8 are found, which Qt's iterators leave out", "[undecodable]")
{
    QTemporaryDir dir;
    const QByteArray root = QFile::encodeName(dir.path());
    ::close(::open((root + "/fine-\xc3\xa9.txt").constData(), O_CREAT | O_WRONLY, 0644));
    ::close(::open((root + "/bad\xff.txt").constData(), O_CREAT | O_WRONLY, 0644));
    REQUIRE(::mkdir((root + "/dir\xc3").constData(), 0755) == 0);
    // Encoded surrogates and overlong forms are not UTF-8 either.
    ::close(::open((root + "/sur\xed\xa0\x80").constData(), O_CREAT | O_WRONLY, 0644));

    const auto found = UndecodableNames::in(dir.path());
    QStringList shown;
    for (const auto &entry : found)
        shown.append(UndecodableNames::display(entry.name) +
                     (entry.isDirectory ? QStringLiteral("/") : QString()));
    shown.sort();
    CHECK(shown == QStringList{QStringLiteral("bad\\xFF.txt"), QStringLiteral("dir\\xC3/"),
                               QStringLiteral("sur\\xED\\xA0\\x80")});

    ::unlink((root + "/bad\xff.txt").constData());
    ::rmdir((root + "/dir\xc3").constData());
    ::unlink((root + "/sur\xed\xa0\x80").constData());
}

TEST_CASE("a name is shown with its valid characters and hex escapes (xNN) for the rest",
          "[undecodable]")
{
    CHECK(UndecodableNames::display("caf\xc3\xa9-\xff-\xe6\x97\xa5") ==
          QString::fromUtf8("caf\xc3\xa9-\\xFF-\xe6\x97\xa5"));
}
