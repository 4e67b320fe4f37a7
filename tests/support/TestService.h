// SPDX-License-Identifier: MIT
#pragma once

#include "azure/BlobLocation.h"
#include "azure/BlobRequests.h"
#include "azure/BlobXml.h"
#include "net/HttpJob.h"

#include <QString>

// The private Azurite of this test run, and raw REST calls against it so tests check what the
// service holds without going through the code under test's transfer engine.
namespace blobferry::test {

class TestService final
{
public:
    // Reads the endpoint from BLOBFERRY_TEST_ENDPOINT, or the port the fixture wrote under
    // BLOBFERRY_TEST_AZURITE_STATE. Fails the test with a clear message when neither is there.
    TestService();

    QString endpoint() const { return m_endpoint; } // http://127.0.0.1:PORT/devstoreaccount1
    QString account() const { return QStringLiteral("devstoreaccount1"); }
    QString key() const;
    QString connectionString() const;
    // A container name nobody else in this run uses.
    QString uniqueContainer(const QString &stem = QStringLiteral("t")) const;
    QString containerUrl(const QString &container, const QString &path = {}) const;

    azure::BlobRequests requests(const QString &container) const;
    net::HttpResult send(const net::PreparedRequest &request) const;
    void createContainer(const QString &container) const;
    void putBlob(const QString &container, const QString &name, const QByteArray &data) const;
    // A block blob with no Content-MD5 (Put Block + Put Block List; Put Blob would store one),
    // as other tools often leave them.
    void putBlobWithoutMd5(const QString &container, const QString &name,
                           const QByteArray &data) const;
    QByteArray getBlob(const QString &container, const QString &name) const;
    QList<azure::BlobEntry> listBlobs(const QString &container, const QString &prefix = {}) const;
    QStringList blobNames(const QString &container, const QString &prefix = {}) const;
    // Set Blob Tier to Archive: listed, but reading or copying it fails (409 BlobArchived).
    void archiveBlob(const QString &container, const QString &name) const;
    // Snapshot Blob (PUT ?comp=snapshot): the blob as it is now, kept beside it.
    void snapshotBlob(const QString &container, const QString &name) const;
    // How many entries named `name` a listing with include=snapshots shows: the blob and each
    // of its snapshots (0: the blob and every snapshot are gone).
    int countWithSnapshots(const QString &container, const QString &name) const;
    // An account SAS (all services' blob resources, all permissions, valid for an hour).
    QString accountSas() const;

private:
    QString m_endpoint;
};

} // namespace blobferry::test
