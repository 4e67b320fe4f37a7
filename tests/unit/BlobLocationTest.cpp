// SPDX-License-Identifier: MIT
#include "azure/BlobLocation.h"

#include <catch2/catch.hpp>

using blobferry::azure::BlobLocation;

namespace {

BlobLocation parsed(const QString &text)
{
    QString error;
    const auto location = BlobLocation::parse(text, &error);
    INFO("error: " << error.toStdString());
    REQUIRE(location.has_value());
    return *location;
}

QString parseError(const QString &text, bool requireContainer = true)
{
    QString error;
    const auto location = BlobLocation::parse(text, &error, requireContainer);
    CHECK_FALSE(location.has_value());
    CHECK_FALSE(error.isEmpty());
    CHECK_FALSE(error.contains(QLatin1Char('\n')));
    return error;
}

} // namespace

TEST_CASE("a virtual-host URL names account, container and path, empty when none", "[bloblocation]")
{
    const auto loc = parsed(QStringLiteral("https://acct.blob.core.windows.net/cont/dir/x"));
    CHECK_FALSE(loc.isPathStyle());
    CHECK(loc.account() == QLatin1String("acct"));
    CHECK(loc.container() == QLatin1String("cont"));
    CHECK(loc.path() == QLatin1String("dir/x"));
    CHECK(loc.serviceRoot() == QLatin1String("https://acct.blob.core.windows.net"));
    CHECK(loc.sasToken().isEmpty());
    CHECK(loc.containerUrl().toEncoded() == "https://acct.blob.core.windows.net/cont");
    CHECK(parsed(QStringLiteral("https://acct.blob.core.windows.net/cont")).path().isEmpty());
    CHECK(parsed(QStringLiteral("https://acct.blob.core.windows.net/cont/")).path().isEmpty());
}

TEST_CASE("a path-style emulator URL takes the account from the first path segment",
          "[bloblocation]")
{
    const auto loc = parsed(QStringLiteral("http://127.0.0.1:10000/devstoreaccount1/cont/dir"));
    CHECK(loc.isPathStyle());
    CHECK(loc.account() == QLatin1String("devstoreaccount1"));
    CHECK(loc.container() == QLatin1String("cont"));
    CHECK(loc.path() == QLatin1String("dir"));
    CHECK(loc.serviceRoot() == QLatin1String("http://127.0.0.1:10000/devstoreaccount1"));
    CHECK(loc.blobUrl(QStringLiteral("dir/f.txt")).toEncoded() ==
          "http://127.0.0.1:10000/devstoreaccount1/cont/dir/f.txt");
}

// Empty segments in a location carry no meaning: path() never starts with '/'.
TEST_CASE("a doubled slash after the container leaves no leading '/' in the path", "[bloblocation]")
{
    const auto loc = parsed(QStringLiteral("https://acct.blob.core.windows.net/cont//dir"));
    CHECK_FALSE(loc.path().startsWith(QLatin1Char('/')));
}

TEST_CASE("a SAS query is kept apart and appended to every request URL", "[bloblocation]")
{
    const auto loc = parsed(QStringLiteral(
        "https://acct.blob.core.windows.net/cont/dir?sv=2022-11-02&sp=rl&sig=s3cr3t%2Bx%3D"));
    CHECK(loc.path() == QLatin1String("dir"));
    CHECK(loc.sasToken() == QLatin1String("sv=2022-11-02&sp=rl&sig=s3cr3t%2Bx%3D"));
    CHECK(loc.blobUrl(QStringLiteral("a.txt")).toEncoded() ==
          "https://acct.blob.core.windows.net/cont/a.txt?sv=2022-11-02&sp=rl&sig=s3cr3t%2Bx%3D");
    CHECK(loc.containerUrl(QStringLiteral("restype=container&comp=list")).query() ==
          QLatin1String("restype=container&comp=list&sv=2022-11-02&sp=rl&sig=s3cr3t%2Bx%3D"));
}

TEST_CASE("display() never shows the SAS signature", "[bloblocation]")
{
    const auto loc = parsed(
        QStringLiteral("https://acct.blob.core.windows.net/cont/dir?sig=s3cr3t&sv=2022-11-02"));
    const QString shown = loc.display();
    CHECK_FALSE(shown.contains(QLatin1String("s3cr3t")));
    CHECK(shown.contains(QLatin1String("https://acct.blob.core.windows.net/cont/dir")));
    CHECK(shown.contains(QLatin1String("sv=2022-11-02")));

    const auto later = parsed(
        QStringLiteral("http://127.0.0.1:10000/devstoreaccount1/cont?sv=2022-11-02&SIG=s3cr3t"));
    CHECK_FALSE(later.display().contains(QLatin1String("s3cr3t")));
}

