// SPDX-License-Identifier: MIT
#include "transfer/NameMapper.h"

#include <QRegularExpression>
#include <catch2/catch.hpp>
#include <string_view>
#include <vector>

using blobferry::transfer::NameMapper;
using blobferry::transfer::NameRules;
using namespace std::string_view_literals;

namespace {

enum class Target
{
    Linux,
    Windows,       // a FAT/NTFS/SMB mount seen from Linux: '\' is a character it cannot hold
    WindowsNative, // Windows itself: '\' separates
};

NameMapper mapperFor(Target target)
{
    NameRules rules;
    rules.windowsNames = target != Target::Linux;
    rules.backslashSeparates = target == Target::WindowsNative;
    return NameMapper(rules);
}

QString utf8(std::string_view bytes)
{
    return QString::fromUtf8(bytes.data(), qsizetype(bytes.size()));
}

// An expected path where "~########" stands for the short hash of a shortened segment.
bool matchesExpected(const QString &actual, const QString &expected)
{
    QStringList parts = expected.split(QStringLiteral("~########"));
    for (QString &part : parts)
        part = QRegularExpression::escape(part);
    const QString pattern = parts.join(QStringLiteral("~[0-9a-f]{8}"));
    return QRegularExpression(QRegularExpression::anchoredPattern(pattern))
        .match(actual)
        .hasMatch();
}

struct Row
{
    QString name;
    Target target;
    QString expected;
    qint64 size = 1;
};

QString repeated(const QString &text, int times)
{
    return text.repeated(times);
}

std::vector<Row> awkwardNames()
{
    const auto L = Target::Linux;
    const auto W = Target::Windows;
    const auto N = Target::WindowsNative;
    const QString e = utf8("\xc3\xa9");            // é, two bytes
    const QString grin = utf8("\xf0\x9f\x98\x80"); // 😀, four bytes, a surrogate pair
    return {
        // plain names stay as they are
        {utf8("dir/sub/file.txt"), L, utf8("dir/sub/file.txt")},
        {utf8("caf\xc3\xa9/\xe6\x97\xa5\xe6\x9c\xac.txt"), L,
         utf8("caf\xc3\xa9/\xe6\x97\xa5\xe6\x9c\xac.txt")},
        {QStringLiteral("emoji ") + grin + QStringLiteral(".png"), L,
         QStringLiteral("emoji ") + grin + QStringLiteral(".png")},
        // "." and ".." segments, wherever they are
        {utf8("."), L, utf8("dot")},
        {utf8(".."), L, utf8("dotdot")},
        {utf8("a/./b"), L, utf8("a/dot/b")},
        {utf8("../x"), L, utf8("dotdot/x")},
        {utf8("a/../../x"), L, utf8("a/dotdot/dotdot/x")},
        {utf8("x/.."), L, utf8("x/dotdot")},
        {utf8("../../../../etc/passwd"), L, utf8("dotdot/dotdot/dotdot/dotdot/etc/passwd")},
        // names that merely contain dots
        {utf8("..."), L, utf8("...")},
        {utf8("..hidden/.profile"), L, utf8("..hidden/.profile")},
        {utf8("a..b"), L, utf8("a..b")},
        // full-width dots are letters, not "..": they stay, and stay inside
        {utf8("\xef\xbc\x8e\xef\xbc\x8e/x"), L, utf8("\xef\xbc\x8e\xef\xbc\x8e/x")},
        // empty segments, leading and trailing '/'
        {utf8("x//y"), L, utf8("x/y")},
        {utf8("a///b//c.txt"), L, utf8("a/b/c.txt")},
        {utf8("/abs"), L, utf8("abs")},
        {utf8("//etc/passwd"), L, utf8("etc/passwd")},
        {utf8("/abs/path.txt"), L, utf8("abs/path.txt")},
        {utf8("photos/2024/"), L, utf8("photos/2024"), 0},    // folder marker
        {utf8("photos/2024/"), L, utf8("photos/2024%2F"), 5}, // a marker with bytes
        {utf8("/"), L, utf8("%2F"), 5},
        {utf8("/../"), L, utf8("dotdot%2F"), 5},
        // '\' is a character on Linux, impossible on a Windows-like mount, a separator on Windows
        {utf8("back\\slash"), L, utf8("back\\slash")},
        {utf8("a\\..\\b"), L, utf8("a\\..\\b")},
        {utf8("back\\slash"), W, utf8("back%5Cslash")},
        {utf8("a\\b\\c.txt"), N, utf8("a/b/c.txt")},
        {utf8("..\\evil.txt"), N, utf8("dotdot/evil.txt")},
        // characters: only NUL is impossible on Linux
        {utf8("a:b*c?d"), L, utf8("a:b*c?d")},
        {utf8("tab\there"), L, utf8("tab\there")},
        {utf8("nul\0byte"sv), L, utf8("nul%00byte")},
        {utf8("a:b"), W, utf8("a%3Ab")},
        {utf8("what?.txt"), W, utf8("what%3F.txt")},
        {utf8("<tag>|pipe*"), W, utf8("%3Ctag%3E%7Cpipe%2A")},
        {utf8("say \"hi\""), W, utf8("say %22hi%22")},
        {utf8("ctl\x01x/bell\x07"), W, utf8("ctl%01x/bell%07")},
        {utf8("C:/x"), W, utf8("C%3A/x")},
        // Windows device names, with any extension, in any case
        {utf8("CON"), L, utf8("CON")},
        {utf8("CON"), W, utf8("CON_")},
        {utf8("con.txt"), W, utf8("con_.txt")},
        {utf8("NUL.tar.gz"), W, utf8("NUL_.tar.gz")},
        {utf8("dir/aux.c"), W, utf8("dir/aux_.c")},
        {utf8("COM1"), W, utf8("COM1_")},
        {utf8("lpt9.log"), W, utf8("lpt9_.log")},
        {utf8("COM\xc2\xb9"), W, utf8("COM\xc2\xb9_")},
        {utf8("CON .txt"), W, utf8("CON_ .txt")},
        {utf8("COM10"), W, utf8("COM10")},
        {utf8("CONSOLE.txt"), W, utf8("CONSOLE.txt")},
        // trailing dots and spaces, which Windows would drop
        {utf8("trailing."), W, utf8("trailing%2E")},
        {utf8("trailing "), W, utf8("trailing%20")},
        {utf8("dots.../x"), W, utf8("dots%2E%2E%2E/x")},
        {utf8("..."), W, utf8("%2E%2E%2E")},
        {utf8(".."), W, utf8("dotdot")},
        {utf8("trailing. "), L, utf8("trailing. ")},
        // names the service could not decode
        {utf8("bad\xef\xbf\xbdname"), L, utf8("bad%EF%BF%BDname")},
        // segments longer than 255 bytes: shortened, extension kept, a short hash added
        {repeated(QStringLiteral("a"), 296) + QStringLiteral(".txt"), L,
         repeated(QStringLiteral("a"), 242) + QStringLiteral("~########.txt")},
        {repeated(QStringLiteral("d"), 300) + QStringLiteral("/f"), L,
         repeated(QStringLiteral("d"), 246) + QStringLiteral("~########/f")},
        {repeated(e, 300) + QStringLiteral(".txt"), L,
         repeated(e, 121) + QStringLiteral("~########.txt")},
        {repeated(grin, 100), L, repeated(grin, 61) + QStringLiteral("~########")},
        {repeated(QStringLiteral("b"), 255), L, repeated(QStringLiteral("b"), 255)},
        {repeated(QStringLiteral(":"), 100), W,
         repeated(QStringLiteral("%3A"), 82) + QStringLiteral("~########")},
    };
}

} // namespace

