// SPDX-License-Identifier: MIT
#include "azure/ConnectionString.h"

#include <catch2/catch.hpp>

using blobferry::azure::ConnectionString;
using blobferry::azure::Credential;

namespace {

const QString kKey = QString::fromLatin1(blobferry::azure::kDevKey);

ConnectionString parsed(const QString &text)
{
    QString error;
    const auto cs = ConnectionString::parse(text, &error);
    INFO("error: " << error.toStdString());
    REQUIRE(cs.has_value());
    return *cs;
}

QString parseError(const QString &text)
{
    QString error;
    const auto cs = ConnectionString::parse(text, &error);
    CHECK_FALSE(cs.has_value());
    CHECK_FALSE(error.isEmpty());
    CHECK_FALSE(error.contains(QLatin1Char('\n')));
    return error;
}

} // namespace

TEST_CASE("UseDevelopmentStorage=true means the emulator's well-known account",
          "[connectionstring]")
{
    const auto cs = parsed(QStringLiteral("UseDevelopmentStorage=true"));
    CHECK(cs.blobEndpoint == QLatin1String("http://127.0.0.1:10000/devstoreaccount1"));
    CHECK(cs.credential.kind() == Credential::Kind::SharedKey);
    CHECK(cs.credential.isValid());
    CHECK(cs.credential.account() == QLatin1String("devstoreaccount1"));
    CHECK(cs.credential.key() == QByteArray::fromBase64(kKey.toLatin1()));
}

TEST_CASE("an account name and key give the public endpoint over https by default",
          "[connectionstring]")
{
    const auto cs = parsed(QStringLiteral("AccountName=myaccount;AccountKey=") + kKey);
    CHECK(cs.blobEndpoint == QLatin1String("https://myaccount.blob.core.windows.net"));
    CHECK(cs.credential.kind() == Credential::Kind::SharedKey);
    CHECK(cs.credential.account() == QLatin1String("myaccount"));
    CHECK(cs.credential.key() == QByteArray::fromBase64(kKey.toLatin1()));
}

TEST_CASE("EndpointSuffix and DefaultEndpointsProtocol shape the endpoint", "[connectionstring]")
{
    const auto cs = parsed(QStringLiteral("DefaultEndpointsProtocol=http;AccountName=myaccount;"
                                          "AccountKey=%1;EndpointSuffix=core.chinacloudapi.cn")
                               .arg(kKey));
    CHECK(cs.blobEndpoint == QLatin1String("http://myaccount.blob.core.chinacloudapi.cn"));
    CHECK(cs.credential.kind() == Credential::Kind::SharedKey);
}

TEST_CASE("an explicit BlobEndpoint wins and loses its trailing slash", "[connectionstring]")
{
    const auto cs =
        parsed(QStringLiteral("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
                              "AccountKey=%1;"
                              "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1/;")
                   .arg(kKey));
    CHECK(cs.blobEndpoint == QLatin1String("http://127.0.0.1:10000/devstoreaccount1"));
    CHECK(cs.credential.account() == QLatin1String("devstoreaccount1"));
}

TEST_CASE(
    "a BlobEndpoint with a SharedAccessSignature gives a SAS credential, alone anonymous access",
    "[connectionstring]")
{
    const auto cs =
        parsed(QStringLiteral("BlobEndpoint=https://myaccount.blob.core.windows.net/;"
                              "SharedAccessSignature=sv=2022-11-02&ss=b&sp=rl&sig=abc%2Bdef%3D"));
    CHECK(cs.blobEndpoint == QLatin1String("https://myaccount.blob.core.windows.net"));
    CHECK(cs.credential.kind() == Credential::Kind::Sas);
    CHECK(cs.credential.sasToken() == QLatin1String("sv=2022-11-02&ss=b&sp=rl&sig=abc%2Bdef%3D"));

    const auto anonymous =
        parsed(QStringLiteral("BlobEndpoint=https://myaccount.blob.core.windows.net"));
    CHECK(anonymous.credential.kind() == Credential::Kind::Anonymous);
}

TEST_CASE("connection string keys are case-insensitive", "[connectionstring]")
{
    const auto cs = parsed(QStringLiteral("defaultendpointsprotocol=http;ACCOUNTNAME=myaccount;"
                                          "accountKEY=%1;endpointSuffix=example.test")
                               .arg(kKey));
    CHECK(cs.blobEndpoint == QLatin1String("http://myaccount.blob.example.test"));
    CHECK(cs.credential.account() == QLatin1String("myaccount"));

    const auto dev = parsed(QStringLiteral("usedevelopmentstorage=TRUE"));
    CHECK(dev.blobEndpoint == QLatin1String("http://127.0.0.1:10000/devstoreaccount1"));
}

TEST_CASE("an account key that is not base64 is an error", "[connectionstring]")
{
    const QString error =
        parseError(QStringLiteral("AccountName=myaccount;AccountKey=not*base64!;"));
    CHECK(error.contains(QLatin1String("base64")));
    parseError(QStringLiteral("AccountName=myaccount;AccountKey=c2hvcnQ="));
}

TEST_CASE("a connection string without AccountName is an error", "[connectionstring]")
{
    CHECK(parseError(QStringLiteral("AccountKey=") + kKey).contains(QLatin1String("AccountName")));
    CHECK(
        parseError(QStringLiteral("DefaultEndpointsProtocol=https;EndpointSuffix=core.windows.net"))
            .contains(QLatin1String("AccountName")));
    CHECK(parseError(QStringLiteral("BlobEndpoint=https://x.blob.core.windows.net;AccountKey=") +
                     kKey)
              .contains(QLatin1String("AccountName")));
}

TEST_CASE("a part without '=' is an error", "[connectionstring]")
{
    CHECK(parseError(QStringLiteral("AccountName=myaccount;garbage"))
              .contains(QLatin1String("NAME=VALUE")));
}
