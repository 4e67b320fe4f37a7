// SPDX-License-Identifier: MIT
// AzCopy v10's upload-time settings (--block-blob-tier, --metadata, --blob-tags and the four
// headers), checked through the service: Get Blob Properties and Get Blob Tags on the run's
// Azurite. Bad values are refused before anything is uploaded.
#include "OptionsHelpers.h"
#include "azure/ApiVersion.h"
#include "azure/SharedKeySigner.h"
#include "support/CliRunner.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QDateTime>
#include <QLocale>
#include <QXmlStreamReader>
#include <catch2/catch.hpp>

using namespace blobferry;
using namespace blobferry::test;
using namespace blobferry::test::options;

namespace {

// Get Blob Tags (GET ?comp=tags), which BlobRequests does not make: "k=v" each, sorted.
QStringList blobTags(const TestService &service, const QString &container, const QString &name)
{
    net::PreparedRequest prepared;
    prepared.verb = "GET";
    prepared.request.setUrl(
        service.requests(container).location().blobUrl(name, QStringLiteral("comp=tags")));
    prepared.request.setRawHeader("x-ms-date",
                                  QLocale::c()
                                      .toString(QDateTime::currentDateTimeUtc(),
                                                QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
                                      .toLatin1());
    prepared.request.setRawHeader("x-ms-version", azure::kApiVersion);
    azure::SharedKeySigner(service.account(), QByteArray::fromBase64(service.key().toLatin1()))
        .sign(prepared.request, "GET", 0);
    const auto result = service.send(prepared);
    INFO(result.body.toStdString());
    REQUIRE(result.status == 200);
    QStringList tags;
    QXmlStreamReader xml(result.body);
    QString key;
    while (xml.readNextStartElement() || !xml.atEnd()) {
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("Key"))
            key = xml.readElementText();
        else if (xml.name() == QLatin1String("Value"))
            tags.append(key + QLatin1Char('=') + xml.readElementText());
    }
    tags.sort();
    return tags;
}

QString header(const net::HttpResult &head, const char *name)
{
    return QString::fromUtf8(head.header(name));
}

} // namespace

TEST_CASE("uploads store the tier, metadata, tags and headers given on the command line",
          "[options][upload-attributes][azurite]")
{
    TestService service;
    TestTree tree;
    tree.writeText(QStringLiteral("small.txt"), "one Put Blob");
    tree.write(QStringLiteral("big.bin"), 2 * kMiB + 3); // three blocks: Put Block List
    const QString container = service.uniqueContainer(QStringLiteral("attrs"));

    const auto up = runCli(upload(
        service, tree.path(), container,
        {QStringLiteral("--block-size"), QStringLiteral("1"), QStringLiteral("--block-blob-tier"),
         QStringLiteral("COOL"), QStringLiteral("--metadata"),
         QStringLiteral("project=q3; Owner_1=ann=b"), QStringLiteral("--blob-tags"),
         QStringLiteral("team=web dev&path=a/b:c+d.e_f&empty="), QStringLiteral("--cache-control"),
         QStringLiteral("public, max-age=3600"), QStringLiteral("--content-disposition"),
         QStringLiteral("attachment"), QStringLiteral("--content-encoding"), QStringLiteral("br"),
         QStringLiteral("--content-language"), QStringLiteral("de-CH")}));
    INFO(up.out.toStdString() << up.err.toStdString());
    REQUIRE(up.exitCode == 0);

    for (const QString &name : {QStringLiteral("small.txt"), QStringLiteral("big.bin")}) {
        INFO(name.toStdString());
        const auto props = head(service, container, name);
        REQUIRE(props.status == 200);
        CHECK(header(props, "x-ms-access-tier") == QStringLiteral("Cool"));
        CHECK(header(props, "x-ms-meta-project") == QStringLiteral("q3"));
        CHECK(header(props, "x-ms-meta-Owner_1") == QStringLiteral("ann=b"));
        CHECK_FALSE(props.header("x-ms-meta-blobferrymtime").isEmpty()); // blobferry's own too
        CHECK(header(props, "Cache-Control") == QStringLiteral("public, max-age=3600"));
        CHECK(header(props, "Content-Disposition") == QStringLiteral("attachment"));
        CHECK(header(props, "Content-Encoding") == QStringLiteral("br"));
        CHECK(header(props, "Content-Language") == QStringLiteral("de-CH"));
        CHECK(header(props, "x-ms-tag-count") == QStringLiteral("3"));
        CHECK(blobTags(service, container, name) == QStringList{QStringLiteral("empty="),
                                                                QStringLiteral("path=a/b:c+d.e_f"),
                                                                QStringLiteral("team=web dev")});
    }
    CHECK(service.getBlob(container, QStringLiteral("small.txt")) == "one Put Blob");
}