TEST_CASE("awkward blob names map to the expected local paths", "[namemapper]")
{
    const auto rows = awkwardNames();
    REQUIRE(rows.size() >= 40);
    for (const Row &row : rows) {
        const auto result = mapperFor(row.target).toLocal(row.name, row.size);
        INFO("blob name: " << row.name.toStdString() << "  target: " << int(row.target)
                           << "  got: " << result.relativePath.toStdString());
        CHECK(matchesExpected(result.relativePath, row.expected));
        if (!result.isDirectory)
            CHECK(result.renamed == (result.relativePath != row.name));
        if (!result.relativePath.isEmpty())
            CHECK(NameMapper::staysInside(result.relativePath));
    }
}

TEST_CASE("a plain blob name maps to the same relative path, not renamed", "[namemapper]")
{
    const auto result = NameMapper().toLocal(QStringLiteral("dir/sub/file.txt"));
    CHECK(result.relativePath == QLatin1String("dir/sub/file.txt"));
    CHECK_FALSE(result.renamed);
    CHECK_FALSE(result.isDirectory);
}

TEST_CASE("a blob named .. is written as dotdot", "[namemapper]")
{
    const auto result = NameMapper().toLocal(QStringLiteral(".."));
    CHECK(result.relativePath == QLatin1String("dotdot"));
    CHECK(result.renamed);
}

