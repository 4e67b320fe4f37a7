// SPDX-License-Identifier: MIT
#include "TestService.h"

#include "azure/ApiVersion.h"
#include "azure/ConnectionString.h"
#include "azure/SharedKeySigner.h"

#include <QAtomicInt>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QLocale>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QProcessEnvironment>
#include <QTcpSocket>
#include <QUuid>
#include <catch2/catch.hpp>

namespace blobferry::test {

TestService::TestService()
{
    const auto env = QProcessEnvironment::systemEnvironment();
    m_endpoint = env.value(QStringLiteral("BLOBFERRY_TEST_ENDPOINT"));
    if (m_endpoint.isEmpty()) {
        const QString state = env.value(QStringLiteral("BLOBFERRY_TEST_AZURITE_STATE"));
        QFile portFile(state + QStringLiteral("/azurite.port"));
        if (state.isEmpty() || !portFile.open(QIODevice::ReadOnly))
            FAIL("no Azurite for this test: run it through ctest (the azurite fixture) or set "
                 "BLOBFERRY_TEST_ENDPOINT");
        const QString port = QString::fromLatin1(portFile.readAll()).trimmed();
        m_endpoint = QStringLiteral("http://127.0.0.1:%1/devstoreaccount1").arg(port);
    }
}

QString TestService::key() const
{
    return QString::fromLatin1(azure::kDevKey);
}

QString TestService::connectionString() const
{
    return QStringLiteral("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
                          "AccountKey=%1;BlobEndpoint=%2;")
        .arg(key(), m_endpoint);
}

QString TestService::uniqueContainer(const QString &stem) const
{
    const QString id = QUuid::createUuid().toString(QUuid::Id128).left(20);
    return (stem + QLatin1Char('-') + id).toLower();
}

QString TestService::containerUrl(const QString &container, const QString &path) const
{
    QString url = m_endpoint + QLatin1Char('/') + container;
    if (!path.isEmpty())
        url += QLatin1Char('/') + path;
    return url;
}

azure::BlobRequests TestService::requests(const QString &container) const
{
    QString error;
    const auto location = azure::BlobLocation::parse(containerUrl(container), &error);
    REQUIRE(location.has_value());
    return azure::BlobRequests(*location, azure::Credential::sharedKey(account(), key(), &error));
}

net::HttpResult TestService::send(const net::PreparedRequest &request) const
{
    QNetworkAccessManager nam;
    net::RetryPolicy policy;
    policy.maxTries = 1;
    net::HttpJob job(
        &nam, [request] { return request; }, policy);
    QEventLoop loop;
    QObject::connect(&job, &net::HttpJob::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    return job.result();
}

void TestService::createContainer(const QString &container) const
{
    const auto result = send(requests(container).createContainer());
    INFO("create container " << container.toStdString() << " -> " << result.status);
    REQUIRE((result.status == 201 || result.status == 409));
}

void TestService::putBlob(const QString &container, const QString &name,
                          const QByteArray &data) const
{
    // Raw HTTP over a socket, not QNetworkAccessManager: it would resolve a blob named "." or
    // ".." away before sending, and the tests need such names to reach the service as they are.
    const net::PreparedRequest request = requests(container).putBlob(name, data.size(), {}, {});
    const QUrl url = request.request.url();
    QByteArray head = "PUT " + url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority) +
                      " HTTP/1.1\r\nHost: " + url.host().toLatin1() + ':' +
                      QByteArray::number(url.port()) + "\r\n";
    for (const QByteArray &header : request.request.rawHeaderList())
        head += header + ": " + request.request.rawHeader(header) + "\r\n";
    head += "Content-Length: " + QByteArray::number(data.size()) + "\r\nConnection: close\r\n\r\n";

    QTcpSocket socket;
    socket.connectToHost(url.host(), quint16(url.port()));
    REQUIRE(socket.waitForConnected(10'000));
    socket.write(head + data);
    // Until the service closes the connection (Connection: close), however slow it is under
    // load: a busy machine may take more than a few seconds to take a large body.
    QByteArray response;
    QElapsedTimer clock;
    clock.start();
    while (socket.state() == QAbstractSocket::ConnectedState && clock.elapsed() < 120'000) {
        if (socket.bytesToWrite() > 0)
            socket.waitForBytesWritten(1000);
        else
            socket.waitForReadyRead(1000);
        response += socket.readAll();
    }
    response += socket.readAll();
    const QByteArray statusLine = response.left(response.indexOf("\r\n"));
    INFO("put " << name.toStdString() << " -> " << response.toStdString());
    REQUIRE(statusLine.split(' ').value(1) == "201");
}

void TestService::putBlobWithoutMd5(const QString &container, const QString &name,
                                    const QByteArray &data) const
{
    const auto blobs = requests(container);
    const QByteArray id = QByteArray("block-0").toBase64();
    auto block = blobs.putBlock(name, id, data.size(), {});
    block.body = data;
    INFO("put block of " << name.toStdString());
    REQUIRE(send(block).status == 201);
    REQUIRE(send(blobs.putBlockList(name, {id}, azure::BlobProperties{})).status == 201);
}

QByteArray TestService::getBlob(const QString &container, const QString &name) const
{
    // Through a sink: HttpJob buffers only small bodies by itself.
    QByteArray content;
    QNetworkAccessManager nam;
    net::RetryPolicy policy;
    policy.maxTries = 1;
    const auto request = requests(container).getBlob(name, 0, -1, {});
    net::HttpJob job(
        &nam, [request] { return request; }, policy);
    job.setSink([&content](const QByteArray &chunk) {
        content += chunk;
        return QString();
    });
    QEventLoop loop;
    QObject::connect(&job, &net::HttpJob::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    INFO("get " << name.toStdString() << " -> " << job.result().status);
    REQUIRE(job.result().status == 200);
    return content;
}

QList<azure::BlobEntry> TestService::listBlobs(const QString &container,
                                               const QString &prefix) const
{
    QList<azure::BlobEntry> all;
    QString marker;
    do {
        const auto result = send(requests(container).listBlobs(prefix, {}, marker));
        REQUIRE(result.status == 200);
        azure::BlobListPage page;
        QString error;
        REQUIRE(azure::xml::parseBlobList(result.body, &page, &error));
        all += page.blobs;
        marker = page.nextMarker;
    } while (!marker.isEmpty());
    return all;
}

QStringList TestService::blobNames(const QString &container, const QString &prefix) const
{
    QStringList names;
    for (const auto &blob : listBlobs(container, prefix))
        names.append(blob.name);
    names.sort();
    return names;
}

namespace {

// A request BlobRequests does not make, signed like its own.
net::PreparedRequest signedRequest(const TestService &service, const QByteArray &verb,
                                   const QUrl &url, const azure::HeaderList &headers = {})
{
    net::PreparedRequest prepared;
    prepared.verb = verb;
    prepared.request.setUrl(url);
    prepared.request.setRawHeader("x-ms-date",
                                  QLocale::c()
                                      .toString(QDateTime::currentDateTimeUtc(),
                                                QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
                                      .toLatin1());
    prepared.request.setRawHeader("x-ms-version", azure::kApiVersion);
    for (const auto &[name, value] : headers)
        prepared.request.setRawHeader(name, value);
    if (verb == "PUT")
        prepared.request.setRawHeader("Content-Type", "application/octet-stream");
    azure::SharedKeySigner(service.account(), QByteArray::fromBase64(service.key().toLatin1()))
        .sign(prepared.request, verb, 0);
    return prepared;
}

} // namespace

void TestService::archiveBlob(const QString &container, const QString &name) const
{
    const QUrl url = requests(container).location().blobUrl(name, QStringLiteral("comp=tier"));
    const auto result = send(signedRequest(*this, "PUT", url, {{"x-ms-access-tier", "Archive"}}));
    INFO("archive " << name.toStdString() << " -> " << result.status << " "
                    << result.body.toStdString());
    REQUIRE(result.status == 200);
}

void TestService::snapshotBlob(const QString &container, const QString &name) const
{
    const QUrl url = requests(container).location().blobUrl(name, QStringLiteral("comp=snapshot"));
    const auto result = send(signedRequest(*this, "PUT", url));
    INFO("snapshot " << name.toStdString() << " -> " << result.status << " "
                     << result.body.toStdString());
    REQUIRE(result.status == 201);
}

int TestService::countWithSnapshots(const QString &container, const QString &name) const
{
    const QUrl url = requests(container).location().containerUrl(
        QStringLiteral("restype=container&comp=list&include=snapshots&prefix=") +
        QString::fromLatin1(QUrl::toPercentEncoding(name)));
    const auto result = send(signedRequest(*this, "GET", url));
    REQUIRE(result.status == 200);
    azure::BlobListPage page;
    QString error;
    REQUIRE(azure::xml::parseBlobList(result.body, &page, &error));
    REQUIRE(page.nextMarker.isEmpty());
    int count = 0;
    for (const azure::BlobEntry &blob : std::as_const(page.blobs))
        count += blob.name == name ? 1 : 0;
    return count;
}

QString TestService::accountSas() const
{
    // Account SAS, version 2019-12-12 layout: one field per line, each ending in '\n'.
    const QString version = QStringLiteral("2019-12-12");
    const QString expiry = QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate);
    const QString permissions = QStringLiteral("rwdlacup");
    const QString toSign = account() + QLatin1Char('\n') + permissions +
                           QStringLiteral("\nb\nsco\n\n") + expiry +
                           QStringLiteral("\n\nhttp,https\n") + version + QLatin1Char('\n');
    const QByteArray signature =
        QMessageAuthenticationCode::hash(toSign.toUtf8(), QByteArray::fromBase64(key().toLatin1()),
                                         QCryptographicHash::Sha256)
            .toBase64();
    return QStringLiteral("sv=%1&ss=b&srt=sco&sp=%2&se=%3&spr=http,https&sig=%4")
        .arg(version, permissions, QString::fromLatin1(QUrl::toPercentEncoding(expiry)),
             QString::fromLatin1(QUrl::toPercentEncoding(QString::fromLatin1(signature))));
}

} // namespace blobferry::test