TEST_CASE("uploads go to the archive and cold tiers, and --gzip's files keep Content-Encoding "
          "gzip beside --content-encoding",
          "[options][upload-attributes][azurite]")
{
    TestService service;
    TestTree tree;
    tree.writeText(QStringLiteral("page.html"), "<p>compressed by --gzip</p>");
    tree.writeText(QStringLiteral("data.bin"), "stored as it is");
    const QString container = service.uniqueContainer(QStringLiteral("attrtier"));

    const auto archived = runCli(upload(
        service, tree.path(), container,
        {QStringLiteral("--block-blob-tier"), QStringLiteral("archive"), QStringLiteral("--gzip"),
         QStringLiteral("html"), QStringLiteral("--content-encoding"), QStringLiteral("br")}));
    INFO(archived.out.toStdString() << archived.err.toStdString());
    REQUIRE(archived.exitCode == 0);
    const auto html = head(service, container, QStringLiteral("page.html"));
    CHECK(header(html, "x-ms-access-tier") == QStringLiteral("Archive"));
    CHECK(header(html, "Content-Encoding") == QStringLiteral("gzip"));
    const auto data = head(service, container, QStringLiteral("data.bin"));
    CHECK(header(data, "x-ms-access-tier") == QStringLiteral("Archive"));
    CHECK(header(data, "Content-Encoding") == QStringLiteral("br"));

    const QString cold = service.uniqueContainer(QStringLiteral("attrcold"));
    const auto up = runCli(upload(service, tree.path(), cold,
                                  {QStringLiteral("--block-blob-tier"), QStringLiteral("cold")}));
    INFO(up.out.toStdString() << up.err.toStdString());
    REQUIRE(up.exitCode == 0);
    const auto plain = head(service, cold, QStringLiteral("data.bin"));
    CHECK(header(plain, "x-ms-access-tier") == QStringLiteral("Cold"));
    CHECK(plain.header("Content-Encoding").isEmpty());
    CHECK(blobTags(service, cold, QStringLiteral("data.bin")).isEmpty());
}

