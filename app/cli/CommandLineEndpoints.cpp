// SPDX-License-Identifier: MIT
// CommandLine: <Source> and <Destination>, each a local path or a blob URL with its credential.
#include "CommandLine.h"
#include "azure/BlobLocation.h"
#include "azure/ConnectionString.h"

#include <QDir>

namespace blobferry::cli {

using azure::BlobLocation;
using azure::Credential;
using transfer::Endpoint;

namespace {

// The blob side's credential: a SAS in the URL, else a key, else a connection string, else
// anonymous (public containers).
std::optional<Credential> credentialFor(const BlobLocation &location, const QString &key,
                                        const QString &connectionString, const QString &side,
                                        QString *error)
{
    if (!location.sasToken().isEmpty())
        return Credential::sas(location.sasToken());
    if (!key.isEmpty()) {
        QString why;
        Credential credential = Credential::sharedKey(location.account(), key, &why);
        if (!credential.isValid()) {
            *error = CommandLine::tr("%1 key: %2").arg(side, why);
            return std::nullopt;
        }
        return credential;
    }
    if (!connectionString.isEmpty()) {
        QString why;
        const auto parsed = azure::ConnectionString::parse(connectionString, &why);
        if (!parsed) {
            *error = CommandLine::tr("%1 connection string: %2").arg(side, why);
            return std::nullopt;
        }
        if (parsed->credential.kind() == Credential::Kind::SharedKey &&
            parsed->credential.account() != location.account()) {
            *error = CommandLine::tr("the %1 connection string is for account '%2' but the URL "
                                     "names '%3'")
                         .arg(side, parsed->credential.account(), location.account());
            return std::nullopt;
        }
        return parsed->credential;
    }
    return Credential::anonymous();
}

} // namespace

std::optional<Endpoint> CommandLine::endpointFor(const QString &text, const QString &key,
                                                 const QString &connectionString,
                                                 const QString &side, QString *error)
{
    Endpoint endpoint;
    if (BlobLocation::looksLikeUrl(text)) {
        QString why;
        auto location = BlobLocation::parse(text, &why);
        if (!location) {
            *error = CommandLine::tr("%1: %2").arg(side, why);
            return std::nullopt;
        }
        auto credential = credentialFor(*location, key, connectionString, side, error);
        if (!credential)
            return std::nullopt;
        endpoint.blob = *location;
        endpoint.credential = *credential;
        return endpoint;
    }
    endpoint.localPath = QDir::cleanPath(QDir::current().absoluteFilePath(text));
    return endpoint;
}

} // namespace blobferry::cli
