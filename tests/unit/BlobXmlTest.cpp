// SPDX-License-Identifier: MIT
#include "azure/BlobXml.h"

#include <QLocale>
#include <QTimeZone>
#include <catch2/catch.hpp>

namespace xml = blobferry::azure::xml;
using blobferry::azure::BlobListPage;
using blobferry::azure::BlockListResult;
using blobferry::azure::ContainerListPage;
using blobferry::azure::parseHttpDate;

namespace {

// A List Blobs response with a delimiter, shaped as the service and Azurite send it.
const QByteArray kBlobList = R"(<?xml version="1.0" encoding="utf-8"?>
<EnumerationResults ServiceEndpoint="http://127.0.0.1:10000/devstoreaccount1" ContainerName="cont">
  <Prefix>photos/</Prefix>
  <Marker />
  <MaxResults>2</MaxResults>
  <Delimiter>/</Delimiter>
  <Blobs>
    <Blob>
      <Name>photos/a &amp; b.jpg</Name>
      <Properties>
        <Creation-Time>Mon, 01 Jan 2024 10:00:00 GMT</Creation-Time>
        <Last-Modified>Tue, 02 Jan 2024 11:30:15 GMT</Last-Modified>
        <Etag>0x8DC0123456789AB</Etag>
        <Content-Length>123456</Content-Length>
        <Content-Type>image/jpeg</Content-Type>
        <Content-Encoding />
        <Content-MD5>1B2M2Y8AsgTpgAmY7PhCfg==</Content-MD5>
        <BlobType>BlockBlob</BlobType>
        <LeaseStatus>unlocked</LeaseStatus>
      </Properties>
      <Metadata><owner>me</owner></Metadata>
    </Blob>
    <BlobPrefix>
      <Name>photos/2023/</Name>
    </BlobPrefix>
    <Blob>
      <Name>photos/disk.vhd</Name>
      <Properties>
        <Content-Length>1048576</Content-Length>
        <BlobType>PageBlob</BlobType>
      </Properties>
    </Blob>
    <BlobPrefix>
      <Name>photos/2024/</Name>
    </BlobPrefix>
  </Blobs>
  <NextMarker>2!88!MDAwMDE3IXBob3Rvcy9kaXNrLnZoZCEwMDAwMjghOTk5OS0xMi0zMVQyMzo1OTo1OS45OTk5OTk5Wg--</NextMarker>
</EnumerationResults>)";

} // namespace

TEST_CASE("a blob list page yields blobs with their properties", "[blobxml]")
{
    BlobListPage page;
    QString error;
    REQUIRE(xml::parseBlobList(kBlobList, &page, &error));
    REQUIRE(page.blobs.size() == 2);

    const auto &photo = page.blobs[0];
    CHECK(photo.name == QLatin1String("photos/a & b.jpg"));
    CHECK(photo.size == 123456);
    CHECK(photo.etag == "0x8DC0123456789AB");
    CHECK(photo.contentType == QLatin1String("image/jpeg"));
    CHECK(photo.contentMd5 == "1B2M2Y8AsgTpgAmY7PhCfg==");
    CHECK(photo.blobType == QLatin1String("BlockBlob"));

    const auto &disk = page.blobs[1];
    CHECK(disk.name == QLatin1String("photos/disk.vhd"));
    CHECK(disk.size == 1048576);
    CHECK(disk.blobType == QLatin1String("PageBlob"));
    CHECK(disk.contentType.isEmpty());
}

// Qt 6.4's RFC2822Date refuses the "GMT" zone every service response uses (RFC 1123).
TEST_CASE("a listed blob's Last-Modified is read as UTC", "[blobxml]")
{
    BlobListPage page;
    QString error;
    REQUIRE(xml::parseBlobList(kBlobList, &page, &error));
    REQUIRE_FALSE(page.blobs.isEmpty());
    const QDateTime modified = page.blobs[0].lastModified;
    CHECK(modified.isValid());
    CHECK(modified == QDateTime(QDate(2024, 1, 2), QTime(11, 30, 15), QTimeZone::utc()));
}

