// SPDX-License-Identifier: MIT
// CommandLine: --list, --remove and --set-tier, commands on the blobs one URL and its patterns
// name, beside the original's <Source> <Destination>.
#include "CliOptions.h"
#include "CommandLine.h"
#include "azure/BlobLocation.h"
#include "net/ProxySettings.h"

namespace blobferry::cli {

namespace {

const QStringList &commandNames()
{
    static const QStringList names{QStringLiteral("list"), QStringLiteral("remove"),
                                   QStringLiteral("set-tier")};
    return names;
}

} // namespace

bool CommandLine::namesCommand(const QHash<QString, QString> &values)
{
    for (const QString &name : commandNames()) {
        if (values.contains(name))
            return true;
    }
    return false;
}

std::optional<CliRequest> CommandLine::parseCommand(const QStringList &positional,
                                                    const QHash<QString, QString> &values,
                                                    const QProcessEnvironment &environment,
                                                    CliOptionTarget &target, QString *error)
{
    QStringList given;
    for (const QString &name : commandNames()) {
        if (values.contains(name))
            given.append(QStringLiteral("--") + name);
    }
    if (given.size() > 1) {
        *error = CommandLine::tr("%1 are separate commands: give one of them")
                     .arg(given.join(QStringLiteral(" and ")));
        return std::nullopt;
    }
    const QString command = given.first();
    CliRequest &request = target.request;
    if (!request.rehydratePriority.isEmpty() && request.action != CliRequest::Action::SetTier) {
        *error = CommandLine::tr("--rehydrate-priority goes with --set-tier (moving blobs out of "
                                 "Archive), not with %1")
                     .arg(command);
        return std::nullopt;
    }
    const QString synopsis =
        request.action == CliRequest::Action::SetTier
            ? QStringLiteral("blobferry-cli --set-tier TIER URL [pattern ...]")
            : QStringLiteral("blobferry-cli %1 URL [pattern ...]").arg(command);
    if (positional.isEmpty()) {
        *error = CommandLine::tr("%1 needs a blob URL: %2 (see --help)").arg(command, synopsis);
        return std::nullopt;
    }
    if (!azure::BlobLocation::looksLikeUrl(positional.first())) {
        *error = CommandLine::tr("%1 works on a blob URL (http:// or https://), not on '%2': %3")
                     .arg(command, positional.first(), synopsis);
        return std::nullopt;
    }
    transfer::TransferSpec &spec = request.spec;
    if (spec.proxy.mode == net::ProxySettings::Mode::System &&
        !net::ProxySettings::checkEnvironment(environment, error))
        return std::nullopt;
    // The URL is what the command reads from: the source's credentials, or else the
    // destination's (`--remove URL /DestKey:KEY` reads as naturally).
    const bool sourceGiven =
        !target.sourceKey.isEmpty() || !target.sourceConnectionString.isEmpty();
    auto endpoint =
        endpointFor(positional.first(), sourceGiven ? target.sourceKey : target.destKey,
                    sourceGiven ? target.sourceConnectionString : target.destConnectionString,
                    QStringLiteral("URL"), error);
    if (!endpoint)
        return std::nullopt;
    if (endpoint->blob->container().isEmpty()) {
        *error = CommandLine::tr("%1 needs a container in the URL: "
                                 "https://ACCOUNT.blob.core.windows.net/CONTAINER[/DIR]")
                     .arg(command);
        return std::nullopt;
    }
    // Listing a public container needs no key; nothing anonymous may change a blob.
    if (request.action != CliRequest::Action::List &&
        endpoint->credential.kind() == azure::Credential::Kind::Anonymous) {
        *error = CommandLine::tr("%1 needs the account's key: --source-key KEY (or "
                                 "BLOBFERRY_SOURCE_KEY), a connection string, or a SAS in the URL")
                     .arg(command);
        return std::nullopt;
    }
    spec.source = *endpoint;
    spec.patterns = positional.mid(1);
    return request;
}

} // namespace blobferry::cli
