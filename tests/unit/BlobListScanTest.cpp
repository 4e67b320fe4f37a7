// SPDX-License-Identifier: MIT
// parseBlobList reads listings with a scanner of its own and leaves anything unusual to
// QXmlStreamReader. These tests hold the two to one answer: for the shapes the service sends
// (which the scanner must read itself), for unusual documents (which it must hand over), and
// for every truncation and many one-byte damages of a listing (same page, or the same error).
#include "azure/BlobXml.h"

#include <QStringList>
#include <catch2/catch.hpp>

namespace xml = blobferry::azure::xml;
using blobferry::azure::BlobEntry;
using blobferry::azure::BlobListPage;

namespace {

// Everything a page says, one line per item, for comparisons that show what differs.
QString describe(const BlobListPage &page)
{
    QStringList lines;
    for (const BlobEntry &blob : page.blobs) {
        lines << QStringLiteral("blob [%1] size=%2 modified=%3 (%4) etag=[%5] type=[%6] md5=[%7] "
                                "blobType=[%8] length=%9 mtime=%10 encoding=[%11]")
                     .arg(blob.name)
                     .arg(blob.size)
                     .arg(blob.lastModified.toString(Qt::ISODateWithMs))
                     .arg(blob.lastModified.isValid() ? QStringLiteral("valid")
                                                      : QStringLiteral("invalid"))
                     .arg(QString::fromLatin1(blob.etag.toHex()))
                     .arg(blob.contentType)
                     .arg(QString::fromLatin1(blob.contentMd5.toHex()))
                     .arg(blob.blobType)
                     .arg(blob.fileLength)
                     .arg(blob.fileModifiedMs)
                     .arg(blob.contentEncoding);
    }
    for (const QString &prefix : page.prefixes)
        lines << QStringLiteral("prefix [%1]").arg(prefix);
    lines << QStringLiteral("next [%1]").arg(page.nextMarker);
    return lines.join(QLatin1Char('\n'));
}

struct Answer
{
    bool ok = false;
    QString error;
    QString page;
};

Answer withQt(const QByteArray &body)
{
    Answer answer;
    BlobListPage page;
    answer.ok = xml::detail::parseBlobListWithQt(body, &page, &answer.error);
    answer.page = describe(page);
    return answer;
}

Answer asParsed(const QByteArray &body)
{
    Answer answer;
    BlobListPage page;
    answer.ok = xml::parseBlobList(body, &page, &answer.error);
    answer.page = describe(page);
    return answer;
}

// The listing as Azurite sends it (one line), with a blob of each kind of name.
const QByteArray kCompact =
    R"(<?xml version="1.0" encoding="utf-8"?><EnumerationResults ServiceEndpoint="http://127.0.0.1:10000/devstoreaccount1" ContainerName="c"><Prefix/><Marker/><MaxResults>5000</MaxResults><Blobs>)"
    R"(<Blob><Name>dir/a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;.txt</Name><Properties><Creation-Time>Mon, 01 Jan 2024 10:00:00 GMT</Creation-Time><Last-Modified>Tue, 02 Jan 2024 11:30:15 GMT</Last-Modified><Etag>0x8DC0123456789AB</Etag><Content-Length>0</Content-Length><Content-Type>application/octet-stream</Content-Type><Content-MD5>1B2M2Y8AsgTpgAmY7PhCfg==</Content-MD5><BlobType>BlockBlob</BlobType><LeaseStatus>unlocked</LeaseStatus><LeaseState>available</LeaseState><ServerEncrypted>true</ServerEncrypted><AccessTier>Hot</AccessTier><AccessTierInferred>true</AccessTierInferred></Properties><Metadata><blobferrymtime>1700000000123</blobferrymtime></Metadata></Blob>)"
    R"(<Blob><Name>dir/caf&#233; &#x1F600; 日本語 é.txt</Name><Properties><Last-Modified>Wed, 03 Jan 2024 00:00:00 GMT</Last-Modified><Etag>0x1</Etag><Content-Length>42</Content-Length><Content-Type>text/plain; charset=utf-8</Content-Type><Content-Encoding>gzip</Content-Encoding><Content-MD5/><BlobType>PageBlob</BlobType></Properties><Metadata><BlobFerryLength>40</BlobFerryLength><BLOBFERRYMTIME>-5</BLOBFERRYMTIME><other>x &amp; y</other></Metadata></Blob>)"
    R"(<Blob><Name Encoded="true">nul%00and%FFbad</Name><Properties><Content-Length>7</Content-Length></Properties></Blob>)"
    R"(<Blob><Name><![CDATA[cdata <name> & more]]></Name><Properties><Content-Length>not a number</Content-Length><Last-Modified>not a date</Last-Modified></Properties><Metadata/></Blob>)"
    R"(<Blob><Name>x<![CDATA[y]]>&amp;z</Name><Properties><Content-Type></Content-Type><Content-Length> 12 </Content-Length><Last-Modified>Tue, 03 Jan 2024 11:30:15 GMT</Last-Modified></Properties></Blob>)"
    R"(<BlobPrefix><Name>dir/sub/</Name></BlobPrefix><BlobPrefix><Name Encoded='true'>dir%02/</Name></BlobPrefix>)"
    R"(<Blob><Deleted>false</Deleted><Name>first</Name><Name>second wins</Name><Snapshot/><Properties/></Blob>)"
    R"(</Blobs><NextMarker>2!88!MDAw&amp;MDE3IXBob3Rv</NextMarker></EnumerationResults>)";

// A page exactly as Azurite 3.35 sent it (two of its blobs; note standalone="yes").
const QByteArray kAzurite =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><EnumerationResults ServiceEndpoint="http://127.0.0.1:10000/devstoreaccount1" ContainerName="c5k"><Prefix/><Marker/><MaxResults>3</MaxResults><Blobs><Blob><Name>d000/file-000000.txt</Name><Properties><Creation-Time>Tue, 24 Nov 2026 00:19:48 GMT<)"
    R"(/Creation-Time><Last-Modified>Tue, 24 Nov 2026 00:19:48 GMT</Last-Modified><Etag>0x203D7C2800E1340</Etag><Content-Length>0</Content-Length><Content-Type>text/plain</Content-Type><Content-MD5>1B2M2Y8AsgTpgAmY7PhCfg==</Content-MD5><BlobType>BlockBlob</BlobType><LeaseStatus>unlocked</LeaseStatus><Lease)"
    R"(State>available</LeaseState><ServerEncrypted>true</ServerEncrypted><AccessTier>Hot</AccessTier><AccessTierInferred>true</AccessTierInferred><AccessTierChangeTime>Tue, 24 Nov 2026 00:19:48 GMT</AccessTierChangeTime></Properties><Metadata><blobferrymtime>1795479509829</blobferrymtime></Metadata></Blob)"
    R"(><Blob><Name>d000/file-000001.txt</Name><Properties><Creation-Time>Tue, 24 Nov 2026 00:19:54 GMT</Creation-Time><Last-Modified>Tue, 24 Nov 2026 00:19:54 GMT</Last-Modified><Etag>0x275280098236720</Etag><Content-Length>0</Content-Length><Content-Type>text/plain</Content-Type><Content-MD5>1B2M2Y8AsgTp)"
    R"(gAmY7PhCfg==</Content-MD5><BlobType>BlockBlob</BlobType><LeaseStatus>unlocked</LeaseStatus><LeaseState>available</LeaseState><ServerEncrypted>true</ServerEncrypted><AccessTier>Hot</AccessTier><AccessTierInferred>true</AccessTierInferred><AccessTierChangeTime>Tue, 24 Nov 2026 00:19:54 GMT</AccessTier)"
    R"(ChangeTime></Properties><Metadata><blobferrymtime>1795479509829</blobferrymtime></Metadata></Blob></Blobs><NextMarker>d000/file-000002.txt</NextMarker></EnumerationResults>)";

