// SPDX-License-Identifier: MIT
#include "CommandLine.h"

#include "log/SecretShapes.h"
#include "net/ProxySettings.h"
#include "net/TlsSettings.h"
#include "transfer/ContentTypes.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QThread>

namespace blobferry::cli {

namespace {

struct OptionInfo
{
    bool takesValue = false;
    bool valueOptional = false; // only as --name=VALUE or /Name:VALUE
};

// Long options, lower case.
const QHash<QString, OptionInfo> &longOptions()
{
    static const QHash<QString, OptionInfo> options{
        {QStringLiteral("recursive"), {}},
        {QStringLiteral("follow-symlinks"), {}},
        {QStringLiteral("verbose"), {}},
        {QStringLiteral("yes"), {}},
        {QStringLiteral("help"), {}},
        {QStringLiteral("version"), {}},
        {QStringLiteral("source-key"), {true}},
        {QStringLiteral("dest-key"), {true}},
        {QStringLiteral("source-connection-string"), {true}},
        {QStringLiteral("dest-connection-string"), {true}},
        {QStringLiteral("concurrency"), {true}},
        {QStringLiteral("block-size"), {true}},
        {QStringLiteral("retries"), {true}},
        {QStringLiteral("restartable"), {true, true}},
        {QStringLiteral("blob-type"), {true}},
        {QStringLiteral("exclude-older"), {}},
        {QStringLiteral("exclude-newer"), {}},
        {QStringLiteral("clock-skew"), {true}},
        {QStringLiteral("dry-run"), {}},
        {QStringLiteral("no-preserve-time"), {}},
        {QStringLiteral("put-md5"), {}},
        {QStringLiteral("no-put-md5"), {}},
        {QStringLiteral("check-md5"), {}},
        {QStringLiteral("no-check-md5"), {}},
        {QStringLiteral("stall-timeout"), {true}},
        {QStringLiteral("ca-file"), {true}},
        {QStringLiteral("case-insensitive"), {}},
        {QStringLiteral("windows-names"), {}},
        {QStringLiteral("content-type"), {true}},
        {QStringLiteral("no-guess-mime-type"), {}},
        {QStringLiteral("move"), {}},
        {QStringLiteral("mirror"), {}},
        {QStringLiteral("output"), {true}},
        {QStringLiteral("gzip"), {true}},
        {QStringLiteral("keep-encoding"), {}},
        {QStringLiteral("cap-mbps"), {true}},
        {QStringLiteral("archive"), {}},
        {QStringLiteral("proxy"), {true}},
        {QStringLiteral("log-level"), {true}},
        {QStringLiteral("log-dir"), {true}},
    };
    return options;
}

// The original's slash options, lower case, and the long option each stands for.
const QHash<QString, QString> &slashAliases()
{
    static const QHash<QString, QString> aliases{
        {QStringLiteral("s"), QStringLiteral("recursive")},
        {QStringLiteral("v"), QStringLiteral("verbose")},
        {QStringLiteral("y"), QStringLiteral("yes")},
        {QStringLiteral("?"), QStringLiteral("help")},
        {QStringLiteral("sourcekey"), QStringLiteral("source-key")},
        {QStringLiteral("destkey"), QStringLiteral("dest-key")},
        {QStringLiteral("nc"), QStringLiteral("concurrency")},
        {QStringLiteral("z"), QStringLiteral("restartable")},
        {QStringLiteral("blobtype"), QStringLiteral("blob-type")},
        {QStringLiteral("xo"), QStringLiteral("exclude-older")},
        {QStringLiteral("xn"), QStringLiteral("exclude-newer")},
        {QStringLiteral("dryrun"), QStringLiteral("dry-run")},
        {QStringLiteral("mov"), QStringLiteral("move")},
        {QStringLiteral("mir"), QStringLiteral("mirror")},
        {QStringLiteral("a"), QStringLiteral("archive")},
    };
    return aliases;
}

// Options of the original that later versions of blobferry take up.
const QStringList &notYetSupported()
{
    static const QStringList names; // none left: every option of the 2013 AzCopy is taken up
    return names;
}

struct RawOptions
{
    QHash<QString, QString> values; // long name -> value ("" for flags)
    QStringList positional;
};

std::optional<RawOptions> tokenize(const QStringList &args, QString *error)
{
    static const QRegularExpression slashShape(QStringLiteral("^/([A-Za-z?]+)(?::(.*))?$"),
                                               QRegularExpression::DotMatchesEverythingOption);
    RawOptions raw;
    bool onlyPositional = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString &arg = args[i];
        QString name;
        QString value;
        bool hasValue = false;
        if (onlyPositional) {
            raw.positional.append(arg);
            continue;
        }
        if (arg == QLatin1String("--")) {
            onlyPositional = true;
            continue;
        }
        if (arg.startsWith(QLatin1String("--"))) {
            const int eq = arg.indexOf(QLatin1Char('='));
            name = arg.mid(2, eq < 0 ? -1 : eq - 2).toLower();
            if (eq >= 0) {
                value = arg.mid(eq + 1);
                hasValue = true;
            }
            if (!longOptions().contains(name)) {
                *error = CommandLine::tr("unknown option %1; see blobferry-cli --help")
                             .arg(arg.left(eq < 0 ? arg.size() : eq));
                return std::nullopt;
            }
        } else if (arg == QLatin1String("-h")) {
            name = QStringLiteral("help");
        } else if (const auto m = slashShape.match(arg); m.hasMatch() && !QFileInfo::exists(arg)) {
            const QString alias = m.captured(1).toLower();
            if (notYetSupported().contains(alias)) {
                *error = CommandLine::tr("option /%1 is not available in blobferry %2; see "
                                         "blobferry-cli --help for what is")
                             .arg(m.captured(1), QStringLiteral(BLOBFERRY_VERSION));
                return std::nullopt;
            }
            if (!slashAliases().contains(alias)) {
                *error =
                    CommandLine::tr("unknown option %1 (if it is a path, it does not exist); see "
                                    "blobferry-cli --help")
                        .arg(arg);
                return std::nullopt;
            }
            name = slashAliases().value(alias);
            if (m.capturedLength(2) > 0 || arg.contains(QLatin1Char(':'))) {
                value = m.captured(2);
                hasValue = true;
            }
        } else if (arg.startsWith(QLatin1Char('-')) && arg.size() > 1) {
            *error = CommandLine::tr("unknown option %1; see blobferry-cli --help").arg(arg);
            return std::nullopt;
        } else {
            raw.positional.append(arg);
            continue;
        }

        const OptionInfo info = longOptions().value(name);
        const bool takesValue = info.takesValue;
        // "/DestKey: KEY": the space made the key the next argument, a pattern that would end
        // up in the log. Refused, without quoting what follows, when a value comes next or
        // when an empty value would pass for "not given" (a key, the proxy, the log's place).
        static const QStringList emptyMeansUnset{QStringLiteral("source-key"),
                                                 QStringLiteral("dest-key"),
                                                 QStringLiteral("source-connection-string"),
                                                 QStringLiteral("dest-connection-string"),
                                                 QStringLiteral("proxy"),
                                                 QStringLiteral("log-level"),
                                                 QStringLiteral("log-dir")};
        const bool valueNext = i + 1 < args.size() && !args[i + 1].startsWith(QLatin1Char('-')) &&
                               !slashShape.match(args[i + 1]).hasMatch();
        if (takesValue && hasValue && value.isEmpty() && !info.valueOptional &&
            (valueNext || emptyMeansUnset.contains(name))) {
            *error = CommandLine::tr("option %1 has an empty value; write the value right after "
                                     "it, with no space (%1VALUE), or use --%2 VALUE")
                         .arg(arg, name);
            return std::nullopt;
        }
        if (takesValue && !hasValue && !info.valueOptional) {
            if (i + 1 >= args.size()) {
                *error = CommandLine::tr("option --%1 needs a value").arg(name);
                return std::nullopt;
            }
            value = args[++i];
        } else if (!takesValue && hasValue) {
            *error = CommandLine::tr("option --%1 takes no value").arg(name);
            return std::nullopt;
        }
        raw.values.insert(name, value);
    }
    return raw;
}

std::optional<int> boundedInt(const QString &text, int low, int high)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < low || value > high)
        return std::nullopt;
    return value;
}