TEST_CASE("an HTTP date reads the same by the quick path as by Qt's format parser", "[blobxml]")
{
    // What Qt's own parser makes of a date is the reference; the quick path must agree
    // everywhere, and anything it does not take falls through to that parser.
    const auto byQt = [](const QString &text) {
        QDateTime time = QLocale::c().toDateTime(text.trimmed(),
                                                 QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
        time.setTimeSpec(Qt::UTC);
        return time;
    };
    const QStringList samples = {
        QStringLiteral("Tue, 02 Jan 2024 11:30:15 GMT"),
        QStringLiteral("Thu, 29 Feb 2024 23:59:59 GMT"),
        QStringLiteral("Sun, 31 Dec 2000 00:00:00 GMT"),
        QStringLiteral("  Fri, 01 Mar 1991 07:08:09 GMT \n"),
        QStringLiteral("Wed, 29 Feb 2023 10:00:00 GMT"), // no such day
        QStringLiteral("Tue, 02 Foo 2024 11:30:15 GMT"),
        QStringLiteral("Tue, 02 Jan 2024 24:30:15 GMT"),
        QStringLiteral("Tue, 2 Jan 2024 11:30:15 GMT"),
        QStringLiteral("Tue, 02 Jan 2024 11:30:15 UTC"),
        QStringLiteral("2024-01-02T11:30:15Z"),
        QString(),
    };
    for (const QString &text : samples) {
        INFO(text.toStdString());
        const QDateTime parsed = parseHttpDate(text);
        const QDateTime reference = byQt(text);
        CHECK(parsed.isValid() == reference.isValid());
        if (reference.isValid())
            CHECK(parsed == reference);
    }
    CHECK(parseHttpDate(QStringLiteral("Thu, 29 Feb 2024 23:59:59 GMT")) ==
          QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59), QTimeZone::utc()));
}

TEST_CASE("a blob list page yields its virtual directories and next marker", "[blobxml]")
{
    BlobListPage page;
    QString error;
    REQUIRE(xml::parseBlobList(kBlobList, &page, &error));
    CHECK(page.prefixes ==
          QStringList{QStringLiteral("photos/2023/"), QStringLiteral("photos/2024/")});
    CHECK(page.nextMarker ==
          QLatin1String("2!88!MDAwMDE3IXBob3Rvcy9kaXNrLnZoZCEwMDAwMjghOTk5OS0xMi0zMVQyMzo1OTo1"
                        "OS45OTk5OTk5Wg--"));
}

TEST_CASE("the last blob list page has an empty next marker", "[blobxml]")
{
    const QByteArray body = R"(<?xml version="1.0" encoding="utf-8"?>
<EnumerationResults ServiceEndpoint="http://127.0.0.1:10000/devstoreaccount1" ContainerName="c">
  <Blobs><Blob><Name>x</Name><Properties><Content-Length>0</Content-Length></Properties></Blob></Blobs>
  <NextMarker />
</EnumerationResults>)";
    BlobListPage page;
    QString error;
    REQUIRE(xml::parseBlobList(body, &page, &error));
    REQUIRE(page.blobs.size() == 1);
    CHECK(page.blobs[0].size == 0);
    CHECK(page.nextMarker.isEmpty());

    const QByteArray emptyBody = R"(<?xml version="1.0" encoding="utf-8"?>
<EnumerationResults ContainerName="c"><Blobs /><NextMarker /></EnumerationResults>)";
    BlobListPage empty;
    REQUIRE(xml::parseBlobList(emptyBody, &empty, &error));
    CHECK(empty.blobs.isEmpty());
    CHECK(empty.prefixes.isEmpty());
}

