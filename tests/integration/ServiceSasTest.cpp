// SPDX-License-Identifier: MIT
// Service SAS links (ServiceSas) against the run's Azurite, which checks their signatures: a
// blob link reads its blob and nothing else, cannot write, and a container link lists.
#include "azure/ServiceSas.h"

#include "support/TestService.h"

#include <QRegularExpression>
#include <catch2/catch.hpp>

using namespace blobferry;
using namespace blobferry::test;

namespace {

azure::ServiceSasGrant grantFor(const TestService &service, const QString &container,
                                const QString &blob, const QString &permissions)
{
    azure::ServiceSasGrant grant;
    grant.account = service.account();
    grant.container = container;
    grant.blob = blob;
    grant.permissions = permissions;
    grant.expiry = QDateTime::currentDateTimeUtc().addSecs(3600);
    grant.httpsOnly = false; // Azurite answers http
    return grant;
}

azure::BlobLocation locationOf(const TestService &service, const QString &container)
{
    QString error;
    const auto location = azure::BlobLocation::parse(service.containerUrl(container), &error);
    REQUIRE(location.has_value());
    return *location;
}

// The link as a user pastes it: no Authorization, nothing but the URL.
net::HttpResult fetch(const TestService &service, const QUrl &url, const QByteArray &verb = "GET",
                      const QByteArray &body = {})
{
    net::PreparedRequest request;
    request.verb = verb;
    request.request.setUrl(url);
    request.body = body;
    request.contentLength = body.size();
    if (verb == "PUT") {
        request.request.setRawHeader("x-ms-blob-type", "BlockBlob");
        request.request.setRawHeader("Content-Type", "text/plain");
    }
    return service.send(request);
}

} // namespace

TEST_CASE("service SAS: a read link to a blob downloads it and is refused for writing and for "
          "other blobs",
          "[sas][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer(QStringLiteral("sas"));
    service.createContainer(container);
    service.putBlob(container, QStringLiteral("docs/report 1.txt"), "shared bytes");
    service.putBlob(container, QStringLiteral("private.txt"), "not shared");
    const QByteArray key = QByteArray::fromBase64(service.key().toLatin1());
    const azure::BlobLocation location = locationOf(service, container);

    const QString token = azure::ServiceSas::token(
        grantFor(service, container, QStringLiteral("docs/report 1.txt"), QStringLiteral("r")),
        key);
    const QUrl url = location.blobUrl(QStringLiteral("docs/report 1.txt"), token);
    const auto read = fetch(service, url);
    INFO(read.body.toStdString());
    CHECK(read.status == 200);
    CHECK(read.body == "shared bytes");

    const auto write = fetch(service, url, "PUT", "overwritten");
    CHECK(write.status == 403);
    CHECK(service.getBlob(container, QStringLiteral("docs/report 1.txt")) == "shared bytes");

    // The signature names the blob: the same token on another blob is refused.
    CHECK(fetch(service, location.blobUrl(QStringLiteral("private.txt"), token)).status == 403);
    // A token whose expiry was moved after signing is refused.
    QString stretched = token;
    stretched.replace(QRegularExpression(QStringLiteral("se=\\d{4}")), QStringLiteral("se=2099"));
    REQUIRE(stretched != token);
    CHECK(fetch(service, location.blobUrl(QStringLiteral("docs/report 1.txt"), stretched)).status ==
          403);
}

TEST_CASE("service SAS: a write link to a blob writes it, and a container link lists and reads",
          "[sas][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer(QStringLiteral("sasc"));
    service.createContainer(container);
    service.putBlob(container, QStringLiteral("a.txt"), "first");
    const QByteArray key = QByteArray::fromBase64(service.key().toLatin1());
    const azure::BlobLocation location = locationOf(service, container);

    const QString writeToken = azure::ServiceSas::token(
        grantFor(service, container, QStringLiteral("a.txt"), QStringLiteral("cw")), key);
    CHECK(fetch(service, location.blobUrl(QStringLiteral("a.txt"), writeToken), "PUT", "second")
              .status == 201);
    CHECK(service.getBlob(container, QStringLiteral("a.txt")) == "second");

    const QString listToken =
        azure::ServiceSas::token(grantFor(service, container, {}, QStringLiteral("rl")), key);
    const auto listed = fetch(
        service, location.containerUrl(QStringLiteral("restype=container&comp=list&") + listToken));
    INFO(listed.body.toStdString());
    CHECK(listed.status == 200);
    CHECK(listed.body.contains("<Name>a.txt</Name>"));
    CHECK(fetch(service, location.blobUrl(QStringLiteral("a.txt"), listToken)).body == "second");
}