// The whole URL, query included, goes into the message: its "sig" after '?' must be hidden.
TEST_CASE("an error about a malformed URL never shows the SAS signature", "[bloblocation]")
{
    const QString error = parseError(QStringLiteral("https:///cont?sig=s3cr3t&sv=2022-11-02"));
    CHECK_FALSE(error.contains(QLatin1String("s3cr3t")));
}

TEST_CASE("blob names are percent-encoded in the URL path, '/' kept", "[bloblocation]")
{
    const auto loc = parsed(QStringLiteral("https://acct.blob.core.windows.net/cont"));
    auto pathOf = [&](const QString &name) {
        return loc.blobUrl(name).path(QUrl::FullyEncoded).toStdString();
    };
    CHECK(pathOf(QStringLiteral("my file.txt")) == "/cont/my%20file.txt");
    CHECK(pathOf(QStringLiteral("a+b.txt")) == "/cont/a%2Bb.txt");
    CHECK(pathOf(QStringLiteral("100%.txt")) == "/cont/100%25.txt");
    CHECK(pathOf(QStringLiteral("c#.txt")) == "/cont/c%23.txt");
    CHECK(pathOf(QStringLiteral("why?.txt")) == "/cont/why%3F.txt");
    CHECK(pathOf(QStringLiteral("a/b")) == "/cont/a/b");
    CHECK(pathOf(QString::fromUtf8("caf\xc3\xa9/\xe6\x97\xa5.txt")) ==
          "/cont/caf%C3%A9/%E6%97%A5.txt");
}

TEST_CASE("a name with a . or .. segment travels as one segment, '/' encoded", "[bloblocation]")
{
    const auto loc = parsed(QStringLiteral("https://acct.blob.core.windows.net/cont"));
    auto pathOf = [&](const QString &name) {
        return loc.blobUrl(name).path(QUrl::FullyEncoded).toStdString();
    };
    CHECK(pathOf(QStringLiteral("../x")) == "/cont/..%2Fx");
    CHECK(pathOf(QStringLiteral("a/../../x")) == "/cont/a%2F..%2F..%2Fx");
    CHECK(pathOf(QStringLiteral("a/./b/")) == "/cont/a%2F.%2Fb%2F");
    CHECK(pathOf(QStringLiteral("a/..b/c")) == "/cont/a/..b/c");
    // What the HTTP client will do with it: nothing, no segment is "." or "..".
    CHECK(loc.blobUrl(QStringLiteral("a/../../x")).adjusted(QUrl::NormalizePathSegments) ==
          loc.blobUrl(QStringLiteral("a/../../x")));
}

TEST_CASE("a blob named exactly . or .. shares its segment with the container, '/' encoded",
          "[bloblocation]")
{
    for (const char *account : {"https://acct.blob.core.windows.net/cont",
                                "http://127.0.0.1:10000/devstoreaccount1/cont"}) {
        const auto loc = parsed(QString::fromLatin1(account));
        const QString root = loc.containerUrl().path(QUrl::FullyEncoded);
        for (const char *name : {".", ".."}) {
            INFO(account << " " << name);
            const QUrl url = loc.blobUrl(QLatin1String(name), QStringLiteral("comp=x"));
            CHECK(url.path(QUrl::FullyEncoded) ==
                  root + QStringLiteral("%2F") + QLatin1String(name));
            // The HTTP client leaves it as it is: no segment is "." or "..".
            CHECK(url.adjusted(QUrl::NormalizePathSegments) == url);
        }
        CHECK(loc.blobUrl(QStringLiteral("...")).path(QUrl::FullyEncoded) ==
              root + QStringLiteral("/..."));
    }
}