TEST_CASE("bad upload settings are refused with one line before anything is uploaded",
          "[options][upload-attributes][azurite]")
{
    TestService service;
    TestTree tree;
    tree.writeText(QStringLiteral("a.txt"), "a");
    const QString container = service.uniqueContainer(QStringLiteral("attrbad"));
    service.createContainer(container);

    const QString longKey(129, QLatin1Char('k'));
    const QString longValue(257, QLatin1Char('v'));
    QStringList elevenTags;
    for (int i = 0; i < 11; ++i)
        elevenTags.append(QStringLiteral("t%1=v").arg(i));
    const std::vector<std::pair<QStringList, QString>> cases{
        {{QStringLiteral("--block-blob-tier"), QStringLiteral("premium")},
         QStringLiteral("--block-blob-tier takes hot, cool, cold or archive, not 'premium'")},
        {{QStringLiteral("--metadata"), QStringLiteral("1st=x")},
         QStringLiteral("--metadata takes \"key1=value1;key2=value2\": the key '1st' is not a C# "
                        "identifier: use letters, digits and _, not starting with a digit")},
        {{QStringLiteral("--metadata"), QStringLiteral("my-key=x")},
         QStringLiteral("--metadata takes \"key1=value1;key2=value2\": the key 'my-key' is not a "
                        "C# identifier: use letters, digits and _, not starting with a digit")},
        {{QStringLiteral("--metadata"), QStringLiteral("a=1;A=2")},
         QStringLiteral("--metadata takes \"key1=value1;key2=value2\": the key 'A' is given "
                        "twice (keys ignore case)")},
        {{QStringLiteral("--metadata"), QStringLiteral("owner")},
         QStringLiteral("--metadata takes \"key1=value1;key2=value2\": 'owner' is not KEY=VALUE "
                        "(pairs are separated by ';')")},
        {{QStringLiteral("--metadata"), QStringLiteral("blobferrymtime=1")},
         QStringLiteral("--metadata takes \"key1=value1;key2=value2\": the key 'blobferrymtime' "
                        "starts with blobferry, which blobferry keeps for its own metadata; "
                        "choose another name")},
        {{QStringLiteral("--blob-tags"), elevenTags.join(QLatin1Char('&'))},
         QStringLiteral("--blob-tags takes \"key1=value1&key2=value2\": 11 tags given; a blob "
                        "takes at most 10")},
        {{QStringLiteral("--blob-tags"), longKey + QStringLiteral("=v")},
         QStringLiteral("--blob-tags takes \"key1=value1&key2=value2\": the key '%1' has 129 "
                        "characters; a tag key has 1 to 128")
             .arg(longKey)},
        {{QStringLiteral("--blob-tags"), QStringLiteral("k=") + longValue},
         QStringLiteral("--blob-tags takes \"key1=value1&key2=value2\": the value of 'k' has 257 "
                        "characters; a tag value has at most 256")},
        {{QStringLiteral("--blob-tags"), QStringLiteral("team=a#b")},
         QStringLiteral("--blob-tags takes \"key1=value1&key2=value2\": the tag 'team' has '#'; "
                        "tags take letters, digits, spaces and + - . / : = _ only")},
        {{QStringLiteral("--blob-tags"), QStringLiteral("=v")},
         QStringLiteral("--blob-tags takes \"key1=value1&key2=value2\": the key '' has 0 "
                        "characters; a tag key has 1 to 128")},
        {{QStringLiteral("--cache-control"), QStringLiteral("max-age=1\r\nx-ms-meta-a: b")},
         QStringLiteral("--cache-control: 'max-age=1' has U+000D, which a header cannot carry; "
                        "use printable ASCII")},
    };
    for (const auto &[extra, message] : cases) {
        INFO(extra.join(QLatin1Char(' ')).toStdString());
        const auto result = runCli(upload(service, tree.path(), container, extra));
        INFO(result.out.toStdString() << result.err.toStdString());
        CHECK(result.exitCode == 2);
        CHECK(result.errLines() == QStringList{QStringLiteral("blobferry-cli: ") + message});
        CHECK(result.out.isEmpty());
        CHECK(service.blobNames(container).isEmpty());
    }

    // Upload settings on a download are refused too: they would be silently ignored.
    service.putBlob(container, QStringLiteral("b.txt"), "b");
    TestTree target;
    const auto down = runCli(download(service, container, target.path(),
                                      {QStringLiteral("--metadata"), QStringLiteral("a=b")}));
    CHECK(down.exitCode == 2);
    CHECK(down.errLines() ==
          QStringList{QStringLiteral("blobferry-cli: --metadata applies to uploads only")});
    CHECK(target.files().isEmpty());
}

TEST_CASE("page blob uploads store the metadata, tags and headers, and refuse a block blob tier",
          "[options][upload-attributes][azurite]")
{
    TestService service;
    TestTree tree;
    tree.write(QStringLiteral("disk.img"), 5000); // padded to 5120
    const QString container = service.uniqueContainer(QStringLiteral("attrpage"));

    const auto refused =
        runCli(upload(service, tree.path(), container,
                      {QStringLiteral("--blob-type"), QStringLiteral("page"),
                       QStringLiteral("--block-blob-tier"), QStringLiteral("hot")}));
    CHECK(refused.exitCode == 2);
    CHECK(refused.errLines() ==
          QStringList{QStringLiteral("blobferry-cli: --block-blob-tier applies to block blobs, "
                                     "not to --blob-type page (/BlobType:page), whose tiers are "
                                     "Premium's")});

    const auto up = runCli(upload(service, tree.path(), container,
                                  {QStringLiteral("--blob-type"), QStringLiteral("page"),
                                   QStringLiteral("--metadata"), QStringLiteral("disk=system"),
                                   QStringLiteral("--blob-tags"), QStringLiteral("vm=web1"),
                                   QStringLiteral("--cache-control"), QStringLiteral("no-store"),
                                   QStringLiteral("--content-language"), QStringLiteral("en")}));
    INFO(up.out.toStdString() << up.err.toStdString());
    REQUIRE(up.exitCode == 0);
    const auto props = head(service, container, QStringLiteral("disk.img"));
    REQUIRE(props.status == 200);
    CHECK(header(props, "x-ms-blob-type") == QStringLiteral("PageBlob"));
    CHECK(header(props, "x-ms-meta-disk") == QStringLiteral("system"));
    CHECK(header(props, "x-ms-meta-blobferrylength") == QStringLiteral("5000"));
    CHECK(header(props, "Cache-Control") == QStringLiteral("no-store"));
    CHECK(header(props, "Content-Language") == QStringLiteral("en"));
    CHECK(blobTags(service, container, QStringLiteral("disk.img")) ==
          QStringList{QStringLiteral("vm=web1")});
}