// What the copies store (content type, gzip), what happens around them (move, mirror,
// archive, the bandwidth cap) and how they are reported (output).
bool parseContentAndCleanupOptions(const QHash<QString, QString> &values, CliRequest *request,
                                   QString *error)
{
    transfer::TransferSpec &spec = request->spec;
    if (values.contains(QStringLiteral("content-type"))) {
        const QString type = values.value(QStringLiteral("content-type")).trimmed();
        if (!transfer::ContentTypes::isValid(type)) {
            *error = CommandLine::tr("--content-type takes a media type such as text/html or "
                                     "\"text/plain; charset=utf-8\", not '%1'")
                         .arg(values.value(QStringLiteral("content-type")));
            return false;
        }
        spec.contentType = type;
    }
    spec.guessContentType = !values.contains(QStringLiteral("no-guess-mime-type"));
    spec.move = values.contains(QStringLiteral("move"));
    spec.archive = values.contains(QStringLiteral("archive"));
    spec.mirror = values.contains(QStringLiteral("mirror"));
    spec.deleteWithoutAsking = values.contains(QStringLiteral("yes"));
    if (values.contains(QStringLiteral("gzip"))) {
        static const QRegularExpression extension(QStringLiteral("^[A-Za-z0-9_+-]+$"));
        const QStringList parts =
            values.value(QStringLiteral("gzip")).split(QLatin1Char(','), Qt::KeepEmptyParts);
        for (QString part : parts) {
            part = part.trimmed();
            if (part.startsWith(QLatin1Char('.')))
                part.remove(0, 1);
            if (!extension.match(part).hasMatch()) {
                *error = CommandLine::tr("--gzip takes file extensions separated by commas, such "
                                         "as js,css,html, not '%1'")
                             .arg(values.value(QStringLiteral("gzip")));
                return false;
            }
            spec.gzipExtensions.append(part.toLower());
        }
        spec.gzipExtensions.removeDuplicates();
    }
    spec.keepEncoding = values.contains(QStringLiteral("keep-encoding"));
    if (values.contains(QStringLiteral("cap-mbps"))) {
        const auto mbps = boundedInt(values.value(QStringLiteral("cap-mbps")), 1, 1'000'000);
        if (!mbps) {
            *error = CommandLine::tr("--cap-mbps takes a whole number of megabits per second from "
                                     "1 to 1000000, not '%1'")
                         .arg(values.value(QStringLiteral("cap-mbps")));
            return false;
        }
        spec.capMbps = *mbps;
    }
    if (values.contains(QStringLiteral("output"))) {
        const QString format = values.value(QStringLiteral("output")).toLower();
        if (format == QLatin1String("json")) {
            request->jsonOutput = true;
        } else if (format != QLatin1String("text")) {
            *error = CommandLine::tr("--output takes text or json, not '%1'")
                         .arg(values.value(QStringLiteral("output")));
            return false;
        }
    }
    return true;
}

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
        for (const char *option : {"content-type", "no-guess-mime-type", "gzip", "keep-encoding",
                                   "blob-type", "cap-mbps", "case-insensitive", "windows-names"}) {
            if (values.contains(QString::fromLatin1(option))) {
                *error = CommandLine::tr("--%1 does not apply to a copy from blob to blob, which "
                                         "the service makes with the source's type and properties")
                             .arg(QString::fromLatin1(option));
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
    auto raw = tokenize(args, error);
    if (!raw)
        return std::nullopt;
    CliRequest request;
    if (raw->values.contains(QStringLiteral("help"))) {
        request.action = CliRequest::Action::Help;
        return request;
    }
    if (raw->values.contains(QStringLiteral("version"))) {
        request.action = CliRequest::Action::Version;
        return request;
    }
    if (raw->positional.size() < 2) {
        *error =
            (raw->positional.isEmpty() ? CommandLine::tr("missing <Source> and <Destination>; ")
                                       : CommandLine::tr("missing <Destination>; ")) +
            usageLine() + CommandLine::tr(" (see --help)");
        return std::nullopt;
    }

    auto value = [&](const char *name, const char *env = nullptr) {
        const QString key = QString::fromLatin1(name);
        if (raw->values.contains(key))
            return raw->values.value(key);
        return env ? environment.value(QString::fromLatin1(env)) : QString();
    };

    transfer::TransferSpec &spec = request.spec;
    request.verbose = raw->values.contains(QStringLiteral("verbose"));
    spec.recursive = raw->values.contains(QStringLiteral("recursive"));
    spec.followSymlinks = raw->values.contains(QStringLiteral("follow-symlinks"));
    if (raw->values.contains(QStringLiteral("yes")))
        spec.overwrite = transfer::OverwritePolicy::Always;
    if (raw->values.contains(QStringLiteral("blob-type"))) {
        const QString type = value("blob-type").toLower();
        if (type == QLatin1String("page")) {
            spec.blobType = transfer::BlobType::Page;
        } else if (type == QLatin1String("detect")) {
            spec.detectPageBlobs = true; // .vhd and .vhdx as page blobs, the rest as block
        } else if (type != QLatin1String("block")) {
            *error =
                CommandLine::tr("--blob-type (/BlobType) takes block, page or detect, not '%1'")
                    .arg(value("blob-type"));
            return std::nullopt;
        }
    }
    spec.excludeOlder = raw->values.contains(QStringLiteral("exclude-older"));
    spec.excludeNewer = raw->values.contains(QStringLiteral("exclude-newer"));
    spec.dryRun = raw->values.contains(QStringLiteral("dry-run"));
    spec.preserveTime = !raw->values.contains(QStringLiteral("no-preserve-time"));
    if (raw->values.contains(QStringLiteral("clock-skew"))) {
        const auto seconds = boundedInt(value("clock-skew"), 0, 86400);
        if (!seconds) {
            *error =
                CommandLine::tr("--clock-skew takes a whole number of seconds from 0 to 86400, "
                                "not '%1'")
                    .arg(value("clock-skew"));
            return std::nullopt;
        }
        spec.clockSkewMs = qint64(*seconds) * 1000;
    }
    spec.putMd5 = !raw->values.contains(QStringLiteral("no-put-md5"));
    spec.checkMd5 = !raw->values.contains(QStringLiteral("no-check-md5"));
    if (raw->values.contains(QStringLiteral("restartable"))) {
        spec.restartable = true;
        const QString journal = value("restartable");
        if (!journal.isEmpty())
            spec.journalPath = QDir::current().absoluteFilePath(journal);
    }
    spec.caseInsensitiveNames = raw->values.contains(QStringLiteral("case-insensitive"));
    spec.windowsNames = raw->values.contains(QStringLiteral("windows-names"));
    spec.concurrency = 8 * std::max(1, QThread::idealThreadCount());
    if (raw->values.contains(QStringLiteral("concurrency"))) {
        const auto n = boundedInt(value("concurrency"), 1, 512);
        if (!n) {
            *error =
                CommandLine::tr("--concurrency (/NC) takes a whole number from 1 to 512, not '%1'")
                    .arg(value("concurrency"));
            return std::nullopt;
        }
        spec.concurrency = *n;
    }
    if (raw->values.contains(QStringLiteral("block-size"))) {
        const auto mib = boundedInt(value("block-size"), 1, 4000);
        if (!mib) {
            *error =
                CommandLine::tr("--block-size takes a whole number of MiB from 1 to 4000, not '%1'")
                    .arg(value("block-size"));
            return std::nullopt;
        }
        spec.blockSize = *mib * transfer::TransferSpec::kMiB;
    }
    if (raw->values.contains(QStringLiteral("retries"))) {
        const auto n = boundedInt(value("retries"), 0, 100);
        if (!n) {
            *error = CommandLine::tr("--retries takes a whole number from 0 to 100, not '%1'")
                         .arg(value("retries"));
            return std::nullopt;
        }
        spec.retry.maxTries = *n + 1;
    }
    if (raw->values.contains(QStringLiteral("stall-timeout"))) {
        const auto seconds = boundedInt(value("stall-timeout"), 1, 3600);
        if (!seconds) {
            *error = CommandLine::tr("--stall-timeout takes a whole number of seconds from 1 to "
                                     "3600, not '%1'")
                         .arg(value("stall-timeout"));
            return std::nullopt;
        }
        spec.retry.stallTimeoutMs = *seconds * 1000;
    }
    if (raw->values.contains(QStringLiteral("ca-file"))) {
        // Checked now so a bad file is a usage error, not a failure of every request.
        const QString path = QDir::current().absoluteFilePath(value("ca-file"));
        QString why;
        if (!net::TlsSettings::load(path, &why)) {
            *error = CommandLine::tr("--ca-file: ") + why;
            return std::nullopt;
        }
        spec.caFile = path;
    }
    // --proxy (or BLOBFERRY_PROXY); otherwise the system's, whose variables are checked now
    // so that a malformed one is a usage error rather than a silently direct connection.
    if (const QString proxy = value("proxy", "BLOBFERRY_PROXY"); !proxy.isEmpty()) {
        const auto settings = net::ProxySettings::parse(proxy, error);
        if (!settings) {
            if (!raw->values.contains(QStringLiteral("proxy")))
                error->replace(QStringLiteral("--proxy"), QStringLiteral("BLOBFERRY_PROXY"));
            return std::nullopt;
        }
        spec.proxy = *settings;
    }
    if (spec.proxy.mode == net::ProxySettings::Mode::System &&
        !net::ProxySettings::checkEnvironment(environment, error))
        return std::nullopt;
    // The run's log: --log-level, --log-dir DIR|none (or BLOBFERRY_LOG_LEVEL/_DIR).
    if (const QString level = value("log-level", "BLOBFERRY_LOG_LEVEL"); !level.isEmpty()) {
        const auto parsed = log::RunLog::parseLevel(level);
        if (!parsed) {
            *error = CommandLine::tr("--log-level takes error, warning, info or debug, not '%1'")
                         .arg(level);
            return std::nullopt;
        }
        request.log.level = *parsed;
    }
    if (const QString dir = value("log-dir", "BLOBFERRY_LOG_DIR"); !dir.isEmpty()) {
        request.logEnabled = dir.compare(QLatin1String("none"), Qt::CaseInsensitive) != 0;
        request.logDirGiven = true;
        if (request.logEnabled)
            request.log.directory = QDir::current().absoluteFilePath(dir);
    }

    if (!parseContentAndCleanupOptions(raw->values, &request, error))
        return std::nullopt;

    auto source = CommandLine::endpointFor(
        raw->positional[0], value("source-key", "BLOBFERRY_SOURCE_KEY"),
        value("source-connection-string", "BLOBFERRY_SOURCE_CONNECTION_STRING"),
        QStringLiteral("source"), error);
    if (!source)
        return std::nullopt;
    auto destination = CommandLine::endpointFor(
        raw->positional[1], value("dest-key", "BLOBFERRY_DEST_KEY"),
        value("dest-connection-string", "BLOBFERRY_DEST_CONNECTION_STRING"),
        QStringLiteral("destination"), error);
    if (!destination)
        return std::nullopt;
    spec.patterns = raw->positional.mid(2);

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
    if (!checkCombinations(raw->values, request, error))
        return std::nullopt;
    return request;
}

} // namespace blobferry::cli