// The same kind of page pretty-printed, as Azure's documentation shows it.
const QByteArray kPretty = R"(<?xml version='1.0' encoding='UTF-8'?>
<EnumerationResults ServiceEndpoint="https://myaccount.blob.core.windows.net/" ContainerName="mycontainer">
  <Prefix>photos/</Prefix>
  <Marker />
  <MaxResults>2</MaxResults>
  <Delimiter>/</Delimiter>
  <Blobs>
    <Blob>
      <Name>photos/a &amp; b.jpg</Name>
      <Properties>
        <Last-Modified>Tue, 02 Jan 2024 11:30:15 GMT</Last-Modified>
        <Etag>0x8DC0123456789AB</Etag>
        <Content-Length>123456</Content-Length>
        <Content-Type>image/jpeg</Content-Type>
        <Content-Encoding />
        <Content-MD5>1B2M2Y8AsgTpgAmY7PhCfg==</Content-MD5>
        <BlobType>BlockBlob</BlobType>
      </Properties>
      <Metadata><owner>me</owner></Metadata>
      <Tags><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tags>
    </Blob>
    <BlobPrefix>
      <Name>photos/2023/</Name>
    </BlobPrefix>
  </Blobs>
  <NextMarker />
</EnumerationResults>
)";

} // namespace