TEST_CASE("names the service sends percent-encoded are decoded, invalid UTF-8 as U+FFFD",
          "[blobxml]")
{
    const QByteArray body = R"(<?xml version="1.0" encoding="utf-8"?>
<EnumerationResults ContainerName="c"><Blobs>
  <Blob><Name Encoded="true">nul%00and%01ctl</Name><Properties /></Blob>
  <Blob><Name Encoded="true">bad%FFbyte</Name><Properties /></Blob>
  <Blob><Name Encoded="false">plain%41</Name><Properties /></Blob>
  <BlobPrefix><Name Encoded="true">dir%02/</Name></BlobPrefix>
</Blobs><NextMarker /></EnumerationResults>)";
    BlobListPage page;
    QString error;
    REQUIRE(xml::parseBlobList(body, &page, &error));
    REQUIRE(page.blobs.size() == 3);
    CHECK(page.blobs[0].name == QStringLiteral("nul") + QChar(0) + QStringLiteral("and") +
                                    QChar(1) + QStringLiteral("ctl"));
    CHECK(page.blobs[1].name == QString::fromUtf8("bad\xef\xbf\xbd"
                                                  "byte"));
    CHECK(page.blobs[2].name == QLatin1String("plain%41"));
    CHECK(page.prefixes == QStringList{QStringLiteral("dir") + QChar(2) + QStringLiteral("/")});
}

TEST_CASE("a container list yields names and next marker", "[blobxml]")
{
    const QByteArray body = R"(<?xml version="1.0" encoding="utf-8"?>
<EnumerationResults ServiceEndpoint="http://127.0.0.1:10000/devstoreaccount1">
  <Prefix />
  <MaxResults>2</MaxResults>
  <Containers>
    <Container>
      <Name>alpha</Name>
      <Properties><Last-Modified>Mon, 01 Jan 2024 10:00:00 GMT</Last-Modified><Etag>"0x1"</Etag></Properties>
    </Container>
    <Container><Name>beta-2</Name><Properties /></Container>
  </Containers>
  <NextMarker>gamma</NextMarker>
</EnumerationResults>)";
    ContainerListPage page;
    QString error;
    REQUIRE(xml::parseContainerList(body, &page, &error));
    CHECK(page.names == QStringList{QStringLiteral("alpha"), QStringLiteral("beta-2")});
    CHECK(page.nextMarker == QLatin1String("gamma"));
}

TEST_CASE("a block list separates committed from uncommitted blocks", "[blobxml]")
{
    const QByteArray body = R"(<?xml version="1.0" encoding="utf-8"?>
<BlockList>
  <CommittedBlocks>
    <Block><Name>dGFnLTAwMDAwMA==</Name><Size>4194304</Size></Block>
  </CommittedBlocks>
  <UncommittedBlocks>
    <Block><Name>dGFnLTAwMDAwMQ==</Name><Size>4194304</Size></Block>
    <Block><Name>dGFnLTAwMDAwMg==</Name><Size>17</Size></Block>
  </UncommittedBlocks>
</BlockList>)";
    BlockListResult result;
    QString error;
    REQUIRE(xml::parseBlockList(body, &result, &error));
    REQUIRE(result.committed.size() == 1);
    CHECK(result.committed[0].id == "dGFnLTAwMDAwMA==");
    CHECK(result.committed[0].size == 4194304);
    REQUIRE(result.uncommitted.size() == 2);
    CHECK(result.uncommitted[1].id == "dGFnLTAwMDAwMg==");
    CHECK(result.uncommitted[1].size == 17);

    const QByteArray emptyBody = R"(<?xml version="1.0" encoding="utf-8"?>
<BlockList><CommittedBlocks /><UncommittedBlocks /></BlockList>)";
    BlockListResult empty;
    REQUIRE(xml::parseBlockList(emptyBody, &empty, &error));
    CHECK(empty.committed.isEmpty());
    CHECK(empty.uncommitted.isEmpty());
}