TEST_CASE("an awkward blob name round-trips through its URL", "[bloblocation]")
{
    const auto loc = parsed(QStringLiteral("http://127.0.0.1:10000/devstoreaccount1/cont"));
    const QString name = QString::fromUtf8("dir/a b+c%d#e?f&g=h\xc3\xa9.txt");
    const QUrl url = loc.blobUrl(name);
    REQUIRE(url.isValid());
    CHECK(url.query().isEmpty());
    CHECK(url.fragment().isEmpty());
    CHECK(url.path(QUrl::FullyDecoded) == QLatin1String("/devstoreaccount1/cont/") + name);
}

TEST_CASE("the service URL lists containers at the account root", "[bloblocation]")
{
    QString error;
    const auto virtualHost =
        BlobLocation::parse(QStringLiteral("https://acct.blob.core.windows.net/"), &error, false);
    REQUIRE(virtualHost);
    CHECK(virtualHost->container().isEmpty());
    CHECK(virtualHost->serviceUrl(QStringLiteral("comp=list")).toEncoded() ==
          "https://acct.blob.core.windows.net/?comp=list");

    const auto pathStyle = BlobLocation::parse(
        QStringLiteral("http://127.0.0.1:10000/devstoreaccount1"), &error, false);
    REQUIRE(pathStyle);
    CHECK(pathStyle->serviceUrl(QStringLiteral("comp=list")).toEncoded() ==
          "http://127.0.0.1:10000/devstoreaccount1?comp=list");
}

TEST_CASE("an invalid container name gives an error naming it", "[bloblocation]")
{
    const QString base = QStringLiteral("https://acct.blob.core.windows.net/");
    const QString tooLong(64, QLatin1Char('a'));
    for (const QString &name :
         {QStringLiteral("MyContainer"), QStringLiteral("ab"), tooLong, QStringLiteral("a--b"),
          QStringLiteral("-abc"), QStringLiteral("abc-"), QStringLiteral("my_cont")}) {
        INFO(name.toStdString());
        CHECK_FALSE(BlobLocation::containerNameProblem(name).isEmpty());
        const QString error = parseError(base + name + QStringLiteral("/x"));
        CHECK(error.contains(QLatin1Char('\'') + name + QLatin1Char('\'')));
    }
}

TEST_CASE("valid container names are accepted, including the edges and $root", "[bloblocation]")
{
    for (const QString &name :
         {QStringLiteral("abc"), QString(63, QLatin1Char('a')), QStringLiteral("a-b-c"),
          QStringLiteral("0day"), QStringLiteral("$root"), QStringLiteral("$logs")}) {
        INFO(name.toStdString());
        CHECK(BlobLocation::containerNameProblem(name).isEmpty());
    }
}

TEST_CASE("malformed URLs give one-line errors", "[bloblocation]")
{
    SECTION("no host")
    {
        CHECK(parseError(QStringLiteral("https:///cont/x")).contains(QLatin1String("malformed")));
    }
    SECTION("an ftp URL")
    {
        CHECK(parseError(QStringLiteral("ftp://acct.blob.core.windows.net/cont"))
                  .contains(QLatin1String("malformed")));
    }
    SECTION("no container")
    {
        CHECK(parseError(QStringLiteral("https://acct.blob.core.windows.net/"))
                  .contains(QLatin1String("container")));
        CHECK(parseError(QStringLiteral("http://127.0.0.1:10000/devstoreaccount1"))
                  .contains(QLatin1String("container")));
    }
    SECTION("a path-style URL without an account")
    {
        CHECK(parseError(QStringLiteral("http://127.0.0.1:10000/"), false)
                  .contains(QLatin1String("account")));
    }
    SECTION("a user name in the URL")
    {
        CHECK(parseError(QStringLiteral("https://me:pw@acct.blob.core.windows.net/cont"))
                  .contains(QLatin1String("malformed")));
    }
}

TEST_CASE("withPath and withSas change only what they name", "[bloblocation]")
{
    const auto loc = parsed(QStringLiteral("https://acct.blob.core.windows.net/cont/dir"));
    const auto moved = loc.withPath(QStringLiteral("other/sub"));
    CHECK(moved.path() == QLatin1String("other/sub"));
    CHECK(moved.container() == QLatin1String("cont"));
    CHECK(loc.path() == QLatin1String("dir"));
    const auto signed_ = loc.withSas(QStringLiteral("?sv=1&sig=abc"));
    CHECK(signed_.sasToken() == QLatin1String("sv=1&sig=abc"));
    CHECK(signed_.containerUrl().toEncoded() ==
          "https://acct.blob.core.windows.net/cont?sv=1&sig=abc");
}