TEST_CASE("the listing scanner reads the service's shapes itself, with Qt's answers", "[blobxml]")
{
    const QList<QByteArray> bodies{
        kAzurite,
        kCompact,
        kPretty,
        R"(<?xml version='1.0' standalone='no' ?><EnumerationResults><NextMarker>n</NextMarker></EnumerationResults>)",
        // No declaration; an empty page; a self-closing root.
        R"(<EnumerationResults><Blobs/><NextMarker/></EnumerationResults>)",
        R"(<?xml version="1.0"?><EnumerationResults/>)",
        // Attributes in odd places, white space inside tags.
        R"(<EnumerationResults a = "1" b='2' ><Blobs ><Blob x="y"><Name Encoded="false" >a%41</Name ><Properties ><Content-Length>5</Content-Length></Properties></Blob></Blobs><NextMarker>m</NextMarker ></EnumerationResults>)",
        // NextMarker not at the top level is not the page's; a Blob outside Blobs is skipped.
        R"(<EnumerationResults><Blob><Name>outside</Name></Blob><Blobs><Blob><Name>in</Name><NextMarker>no</NextMarker></Blob></Blobs></EnumerationResults>)",
        // Text between elements, even with references and CDATA, is skipped.
        R"(<EnumerationResults>text &amp; <![CDATA[more]]><Blobs>  <Blob><Name>a</Name></Blob>x</Blobs></EnumerationResults>  )",
    };
    for (const QByteArray &body : bodies) {
        INFO(body.toStdString());
        BlobListPage scanned;
        REQUIRE(xml::detail::scanBlobList(body, &scanned));
        const Answer qt = withQt(body);
        REQUIRE(qt.ok);
        CHECK(describe(scanned).toStdString() == qt.page.toStdString());
    }

    // Spot checks, so that "the same as Qt" also means right.
    BlobListPage page;
    REQUIRE(xml::detail::scanBlobList(kCompact, &page));
    REQUIRE(page.blobs.size() == 6);
    CHECK(page.blobs[0].name == QStringLiteral("dir/a & b <c> \"d\" 'e'.txt"));
    CHECK(page.blobs[0].fileModifiedMs == 1700000000123);
    CHECK(page.blobs[0].contentMd5 == "1B2M2Y8AsgTpgAmY7PhCfg==");
    CHECK(page.blobs[1].name == QString::fromUtf8("dir/café \xF0\x9F\x98\x80 日本語 é.txt"));
    CHECK(page.blobs[1].fileLength == 40);
    CHECK(page.blobs[1].fileModifiedMs == 0);
    CHECK(page.blobs[1].contentEncoding == QLatin1String("gzip"));
    CHECK(page.blobs[2].name ==
          QStringLiteral("nul") + QChar(0) + QStringLiteral("and") + QChar(0xFFFD) + "bad");
    CHECK(page.blobs[3].name == QLatin1String("cdata <name> & more"));
    CHECK(page.blobs[4].name == QLatin1String("xy&z"));
    CHECK(page.blobs[5].name == QLatin1String("second wins"));
    CHECK(page.prefixes ==
          QStringList{QStringLiteral("dir/sub/"), "dir" + QString(QChar(2)) + "/"});
    CHECK(page.nextMarker == QLatin1String("2!88!MDAw&MDE3IXBob3Rv"));
}