TEST_CASE("a service error yields its code and the first line of its message", "[blobxml]")
{
    const QByteArray body = "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                            "<Error><Code>AuthorizationFailure</Code>"
                            "<Message>This request is not authorized to perform this operation.\n"
                            "RequestId:5f6c8e1a-0000-0000-0000-000000000000\n"
                            "Time:2024-01-01T00:00:00.0000000Z</Message></Error>";
    const auto error = xml::parseError(body);
    CHECK(error.code == QLatin1String("AuthorizationFailure"));
    CHECK(error.message ==
          QLatin1String("This request is not authorized to perform this operation."));
}

TEST_CASE("a body that is not an error yields an empty error", "[blobxml]")
{
    CHECK(xml::parseError("").code.isEmpty());
    CHECK(xml::parseError("<html><body>Bad gateway</body></html>").code.isEmpty());
}

TEST_CASE("a Put Block List body lists the ids as Latest in content order", "[blobxml]")
{
    CHECK(xml::blockListBody({"QUFB", "QkJC", "Q0ND"}) ==
          "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
          "<BlockList><Latest>QUFB</Latest><Latest>QkJC</Latest><Latest>Q0ND</Latest></BlockList>");
    CHECK(xml::blockListBody({}) ==
          "<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList></BlockList>");
}

TEST_CASE("an answer that is not a listing is an error naming what came back", "[blobxml]")
{
    const QByteArray error =
        R"(<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthorizationFailure</Code>)"
        R"(<Message>This request is not authorized.
RequestId:1</Message></Error>)";
    const QByteArray xhtml = R"(<html><head><title>Log in to Hotel WiFi</title></head>)"
                             R"(<body><p>Accept the terms</p></body></html>)";
    const QByteArray html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Portal"
                            "</title></head><body><br></body></html>";
    const QByteArray other = R"(<?xml version="1.0"?><BlockList><Latest>QUFB</Latest></BlockList>)";
    const struct
    {
        QByteArray body;
        const char *named;
    } cases[] = {{error, "an <Error> document (AuthorizationFailure: This request is not "
                         "authorized.)"},
                 {xhtml, "an HTML page"},
                 {html, "an HTML page"},
                 {other, "a <BlockList> document"},
                 {"", "an empty body"},
                 {" \r\n", "an empty body"}};
    for (const auto &c : cases) {
        INFO(c.body.toStdString());
        BlobListPage page;
        QString message;
        CHECK_FALSE(xml::detail::scanBlobList(c.body, &page));
        CHECK_FALSE(xml::parseBlobList(c.body, &page, &message));
        CHECK(message.toStdString() ==
              QStringLiteral("the answer is not a blob listing but %1; something other than the "
                             "Blob service may be answering (a proxy, a captive portal, a wrong "
                             "URL)")
                  .arg(QLatin1String(c.named))
                  .toStdString());
        CHECK(page.blobs.isEmpty());

        ContainerListPage containers;
        message.clear();
        CHECK_FALSE(xml::parseContainerList(c.body, &containers, &message));
        CHECK(message.startsWith(QStringLiteral("the answer is not a container listing but %1;")
                                     .arg(QLatin1String(c.named))));
    }
}

TEST_CASE("malformed XML is refused with an error", "[blobxml]")
{
    const QByteArray truncated = kBlobList.left(kBlobList.size() / 2);
    QString error;

    BlobListPage page;
    CHECK_FALSE(xml::parseBlobList(truncated, &page, &error));
    CHECK_FALSE(error.isEmpty());

    error.clear();
    ContainerListPage containers;
    CHECK_FALSE(
        xml::parseContainerList("<EnumerationResults><Containers></Blobs>", &containers, &error));
    CHECK_FALSE(error.isEmpty());

    error.clear();
    BlockListResult blocks;
    CHECK_FALSE(xml::parseBlockList("<BlockList><CommittedBlocks><Block>", &blocks, &error));
    CHECK_FALSE(error.isEmpty());
}
