// SPDX-License-Identifier: MIT
#include "JobPreflight.h"

#include "azure/AzureError.h"
#include "azure/SasIssuer.h"
#include "journal/JobIdentity.h"
#include "net/BandwidthLimiter.h"
#include "net/Requester.h"
#include "net/TlsSettings.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

namespace blobferry::transfer {

JobPreflight::JobPreflight(const TransferSpec &spec, net::Requester *requester, QObject *parent)
    : QObject(parent)
    , m_spec(spec)
    , m_injected(requester)
{}

void JobPreflight::run()
{
    const bool blobSource = m_spec.source.isBlob();
    const bool blobDestination = m_spec.destination.isBlob();
    using Direction = JobResources::Direction;
    m_resources.direction = blobSource && blobDestination ? Direction::Copy
                            : blobSource                  ? Direction::Download
                                                          : Direction::Upload;
    QString error;
    const auto tls = net::TlsSettings::load(m_spec.caFile, &error);
    if (!blobSource && !blobDestination) // two local paths
        error = QStringLiteral("one side must be a local path and the other a blob URL");
    if (!tls || (!blobSource && !blobDestination)) {
        fail(error);
        return;
    }
    if (m_injected) {
        m_resources.requester = m_injected;
    } else {
        net::RequesterSettings settings;
        settings.concurrency = m_spec.concurrency;
        settings.tls = *tls;
        settings.proxy = m_spec.proxy;
        settings.accessManagers = m_spec.accessManagers;
        settings.capBytesPerSecond = net::BandwidthLimiter::fromMbps(m_spec.capMbps);
        m_resources.requester = new net::Requester(std::move(settings), parent());
    }
    makeRequests();
    if (!openJournal(&error) || !checkLocalSide(&error)) {
        fail(error);
        return;
    }
    // A dry run changes nothing, the container included; a download creates none.
    if (m_spec.dryRun || m_resources.direction == Direction::Download)
        Q_EMIT ready();
    else
        ensureContainer();
}

void JobPreflight::cancel()
{
    m_cancelled = true;
    if (m_creating)
        m_creating->abort();
}

void JobPreflight::makeRequests()
{
    const Endpoint &source = m_spec.source;
    const Endpoint &destination = m_spec.destination;
    if (m_resources.direction != JobResources::Direction::Copy) {
        const Endpoint &blobSide = destination.isBlob() ? destination : source;
        m_resources.blobs =
            std::make_unique<azure::BlobRequests>(*blobSide.blob, blobSide.credential);
        return;
    }
    m_resources.blobs =
        std::make_unique<azure::BlobRequests>(*destination.blob, destination.credential);
    m_resources.copySource = std::make_unique<azure::BlobRequests>(*source.blob, source.credential);
    // A key authorizes the source only for a Shared Key copy within its own account; otherwise
    // the destination's service gets a read-only SAS of the source's account, valid for a day
    // (a copy between accounts may stay pending for hours).
    const bool sameAccount = source.blob->serviceRoot() == destination.blob->serviceRoot() &&
                             source.blob->account() == destination.blob->account();
    if (source.credential.kind() == azure::Credential::Kind::SharedKey &&
        !(sameAccount && destination.credential.kind() == azure::Credential::Kind::SharedKey)) {
        const QString sas = azure::SasIssuer::readBlobs(
            source.credential.account(), source.credential.key(),
            QDateTime::currentDateTimeUtc().addDays(1),
            source.blob->serviceRoot().startsWith(QLatin1String("https:")));
        m_resources.copySourceUrl = std::make_unique<azure::BlobRequests>(
            source.blob->withSas(sas), azure::Credential::sas(sas));
        Q_EMIT notice(QStringLiteral("The destination reads the source through a read-only SAS "
                                     "of account %1, valid for 24 hours")
                          .arg(source.credential.account()));
    }
}

journal::JobIdentity JobPreflight::jobIdentity(const TransferSpec &spec)
{
    // Locations without their query: a SAS is a secret, and a fresh one must still resume.
    auto describe = [](const Endpoint &endpoint) {
        if (!endpoint.isBlob())
            return endpoint.localPath;
        const azure::BlobLocation &blob = *endpoint.blob;
        return blob.withSas({}).display();
    };
    journal::JobIdentity identity;
    identity.source = describe(spec.source);
    identity.destination = describe(spec.destination);
    identity.patterns = spec.patterns;
    identity.recursive = spec.recursive;
    identity.blockSize = spec.blockSize;
    identity.blobType = spec.detectPageBlobs              ? QStringLiteral("detect")
                        : spec.blobType == BlobType::Page ? QStringLiteral("page")
                                                          : QStringLiteral("block");
    return identity;
}

bool JobPreflight::openJournal(QString *error)
{
    // A dry run neither uses nor touches a journal: it must not remove an interrupted run's.
    if (!m_spec.restartable || m_spec.dryRun)
        return true;
    const journal::JobIdentity identity = jobIdentity(m_spec);
    const QString path =
        m_spec.journalPath.isEmpty() ? journal::Journal::defaultPath(identity) : m_spec.journalPath;
    QString remark;
    m_resources.journal = journal::Journal::open(path, identity, error, &remark);
    if (!m_resources.journal)
        return false;
    if (!remark.isEmpty())
        Q_EMIT notice(remark);
    if (m_resources.journal->previousFileCount() > 0)
        Q_EMIT notice(
            QStringLiteral("Resuming the job recorded in %1").arg(m_resources.journal->path()));
    return true;
}

bool JobPreflight::checkLocalSide(QString *error)
{
    switch (m_resources.direction) {
    case JobResources::Direction::Copy:
        return true;
    case JobResources::Direction::Upload: {
        const QFileInfo root(m_spec.source.localPath);
        if (root.isDir())
            return true;
        *error = root.exists()
                     ? QStringLiteral("the source %1 is not a directory").arg(root.filePath())
                     : QStringLiteral("the source %1 does not exist").arg(root.filePath());
        return false;
    }
    case JobResources::Direction::Download:
        break;
    }
    const QString root = m_spec.destination.localPath;
    // A dry run creates nothing; a destination that does not exist yet is looked at as empty.
    if (!m_spec.dryRun && !QDir().mkpath(root)) {
        *error = QStringLiteral("cannot create the destination directory %1: check the path "
                                "and its permissions")
                     .arg(root);
        return false;
    }
    if (!m_spec.dryRun || QFileInfo(root).isDir())
        m_resources.probe = DestinationProbe::probe(root);
    if (!m_resources.probe.error.isEmpty()) {
        *error = QStringLiteral("cannot write to the destination directory %1: %2")
                     .arg(root, m_resources.probe.error);
        return false;
    }
    return true;
}

void JobPreflight::ensureContainer()
{
    const azure::BlobRequests *blobs = m_resources.blobs.get();
    net::Request create;
    create.factory = [blobs] { return blobs->createContainer(); };
    create.policy = m_spec.retry;
    m_creating =
        m_resources.requester->send(std::move(create), this, [this](const net::HttpResult &result) {
            m_creating.clear();
            if (m_cancelled)
                return;
            const bool exists = result.status == 409;
            // A SAS scoped to one container may not create containers; its writes will tell.
            const bool sasMayNotCreate =
                result.status == 403 &&
                m_spec.destination.credential.kind() != azure::Credential::Kind::SharedKey;
            if (!result.ok() && !exists && !sasMayNotCreate) {
                const azure::BlobLocation &location = m_resources.blobs->location();
                fail(QStringLiteral("cannot create container %1: %2")
                         .arg(location.container(),
                              azure::describeFailure(result, location.containerUrl())));
                return;
            }
            Q_EMIT ready();
        });
}

void JobPreflight::fail(const QString &error)
{
    Q_EMIT failed(error);
}

} // namespace blobferry::transfer