TEST_CASE("a zero-length name ending in '/' is a folder, with bytes it is a file", "[namemapper]")
{
    const auto marker = NameMapper().toLocal(QStringLiteral("photos/2024/"), 0);
    CHECK(marker.isDirectory);
    CHECK(marker.relativePath == QLatin1String("photos/2024"));
    CHECK_FALSE(marker.renamed);
    CHECK(NameMapper().toLocal(QStringLiteral("/photos/"), 0).renamed);
    const auto root = NameMapper().toLocal(QStringLiteral("/"), 0);
    CHECK(root.isDirectory);
    CHECK(root.relativePath.isEmpty());

    const auto withBytes = NameMapper().toLocal(QStringLiteral("photos/2024/"), 10);
    CHECK_FALSE(withBytes.isDirectory);
    CHECK(withBytes.relativePath == QLatin1String("photos/2024%2F"));
    CHECK(withBytes.renamed);
}

TEST_CASE("U+FFFD and lone surrogates are written as codes and reported", "[namemapper]")
{
    const auto replacement = NameMapper().toLocal(QString::fromUtf8("x\xef\xbf\xbd"));
    CHECK(replacement.invalidUnicode);
    CHECK(replacement.relativePath == QLatin1String("x%EF%BF%BD"));

    QString lone = QStringLiteral("a");
    lone += QChar(0xD800);
    lone += QStringLiteral("b/c");
    lone += QChar(0xDC01);
    const auto surrogates = NameMapper().toLocal(lone);
    CHECK(surrogates.invalidUnicode);
    CHECK(surrogates.relativePath == QLatin1String("a%ED%A0%80b/c%ED%B0%81"));

    const auto fine = NameMapper().toLocal(QString::fromUtf8("caf\xc3\xa9 \xf0\x9f\x98\x80"));
    CHECK_FALSE(fine.invalidUnicode);
    CHECK_FALSE(fine.renamed);
}

TEST_CASE("isValidUnicode accepts pairs and rejects U+FFFD and lone surrogates", "[namemapper]")
{
    CHECK(NameMapper::isValidUnicode(QString::fromUtf8("\xf0\x9f\x98\x80 ok")));
    CHECK_FALSE(NameMapper::isValidUnicode(QString::fromUtf8("\xef\xbf\xbd")));
    CHECK_FALSE(NameMapper::isValidUnicode(QString(QChar(0xDC00))));
    CHECK_FALSE(NameMapper::isValidUnicode(QString(QChar(0xD800)) + QLatin1Char('x')));
}