TEST_CASE("the listing scanner leaves unusual documents to Qt, which answers as before",
          "[blobxml]")
{
    const QList<QByteArray> bodies{
        R"(<EnumerationResults><!-- a comment --><Blobs/></EnumerationResults>)",
        R"(<!DOCTYPE x [<!ENTITY e "v">]><EnumerationResults><NextMarker>&e;</NextMarker></EnumerationResults>)",
        R"(<EnumerationResults xmlns:b="urn:b"><b:Blobs><b:Blob><b:Name>ns</b:Name></b:Blob></b:Blobs></EnumerationResults>)",
        "<EnumerationResults><Blobs><Blob><Name>cr\r\nlf</Name></Blob></Blobs></"
        "EnumerationResults>",
        R"(<EnumerationResults><Blobs><Blob><Name>a&nbsp;b</Name></Blob></Blobs></EnumerationResults>)",
        R"(<EnumerationResults><Blobs><Blob><Name>a<b/>c</Name></Blob></Blobs></EnumerationResults>)",
        R"(<EnumerationResults><Blobs><Blob><Name Encoded="&#116;rue">x%41</Name></Blob></Blobs></EnumerationResults>)",
        R"(<?xml version="1.1"?><EnumerationResults/>)",
        R"(<?xml version="1.0" standalone="maybe"?><EnumerationResults/>)",
        R"(<?xml version="1.0" encoding="ISO-8859-1"?><EnumerationResults><Blobs><Blob><Name>)"
        "\xE9"
        R"(</Name></Blob></Blobs></EnumerationResults>)",
        "<EnumerationResults><Blobs><Blob><Name>bad \xFF "
        "byte</Name></Blob></Blobs></EnumerationResults>",
        R"(<EnumerationResults><Blobs><Blob><Name>a</Name></Blob></Blobs></EnumerationResults><more/>)",
        R"(<EnumerationResults><Blobs></Blob></Blobs></EnumerationResults>)",
        "",
    };
    for (const QByteArray &body : bodies) {
        INFO(body.toStdString());
        BlobListPage scanned;
        CHECK_FALSE(xml::detail::scanBlobList(body, &scanned));
        CHECK(describe(scanned) == describe(BlobListPage{})); // left as it was
        const Answer qt = withQt(body);
        const Answer parsed = asParsed(body);
        CHECK(parsed.ok == qt.ok);
        CHECK(parsed.error.toStdString() == qt.error.toStdString());
        CHECK(parsed.page.toStdString() == qt.page.toStdString());
    }
}

TEST_CASE("a listing cut short or damaged anywhere gets the same answer as from Qt alone",
          "[blobxml]")
{
    const auto same = [](const QByteArray &body) {
        const Answer qt = withQt(body);
        const Answer parsed = asParsed(body);
        if (parsed.ok == qt.ok && parsed.error == qt.error && parsed.page == qt.page)
            return true;
        UNSCOPED_INFO("body: " << body.toStdString());
        UNSCOPED_INFO("Qt: " << qt.ok << " " << qt.error.toStdString() << "\n"
                             << qt.page.toStdString());
        UNSCOPED_INFO("parsed: " << parsed.ok << " " << parsed.error.toStdString() << "\n"
                                 << parsed.page.toStdString());
        return false;
    };
    const QByteArray damages[] = {"<",    ">",    "&",    "/", "\"", "'",  " ",
                                  "]",    ";",    "#",    "=", "\n", "\r", QByteArray(1, '\0'),
                                  "\x01", "\xFF", "\xC3", "x", "!"};
    int differing = 0;
    for (const QByteArray &body : {kAzurite, kCompact, kPretty})
        for (qsizetype cut = 0; cut <= body.size(); ++cut)
            differing += same(body.left(cut)) ? 0 : 1;
    CHECK(differing == 0);
    // Every construct the scanner reads, in a body short enough to damage at every byte.
    const QByteArray small =
        R"(<?xml version="1.0" encoding="utf-8"?><EnumerationResults a="1"><Blobs><Blob><Name Encoded="true">a&amp;&#x41;<![CDATA[<c>]]>%41</Name><Properties><Content-Length>5</Content-Length><Content-Type/></Properties><Metadata><blobferrylength>3</blobferrylength></Metadata></Blob><BlobPrefix><Name>p/</Name></BlobPrefix></Blobs><NextMarker>m</NextMarker></EnumerationResults>)";
    for (const QByteArray &body : {small}) {
        for (qsizetype at = 0; at < body.size() && differing == 0; ++at) {
            for (const QByteArray &damage : damages) {
                QByteArray replaced = body;
                replaced.replace(at, 1, damage);
                QByteArray inserted = body;
                inserted.insert(at, damage);
                differing += same(replaced) ? 0 : 1;
                differing += same(inserted) ? 0 : 1;
                if (differing)
                    break;
            }
        }
        CHECK(differing == 0);
    }
}
