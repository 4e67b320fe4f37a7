// SPDX-License-Identifier: MIT
// The expected strings-to-sign are written out by hand from Microsoft's "Create a service SAS"
// (version 2020-12-06 and later: sixteen lines). The expected signature is HMAC-SHA256 with
// the emulator's published key over that hand-written text, computed here by Qt rather than
// written out, so no signature stands in the source.
#include "azure/ServiceSas.h"

#include "azure/BlobDetails.h"
#include "azure/BlobTags.h"
#include "azure/ConnectionString.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QUrl>
#include <catch2/catch.hpp>

using namespace blobferry::azure;

namespace {

QByteArray devKey()
{
    return QByteArray::fromBase64(QByteArray(kDevKey));
}

// The sig parameter a token must carry for this string-to-sign.
QString expectedSig(const QString &stringToSign)
{
    const QByteArray mac = QMessageAuthenticationCode::hash(stringToSign.toUtf8(), devKey(),
                                                            QCryptographicHash::Sha256);
    return QStringLiteral("&sig=") + QString::fromLatin1(QUrl::toPercentEncoding(mac.toBase64()));
}

QDateTime utc(const char *text)
{
    return QDateTime::fromString(QString::fromLatin1(text), Qt::ISODate);
}

ServiceSasGrant blobGrant()
{
    ServiceSasGrant grant;
    grant.account = QStringLiteral("devstoreaccount1");
    grant.container = QStringLiteral("share");
    grant.blob = QStringLiteral("docs/report 1.txt");
    grant.permissions = QStringLiteral("wr");
    grant.start = utc("2026-12-06T10:00:00Z");
    grant.expiry = utc("2026-12-07T10:00:00Z");
    grant.ipRange = QStringLiteral("203.0.113.0-203.0.113.255");
    grant.httpsOnly = true;
    grant.version = QStringLiteral("2025-11-05");
    return grant;
}

} // namespace

TEST_CASE("service SAS: a blob's string-to-sign has the sixteen lines of version 2020-12-06 and "
          "its signature is HMAC-SHA256 of that text")
{
    const ServiceSasGrant grant = blobGrant();
    const QString toSign =
        QStringLiteral("rw\n2026-12-06T10:00:00Z\n2026-12-07T10:00:00Z\n"
                       "/blob/devstoreaccount1/share/docs/report 1.txt\n\n"
                       "203.0.113.0-203.0.113.255\nhttps\n2025-11-05\nb\n\n\n\n\n\n\n");
    CHECK(ServiceSas::stringToSign(grant) == toSign);
    CHECK(ServiceSas::token(grant, devKey()) ==
          QStringLiteral("sv=2025-11-05&sr=b&sp=rw&st=2026-12-06T10%3A00%3A00Z"
                         "&se=2026-12-07T10%3A00%3A00Z&sip=203.0.113.0-203.0.113.255&spr=https") +
              expectedSig(toSign));
}

TEST_CASE("service SAS: a container's has sr=c, may list, and leaves start and IP out")
{
    // The sixteen lines for a container: no start, no IP range, both protocols.
    const QString toSign = QStringLiteral("rl\n\n2026-12-07T10:00:00Z\n/blob/devstoreaccount1/"
                                          "share\n\n\nhttps,http\n2025-11-05\nc\n\n\n\n\n\n\n");
    ServiceSasGrant grant = blobGrant();
    grant.blob.clear();
    grant.permissions = QStringLiteral("lr");
    grant.start = {};
    grant.ipRange.clear();
    grant.httpsOnly = false;
    CHECK(ServiceSas::stringToSign(grant) == toSign);
    CHECK(ServiceSas::token(grant, devKey()) ==
          QStringLiteral("sv=2025-11-05&sr=c&sp=rl&se=2026-12-07T10%3A00%3A00Z&spr=https%2Chttp") +
              expectedSig(toSign));
    // A blob cannot be listed: the letter is dropped rather than signed and refused.
    grant.blob = QStringLiteral("a.txt");
    CHECK(ServiceSas::canonicalPermissions(grant) == QStringLiteral("r"));
}

TEST_CASE("service SAS: no permission, an expiry before the start and a bad IP range are refused "
          "with a line that says what to fix")
{
    ServiceSasGrant grant = blobGrant();
    CHECK(ServiceSas::problem(grant).isEmpty());
    grant.permissions = QStringLiteral("l"); // a blob cannot be listed
    CHECK(ServiceSas::problem(grant).contains(QStringLiteral("permission")));
    grant = blobGrant();
    grant.expiry = grant.start.addSecs(-60);
    CHECK(ServiceSas::problem(grant).contains(QStringLiteral("after the start")));
    grant = blobGrant();
    grant.ipRange = QStringLiteral("203.0.113.0/24");
    CHECK(ServiceSas::problem(grant).contains(QStringLiteral("203.0.113.0/24")));
}

TEST_CASE("blob metadata and tags: names and values the service refuses are named before "
          "anything is sent")
{
    CHECK(metadataProblem({{QStringLiteral("owner"), QStringLiteral("ops")},
                           {QStringLiteral("_v2"), QString()}})
              .isEmpty());
    CHECK(metadataProblem({{QStringLiteral("2fast"), QStringLiteral("x")}})
              .contains(QStringLiteral("\"2fast\"")));
    CHECK(metadataProblem({{QStringLiteral("my-key"), QStringLiteral("x")}})
              .contains(QStringLiteral("\"my-key\"")));
    CHECK(metadataProblem({{QStringLiteral("Owner"), QStringLiteral("a")},
                           {QStringLiteral("owner"), QStringLiteral("b")}})
              .contains(QStringLiteral("twice")));
    CHECK(metadataProblem({{QStringLiteral("note"), QStringLiteral("caf\u00e9")}})
              .contains(QStringLiteral("ASCII")));

    CHECK(tagsProblem({{QStringLiteral("project"), QStringLiteral("blue bird/2026:a=b+c_d.e-f")}})
              .isEmpty());
    CHECK(tagsProblem({{QStringLiteral("pro ject!"), QStringLiteral("x")}})
              .contains(QStringLiteral("\"pro ject!\"")));
    CHECK(tagsProblem({{QString(), QStringLiteral("x")}}).contains(QStringLiteral("1 to 128")));
    KeyValues eleven;
    for (int i = 0; i < 11; ++i)
        eleven.append({QStringLiteral("k%1").arg(i), QString()});
    CHECK(tagsProblem(eleven).contains(QStringLiteral("at most 10")));
}

TEST_CASE("blob tags: the Set Blob Tags body reads back as the same tags")
{
    const KeyValues tags{{QStringLiteral("project"), QStringLiteral("blue & <green>")},
                         {QStringLiteral("empty"), QString()}};
    KeyValues read;
    QString error;
    REQUIRE(parseTags(tagsBody(tags), &read, &error));
    CHECK(read == tags);
    CHECK_FALSE(parseTags("<html>portal</html>", &read, &error));
    CHECK_FALSE(error.isEmpty());
}
