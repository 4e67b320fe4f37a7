// SPDX-License-Identifier: MIT
// The command line's flow: options from their table (CliOptions), then <Source> and
// <Destination>, then what cannot be judged option by option.
#include "CommandLine.h"

#include "CliOptions.h"
#include "UploadAttributeOptions.h"
#include "log/SecretShapes.h"
#include "net/ProxySettings.h"

#include <QFileInfo>

namespace blobferry::cli {

namespace {

// Options that make no sense together, or not in this direction: refused before anything
// is transferred.
bool checkCombinations(const QHash<QString, QString> &values, const CliRequest &request,
                       QString *error)
{
    const transfer::TransferSpec &spec = request.spec;
    const bool copy = spec.source.isBlob() && spec.destination.isBlob();
    const bool upload = spec.destination.isBlob() && !copy;
    if (spec.move && spec.mirror) {
        *error = CommandLine::tr("--move (/MOV) and --mirror (/MIR) cannot be combined: a move "
                                 "empties the source a mirror copies from; choose one");
        return false;
    }
    if (spec.archive && spec.mirror) {
        *error = CommandLine::tr("--archive (/A) and --mirror (/MIR) cannot be combined: a mirror "
                                 "must see every source file, /A looks only at changed ones");
        return false;
    }
    if (copy) {
        // The service copies blob to blob: nothing here touches the bytes or their properties.
        for (const CliOption &option : CliOptions::table()) {
            if (option.traits & CliOption::NotForBlobCopy && values.contains(option.longName())) {
                *error = CommandLine::tr("--%1 does not apply to a copy from blob to blob, which "
                                         "the service makes with the source's type and properties")
                             .arg(option.longName());
                return false;
            }
        }
        // Copying a place onto itself, or into itself with /S, would copy copies.
        const bool sameAccount =
            spec.source.blob->serviceRoot() == spec.destination.blob->serviceRoot() &&
            spec.source.blob->account() == spec.destination.blob->account();
        const auto directory = [](const QString &path) {
            return path.isEmpty() || path.endsWith(QLatin1Char('/')) ? path
                                                                     : path + QLatin1Char('/');
        };
        const QString fromDir = directory(spec.source.blob->path());
        const QString toDir = directory(spec.destination.blob->path());
        if (sameAccount && spec.source.blob->container() == spec.destination.blob->container() &&
            (fromDir == toDir || (spec.recursive && toDir.startsWith(fromDir)))) {
            *error = CommandLine::tr("the destination %1 is the source or lies inside it: copy to "
                                     "another container or virtual directory")
                         .arg(spec.destination.blob->display());
            return false;
        }
    }
    if (!upload && values.contains(QStringLiteral("content-type"))) {
        *error = CommandLine::tr("--content-type applies to uploads only; a download keeps the "
                                 "bytes and ignores the blob's type");
        return false;
    }
    if (!upload && values.contains(QStringLiteral("gzip"))) {
        *error = CommandLine::tr("--gzip applies to uploads only; downloads store gzip-encoded "
                                 "blobs decompressed (or, with --keep-encoding, as they are)");
        return false;
    }
    if (upload && spec.keepEncoding) {
        *error = CommandLine::tr("--keep-encoding applies to downloads only; to upload files "
                                 "compressed, use --gzip EXT,...");
        return false;
    }
    if (!spec.gzipExtensions.isEmpty() && spec.blobType == transfer::BlobType::Page) {
        *error =
            CommandLine::tr("--gzip cannot be combined with --blob-type page (/BlobType:page): "
                            "page blobs hold disk images byte for byte; choose one");
        return false;
    }
    if (!upload && spec.followSymlinks) {
        *error = CommandLine::tr("--follow-symlinks applies to uploads only (links in a local "
                                 "source); a download never writes through a link");
        return false;
    }
    for (const QString &name : uploadAttributes::optionNames()) {
        if (!upload && values.contains(name)) {
            *error = CommandLine::tr("--%1 applies to uploads only").arg(name);
            return false;
        }
    }
    if (!spec.uploadAttributes.tier.isEmpty() && spec.blobType == transfer::BlobType::Page) {
        *error = CommandLine::tr("--block-blob-tier applies to block blobs, not to --blob-type "
                                 "page (/BlobType:page), whose tiers are Premium's");
        return false;
    }
    if (!upload && values.contains(QStringLiteral("no-guess-mime-type"))) {
        *error = CommandLine::tr("--no-guess-mime-type applies to uploads only");
        return false;
    }
    return true;
}

} // namespace

QString CommandLine::usageLine()
{
    return CommandLine::tr("usage: blobferry-cli <Source> <Destination> [pattern ...] [options]");
}

std::optional<CliRequest> CommandLine::parse(const QStringList &args,
                                             const QProcessEnvironment &environment, QString *error)
{
    auto request = parseArguments(args, environment, error);
    // An argument quoted into the message may hold a line break (the error stays one line),
    // or be a key typed where a path or URL belongs (masked: errors reach screens and logs).
    if (!request) {
        error->replace(QLatin1Char('\n'), QStringLiteral("\\n"));
        *error = log::SecretShapes::mask(*error);
    }
    return request;
}

std::optional<CliRequest> CommandLine::parseArguments(const QStringList &args,
                                                      const QProcessEnvironment &environment,
                                                      QString *error)
{
    const auto given = CliOptions::tokenize(args, error);
    if (!given)
        return std::nullopt;
    CliOptionTarget target;
    if (CliOptions::applyAnswer(*given, target))
        return target.request; // --help, --version, --man
    if (namesCommand(given->values)) {
        if (!CliOptions::apply(*given, environment, target, error))
            return std::nullopt;
        return parseCommand(given->positional, given->values, environment, target, error);
    }
    if (given->positional.size() < 2) {
        *error =
            (given->positional.isEmpty() ? CommandLine::tr("missing <Source> and <Destination>; ")
                                         : CommandLine::tr("missing <Destination>; ")) +
            usageLine() + CommandLine::tr(" (see --help)");
        return std::nullopt;
    }
    if (!CliOptions::apply(*given, environment, target, error))
        return std::nullopt;
    CliRequest &request = target.request;
    transfer::TransferSpec &spec = request.spec;
    // Without --proxy (or BLOBFERRY_PROXY), the system's, whose variables are checked now so
    // that a malformed one is a usage error rather than a silently direct connection.
    if (spec.proxy.mode == net::ProxySettings::Mode::System &&
        !net::ProxySettings::checkEnvironment(environment, error))
        return std::nullopt;

    auto source =
        CommandLine::endpointFor(given->positional[0], target.sourceKey,
                                 target.sourceConnectionString, QStringLiteral("source"), error);
    if (!source)
        return std::nullopt;
    auto destination =
        CommandLine::endpointFor(given->positional[1], target.destKey, target.destConnectionString,
                                 QStringLiteral("destination"), error);
    if (!destination)
        return std::nullopt;
    spec.patterns = given->positional.mid(2);

    if (!source->isBlob() && !destination->isBlob()) {
        *error = CommandLine::tr("both <Source> and <Destination> are local paths: one of them "
                                 "must be a blob URL (http:// or https://)");
        return std::nullopt;
    }
    if (!source->isBlob()) {
        const QFileInfo info(source->localPath);
        if (!info.exists() && info.isSymLink()) {
            *error = CommandLine::tr("the source %1 is a symbolic link to %2, which does not "
                                     "exist")
                         .arg(source->localPath, info.symLinkTarget());
            return std::nullopt;
        }
        if (!info.exists()) {
            *error = CommandLine::tr("the source %1 does not exist").arg(source->localPath);
            return std::nullopt;
        }
        if (!info.isFile() && !info.isDir()) {
            *error = CommandLine::tr("the source %1 is neither a file nor a directory (a FIFO, "
                                     "socket or device): blobferry uploads regular files only")
                         .arg(source->localPath);
            return std::nullopt;
        }
        // A single file as source: its directory, with its name as the pattern (the original
        // wanted `AzCopy C:\mydata abc.txt`; both forms work). A link named so is followed:
        // the engine reads files named by a plain pattern through links.
        if (info.isFile()) {
            if (!spec.patterns.isEmpty()) {
                *error = CommandLine::tr("the source %1 is a file: give its directory as <Source> "
                                         "and the file names as patterns")
                             .arg(source->localPath);
                return std::nullopt;
            }
            spec.patterns = QStringList{info.fileName()};
            source->localPath = info.absolutePath();
        }
    } else if (QFileInfo(destination->localPath).isFile()) {
        *error = CommandLine::tr("the destination %1 is a file: give a directory")
                     .arg(destination->localPath);
        return std::nullopt;
    }
    spec.source = *source;
    spec.destination = *destination;
    if (!checkCombinations(given->values, request, error))
        return std::nullopt;
    return request;
}

} // namespace blobferry::cli