TEST_CASE("shortened names fit in 255 bytes, keep the extension and differ by hash", "[namemapper]")
{
    const QString a = QString(400, QLatin1Char('x')) + QStringLiteral("1.docx");
    const QString b = QString(400, QLatin1Char('x')) + QStringLiteral("2.docx");
    const QString shortA = NameMapper::shortened(a);
    const QString shortB = NameMapper::shortened(b);
    CHECK(shortA.toUtf8().size() == 255);
    CHECK(shortA.endsWith(QLatin1String(".docx")));
    CHECK(shortA != shortB);
    CHECK(NameMapper::shortened(shortA) == shortA);
    // A suffix too long to be an extension is not kept whole.
    const QString longSuffix = QStringLiteral("x.") + QString(300, QLatin1Char('y'));
    CHECK(NameMapper::shortened(longSuffix).toUtf8().size() <= 255);
}

TEST_CASE("a counter goes before the extension, as in car(1).docx", "[namemapper]")
{
    CHECK(NameMapper::withCounter(QStringLiteral("car.docx"), 1) == QLatin1String("car(1).docx"));
    CHECK(NameMapper::withCounter(QStringLiteral("a"), 2) == QLatin1String("a(2)"));
    CHECK(NameMapper::withCounter(QStringLiteral(".profile"), 1) == QLatin1String(".profile(1)"));
    CHECK(NameMapper::withCounter(QStringLiteral("archive.tar.gz"), 3) ==
          QLatin1String("archive.tar(3).gz"));
    // Dots alone, or a dot at the end, are no extension: "..." is not ".." + ".".
    CHECK(NameMapper::withCounter(QStringLiteral("..."), 1) == QLatin1String("...(1)"));
    CHECK(NameMapper::withCounter(QStringLiteral("..x"), 1) == QLatin1String("..x(1)"));
    CHECK(NameMapper::withCounter(QStringLiteral("a."), 1) == QLatin1String("a.(1)"));
    const QString full = QString(251, QLatin1Char('z')) + QStringLiteral(".txt");
    const QString counted = NameMapper::withCounter(full, 12);
    CHECK(counted.toUtf8().size() <= 255);
    CHECK(counted.endsWith(QLatin1String("(12).txt")));
}

TEST_CASE("a local path becomes a blob name with its case kept", "[namemapper]")
{
    CHECK(NameMapper::toBlobName(QStringLiteral("Dir/Sub/File.TXT")) ==
          QLatin1String("Dir/Sub/File.TXT"));
}

TEST_CASE("staysInside accepts plain relative paths", "[namemapper]")
{
    CHECK(NameMapper::staysInside(QStringLiteral("a")));
    CHECK(NameMapper::staysInside(QStringLiteral("a/b/c.txt")));
    CHECK(NameMapper::staysInside(QStringLiteral("dotdot/...")));
    CHECK(NameMapper::staysInside(QStringLiteral("..a/b..")));
}

TEST_CASE("staysInside rejects '..', '.', empty, absolute and impossible paths", "[namemapper]")
{
    CHECK_FALSE(NameMapper::staysInside(QStringLiteral("..")));
    CHECK_FALSE(NameMapper::staysInside(QStringLiteral(".")));
    CHECK_FALSE(NameMapper::staysInside(QString()));
    CHECK_FALSE(NameMapper::staysInside(QStringLiteral("/abs")));
    CHECK_FALSE(NameMapper::staysInside(QStringLiteral("a/../b")));
    CHECK_FALSE(NameMapper::staysInside(QStringLiteral("a/..")));
    CHECK_FALSE(NameMapper::staysInside(QStringLiteral("a//b")));
    CHECK_FALSE(NameMapper::staysInside(QStringLiteral("a/")));
    CHECK_FALSE(NameMapper::staysInside(QStringLiteral("a") + QChar(0) + QStringLiteral("b")));
    CHECK_FALSE(NameMapper::staysInside(QString(256, QLatin1Char('x'))));
}
