// SPDX-License-Identifier: MIT
// THE table of blobferry-cli's options: each option once, with its slash aliases, its value,
// its help and what it does to the request. The parser, --help and the man page read it; a new
// option is one more row here. Defaults are TransferSpec's, not the table's.
#include "CliOptions.h"
#include "UploadAttributeOptions.h"
#include "azure/BlobRequests.h"
#include "net/ProxySettings.h"
#include "net/TlsSettings.h"
#include "transfer/ContentTypes.h"

#include <QDir>
#include <QRegularExpression>

namespace blobferry::cli {

namespace {

using transfer::TransferSpec;
using Section = CliOption::Section;

std::optional<int> boundedInt(const QString &text, int low, int high)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < low || value > high)
        return std::nullopt;
    return value;
}

// A flag that sets one of the spec's switches.
template<bool TransferSpec::*Member, bool Value = true>
bool setSpec(const QString &, CliOptionTarget &target, QString *)
{
    target.request.spec.*Member = Value;
    return true;
}

template<CliRequest::Action Action> bool answer(const QString &, CliOptionTarget &target, QString *)
{
    target.request.action = Action;
    return true;
}

// A value kept as given until the endpoints are made (keys, connection strings).
template<QString CliOptionTarget::*Member>
bool keep(const QString &value, CliOptionTarget &target, QString *)
{
    target.*Member = value;
    return true;
}

bool applyVerbose(const QString &, CliOptionTarget &target, QString *)
{
    target.request.verbose = true;
    return true;
}

bool applyOutput(const QString &value, CliOptionTarget &target, QString *error)
{
    const QString format = value.toLower();
    if (format != QLatin1String("json") && format != QLatin1String("text")) {
        *error = CommandLine::tr("--output takes text or json, not '%1'").arg(value);
        return false;
    }
    target.request.jsonOutput = format == QLatin1String("json");
    return true;
}

// --list, --remove, --set-tier: what is done to the URL's blobs instead of a transfer.
template<CliRequest::Action Action> bool verb(const QString &, CliOptionTarget &target, QString *)
{
    target.request.action = Action;
    return true;
}

bool applySetTier(const QString &value, CliOptionTarget &target, QString *error)
{
    const QByteArray tier = azure::canonicalTier(value);
    if (tier.isEmpty()) {
        *error =
            CommandLine::tr("--set-tier takes Hot, Cool, Cold or Archive, not '%1'").arg(value);
        return false;
    }
    target.request.action = CliRequest::Action::SetTier;
    target.request.tier = tier;
    return true;
}

bool applyRehydratePriority(const QString &value, CliOptionTarget &target, QString *error)
{
    const QString priority = value.toLower();
    if (priority != QLatin1String("standard") && priority != QLatin1String("high")) {
        *error =
            CommandLine::tr("--rehydrate-priority takes standard or high, not '%1'").arg(value);
        return false;
    }
    target.request.rehydratePriority = priority == QLatin1String("high")
                                           ? QByteArrayLiteral("High")
                                           : QByteArrayLiteral("Standard");
    return true;
}

bool applyClockSkew(const QString &value, CliOptionTarget &target, QString *error)
{
    const auto seconds = boundedInt(value, 0, 86400);
    if (!seconds) {
        *error = CommandLine::tr("--clock-skew takes a whole number of seconds from 0 to 86400, "
                                 "not '%1'")
                     .arg(value);
        return false;
    }
    target.request.spec.clockSkewMs = qint64(*seconds) * 1000;
    return true;
}

bool applyYes(const QString &, CliOptionTarget &target, QString *)
{
    target.request.spec.overwrite = transfer::OverwritePolicy::Always;
    target.request.spec.deleteWithoutAsking = true; // the mirror's deletions too
    return true;
}

bool applyConcurrency(const QString &value, CliOptionTarget &target, QString *error)
{
    const auto n = boundedInt(value, TransferSpec::kMinConcurrency, TransferSpec::kMaxConcurrency);
    if (!n) {
        *error = CommandLine::tr("--concurrency (/NC) takes a whole number from 1 to 512, not '%1'")
                     .arg(value);
        return false;
    }
    target.request.spec.concurrency = *n;
    return true;
}

bool applyBlockSize(const QString &value, CliOptionTarget &target, QString *error)
{
    const auto mib = boundedInt(value, 1, 4000);
    if (!mib) {
        *error =
            CommandLine::tr("--block-size takes a whole number of MiB from 1 to 4000, not '%1'")
                .arg(value);
        return false;
    }
    target.request.spec.blockSize = *mib * TransferSpec::kMiB;
    return true;
}

bool applyRetries(const QString &value, CliOptionTarget &target, QString *error)
{
    const auto n = boundedInt(value, 0, 100);
    if (!n) {
        *error =
            CommandLine::tr("--retries takes a whole number from 0 to 100, not '%1'").arg(value);
        return false;
    }
    target.request.spec.retry.maxTries = *n + 1;
    return true;
}

bool applyStallTimeout(const QString &value, CliOptionTarget &target, QString *error)
{
    const auto seconds = boundedInt(value, 1, 3600);
    if (!seconds) {
        *error = CommandLine::tr("--stall-timeout takes a whole number of seconds from 1 to "
                                 "3600, not '%1'")
                     .arg(value);
        return false;
    }
    target.request.spec.retry.stallTimeoutMs = *seconds * 1000;
    return true;
}

bool applyCapMbps(const QString &value, CliOptionTarget &target, QString *error)
{
    const auto mbps = boundedInt(value, 1, 1'000'000);
    if (!mbps) {
        *error = CommandLine::tr("--cap-mbps takes a whole number of megabits per second from "
                                 "1 to 1000000, not '%1'")
                     .arg(value);
        return false;
    }
    target.request.spec.capMbps = *mbps;
    return true;
}

bool applyRestartable(const QString &value, CliOptionTarget &target, QString *)
{
    target.request.spec.restartable = true;
    if (!value.isEmpty())
        target.request.spec.journalPath = QDir::current().absoluteFilePath(value);
    return true;
}

bool applyBlobType(const QString &value, CliOptionTarget &target, QString *error)
{
    const QString type = value.toLower();
    if (type == QLatin1String("page")) {
        target.request.spec.blobType = transfer::BlobType::Page;
    } else if (type == QLatin1String("detect")) {
        target.request.spec.detectPageBlobs = true; // .vhd and .vhdx as page blobs
    } else if (type != QLatin1String("block")) {
        *error = CommandLine::tr("--blob-type (/BlobType) takes block, page or detect, not '%1'")
                     .arg(value);
        return false;
    }
    return true;
}

bool applyContentType(const QString &value, CliOptionTarget &target, QString *error)
{
    const QString type = value.trimmed();
    if (!transfer::ContentTypes::isValid(type)) {
        *error = CommandLine::tr("--content-type takes a media type such as text/html or "
                                 "\"text/plain; charset=utf-8\", not '%1'")
                     .arg(value);
        return false;
    }
    target.request.spec.contentType = type;
    return true;
}

bool applyGzip(const QString &value, CliOptionTarget &target, QString *error)
{
    static const QRegularExpression extension(QStringLiteral("^[A-Za-z0-9_+-]+$"));
    QStringList &extensions = target.request.spec.gzipExtensions;
    for (QString part : value.split(QLatin1Char(','), Qt::KeepEmptyParts)) {
        part = part.trimmed();
        if (part.startsWith(QLatin1Char('.')))
            part.remove(0, 1);
        if (!extension.match(part).hasMatch()) {
            *error = CommandLine::tr("--gzip takes file extensions separated by commas, such "
                                     "as js,css,html, not '%1'")
                         .arg(value);
            return false;
        }
        extensions.append(part.toLower());
    }
    extensions.removeDuplicates();
    return true;
}

bool applyCaFile(const QString &value, CliOptionTarget &target, QString *error)
{
    // Checked now so a bad file is a usage error, not a failure of every request.
    const QString path = QDir::current().absoluteFilePath(value);
    QString why;
    if (!net::TlsSettings::load(path, &why)) {
        *error = CommandLine::tr("--ca-file: ") + why;
        return false;
    }
    target.request.spec.caFile = path;
    return true;
}

bool applyProxy(const QString &value, CliOptionTarget &target, QString *error)
{
    const auto settings = net::ProxySettings::parse(value, error);
    if (!settings)
        return false;
    target.request.spec.proxy = *settings;
    return true;
}

bool applyLogLevel(const QString &value, CliOptionTarget &target, QString *error)
{
    const auto level = log::RunLog::parseLevel(value);
    if (!level) {
        *error =
            CommandLine::tr("--log-level takes error, warning, info or debug, not '%1'").arg(value);
        return false;
    }
    target.request.log.level = *level;
    return true;
}

bool applyLogDir(const QString &value, CliOptionTarget &target, QString *)
{
    CliRequest &request = target.request;
    request.logEnabled = value.compare(QLatin1String("none"), Qt::CaseInsensitive) != 0;
    request.logDirGiven = true;
    if (request.logEnabled)
        request.log.directory = QDir::current().absoluteFilePath(value);
    return true;
}

} // namespace

// clang-format off
const std::vector<CliOption> &CliOptions::table()
{
    using O = CliOption;
    using T = CliRequest;
    static const std::vector<CliOption> options{
        // name, slash aliases, value, section, help (translated where shown), apply
        // [, traits, environment variable, short name]
        {"help", {"?"}, nullptr, Section::General, QT_TR_NOOP("show this text"),
         answer<T::Action::Help>, O::AnswersAtOnce, nullptr, 'h'},
        {"version", {}, nullptr, Section::General, QT_TR_NOOP("show the version"),
         answer<T::Action::Version>, O::AnswersAtOnce},
        {"man", {}, nullptr, Section::General,
         QT_TR_NOOP("print this manual as a roff man page (for man -l)"),
         answer<T::Action::Man>, O::AnswersAtOnce},
        {"verbose", {"V"}, nullptr, Section::General,
         QT_TR_NOOP("print \"Finished Transfer: NAME\" for each file"), applyVerbose},
        {"output", {}, "FORMAT", Section::General,
         QT_TR_NOOP("text (default) or json: one JSON object per finished file and one for the "
                    "summary on stdout, messages on stderr"), applyOutput},

        {"list", {}, nullptr, Section::Commands,
         QT_TR_NOOP("blobferry-cli --list URL [pattern ...]: print the blobs the URL and the "
                    "patterns name (with /S every level): modified, size, tier, MD5 and name; "
                    "with --output json one object per blob"),
         verb<T::Action::List>},
        {"remove", {}, nullptr, Section::Commands,
         QT_TR_NOOP("blobferry-cli --remove URL [pattern ...]: delete those blobs, each with its "
                    "snapshots; asks once with the count unless /Y, only lists them with "
                    "/DryRun; a blob written since it was listed is kept"),
         verb<T::Action::Remove>},
        {"set-tier", {}, "TIER", Section::Commands,
         QT_TR_NOOP("blobferry-cli --set-tier TIER URL [pattern ...]: move those blobs to the "
                    "Hot, Cool, Cold or Archive tier (block blobs only); out of Archive the blob "
                    "is rehydrated, which takes hours"),
         applySetTier},
        {"rehydrate-priority", {}, "PRIORITY", Section::Commands,
         QT_TR_NOOP("with --set-tier, out of Archive: standard (default, up to 15 hours) or high "
                    "(under an hour for blobs under 10 GiB)"),
         applyRehydratePriority},

        {"recursive", {"S"}, nullptr, Section::Selection,
         QT_TR_NOOP("copy subdirectories too (default: the top level only)"),
         setSpec<&TransferSpec::recursive>},
        {"follow-symlinks", {}, nullptr, Section::Selection,
         QT_TR_NOOP("uploads: follow symbolic links, to files (the target's bytes under the "
                    "link's name) and to directories (walked; a loop is skipped). Default: links "
                    "are skipped and reported, as FIFOs, sockets and devices always are; the "
                    "source itself and a file named as pattern are read through a link"),
         setSpec<&TransferSpec::followSymlinks>},
        {"exclude-older", {"XO"}, nullptr, Section::Selection,
         QT_TR_NOOP("skip files whose source is older than the destination"),
         setSpec<&TransferSpec::excludeOlder>},
        {"exclude-newer", {"XN"}, nullptr, Section::Selection,
         QT_TR_NOOP("skip files whose source is newer than the destination (both: copy only what "
                    "the destination does not have)"),
         setSpec<&TransferSpec::excludeNewer>},
        {"clock-skew", {}, "SECONDS", Section::Selection,
         QT_TR_NOOP("times this close count as equal for /XO and /XN (default 2)"), applyClockSkew},
        {"archive", {"A"}, nullptr, Section::Selection,
         QT_TR_NOOP("copy only what changed since the last run of the same job that completed "
                    "without a failure (Linux has no archive attribute; see README)"),
         setSpec<&TransferSpec::archive>},
        {"dry-run", {"DryRun"}, nullptr, Section::Selection,
         QT_TR_NOOP("print what would be copied, skipped or overwritten; change nothing"),
         setSpec<&TransferSpec::dryRun>},

        {"source-key", {"SourceKey"}, "KEY", Section::Credentials,
         QT_TR_NOOP("account key for a blob source (or BLOBFERRY_SOURCE_KEY)"),
         keep<&CliOptionTarget::sourceKey>, O::EmptyIsUnset, "BLOBFERRY_SOURCE_KEY"},
        {"dest-key", {"DestKey"}, "KEY", Section::Credentials,
         QT_TR_NOOP("account key for a blob destination (or BLOBFERRY_DEST_KEY)"),
         keep<&CliOptionTarget::destKey>, O::EmptyIsUnset, "BLOBFERRY_DEST_KEY"},
        {"source-connection-string", {}, "CS", Section::Credentials,
         QT_TR_NOOP("credentials from a connection string (or BLOBFERRY_SOURCE_CONNECTION_STRING "
                    "/ _DEST_); accepts UseDevelopmentStorage=true"),
         keep<&CliOptionTarget::sourceConnectionString>, O::EmptyIsUnset,
         "BLOBFERRY_SOURCE_CONNECTION_STRING"},
        {"dest-connection-string", {}, "CS", Section::Credentials, nullptr,
         keep<&CliOptionTarget::destConnectionString>, O::EmptyIsUnset,
         "BLOBFERRY_DEST_CONNECTION_STRING"},

        {"yes", {"Y"}, nullptr, Section::Overwriting,
         QT_TR_NOOP("overwrite existing destination files without asking"), applyYes},
        {"move", {"MOV"}, nullptr, Section::Overwriting,
         QT_TR_NOOP("delete each source file or blob once its copy completed and was verified (a "
                    "blob with its snapshots, which are not copied); a failed or skipped copy "
                    "keeps its source"),
         setSpec<&TransferSpec::move>},
        {"mirror", {"MIR"}, nullptr, Section::Overwriting,
         QT_TR_NOOP("after every copy succeeded, delete the destination items the source no "
                    "longer has (within /S and the patterns); asks once unless --yes; with "
                    "--dry-run only lists them"),
         setSpec<&TransferSpec::mirror>},

        {"concurrency", {"NC"}, "N", Section::Performance,
         QT_TR_NOOP("requests in flight (default: 8 x CPU cores)"), applyConcurrency},
        {"block-size", {}, "MIB", Section::Performance,
         QT_TR_NOOP("upload block / download range size (default 8)"), applyBlockSize},
        {"retries", {}, "N", Section::Performance,
         QT_TR_NOOP("retries of a failed request (default 9, about 90 s)"), applyRetries},
        {"stall-timeout", {}, "SECONDS", Section::Performance,
         QT_TR_NOOP("give up on a request when no byte moved for this long, then retry it "
                    "(default 60)"), applyStallTimeout},
        {"cap-mbps", {}, "N", Section::Performance,
         QT_TR_NOOP("limit the whole job to N megabits per second (both directions, all requests "
                    "together; 8 Mbps = 1 MB/s)"), applyCapMbps, O::NotForBlobCopy},
        {"restartable", {"Z"}, "FILE", Section::Performance,
         QT_TR_NOOP("keep a restart journal: run the same command again after an interruption "
                    "and it resumes mid-file. Default FILE: "
                    "~/.local/state/blobferry/journals/<job>.journal"),
         applyRestartable, O::OptionalValue},

        {"no-preserve-time", {}, nullptr, Section::Stored,
         QT_TR_NOOP("do not keep files' modification times (kept by default: uploads store them "
                    "as blob metadata, downloads restore them)"),
         setSpec<&TransferSpec::preserveTime, false>},
        {"blob-type", {"BlobType"}, "TYPE", Section::Stored,
         QT_TR_NOOP("block (default), page or detect (.vhd and .vhdx as page blobs, other files "
                    "as block blobs): page blobs are zero-padded to a multiple of 512 bytes, "
                    "all-zero pages are not sent (sparse); the file's length is kept in the "
                    "blob's metadata (blobferrylength)"),
         applyBlobType, O::NotForBlobCopy},
        {"put-md5", {}, nullptr, Section::Stored,
         QT_TR_NOOP("store each uploaded file's MD5 as its blob's Content-MD5 (default on; every "
                    "block carries its own MD5 either way)"),
         setSpec<&TransferSpec::putMd5>},
        {"no-put-md5", {}, nullptr, Section::Stored, nullptr,
         setSpec<&TransferSpec::putMd5, false>},
        {"check-md5", {}, nullptr, Section::Stored,
         QT_TR_NOOP("fail a download whose bytes differ from the blob's stored Content-MD5 "
                    "(default on)"),
         setSpec<&TransferSpec::checkMd5>},
        {"no-check-md5", {}, nullptr, Section::Stored, nullptr,
         setSpec<&TransferSpec::checkMd5, false>},
        {"content-type", {}, "TYPE", Section::Stored,
         QT_TR_NOOP("uploads: store every file with this Content-Type (default: guessed from "
                    "each file's name, then its first bytes)"),
         applyContentType, O::NotForBlobCopy},
        {"no-guess-mime-type", {}, nullptr, Section::Stored,
         QT_TR_NOOP("uploads: store application/octet-stream, guess nothing"),
         setSpec<&TransferSpec::guessContentType, false>, O::NotForBlobCopy},
        {"gzip", {}, "EXT[,EXT...]", Section::Stored,
         QT_TR_NOOP("uploads: store files with these extensions gzip-compressed with "
                    "Content-Encoding: gzip (e.g. --gzip js,css,html); the blob's Content-MD5 is "
                    "that of the compressed bytes"),
         applyGzip, O::NotForBlobCopy},
        {"keep-encoding", {}, nullptr, Section::Stored,
         QT_TR_NOOP("downloads: store gzip-encoded blobs as they are (default: decompressed)"),
         setSpec<&TransferSpec::keepEncoding>, O::NotForBlobCopy},
        // AzCopy v10's upload-time settings (UploadAttributeOptions.cpp checks the values).
        {"block-blob-tier", {}, "TIER", Section::Stored,
         QT_TR_NOOP("uploads: store block blobs in this access tier: hot, cool, cold or archive "
                    "(default: the account's)"),
         uploadAttributes::applyTier, O::NotForBlobCopy | O::EmptyIsUnset},
        {"metadata", {}, "K=V;...", Section::Stored,
         QT_TR_NOOP("uploads: store this metadata on every blob, e.g. \"project=x;owner=ann\" "
                    "(keys: letters, digits and _, not starting with a digit)"),
         uploadAttributes::applyMetadata, O::NotForBlobCopy},
        {"blob-tags", {}, "K=V&...", Section::Stored,
         QT_TR_NOOP("uploads: give every blob these index tags, e.g. \"team=web&stage=prod\" "
                    "(at most 10; keys 1-128 and values 0-256 characters of letters, digits, "
                    "space and + - . / : = _)"),
         uploadAttributes::applyTags, O::NotForBlobCopy},
        {"cache-control", {}, "VALUE", Section::Stored,
         QT_TR_NOOP("uploads: store every blob with this Cache-Control (e.g. \"max-age=3600\")"),
         uploadAttributes::applyCacheControl, O::NotForBlobCopy},
        {"content-disposition", {}, "VALUE", Section::Stored,
         QT_TR_NOOP("uploads: store every blob with this Content-Disposition (e.g. attachment)"),
         uploadAttributes::applyContentDisposition, O::NotForBlobCopy},
        {"content-encoding", {}, "VALUE", Section::Stored,
         QT_TR_NOOP("uploads: store every blob with this Content-Encoding (e.g. br, for files "
                    "compressed already); files --gzip compresses get gzip whatever it says"),
         uploadAttributes::applyContentEncoding, O::NotForBlobCopy},
        {"content-language", {}, "VALUE", Section::Stored,
         QT_TR_NOOP("uploads: store every blob with this Content-Language (e.g. en-GB)"),
         uploadAttributes::applyContentLanguage, O::NotForBlobCopy},

        {"case-insensitive", {}, nullptr, Section::Names,
         QT_TR_NOOP("downloads: names differing only in case get (n), as on a case-insensitive "
                    "file system (detected when it is one)"),
         setSpec<&TransferSpec::caseInsensitiveNames>, O::NotForBlobCopy},
        {"windows-names", {}, nullptr, Section::Names,
         QT_TR_NOOP("downloads: apply Windows' naming rules, case included (detected on FAT, "
                    "exFAT, NTFS and SMB mounts)"),
         setSpec<&TransferSpec::windowsNames>, O::NotForBlobCopy},

        {"ca-file", {}, "PEM", Section::Network,
         QT_TR_NOOP("trust the certificate authorities in this PEM file too, for https endpoints "
                    "with a certificate of their own"), applyCaFile},
        {"proxy", {}, "URL", Section::Network,
         QT_TR_NOOP("send every request through this proxy: http://[USER:PASSWORD@]HOST:PORT or "
                    "socks5://...; none for direct connections (or BLOBFERRY_PROXY). Default: "
                    "the system's (https_proxy, http_proxy, no_proxy); loopback hosts such as "
                    "127.0.0.1 then always go direct"),
         applyProxy, O::EmptyIsUnset, "BLOBFERRY_PROXY"},

        {"log-level", {}, "LEVEL", Section::Log,
         QT_TR_NOOP("what the run's log holds: error, warning, info (default: every file's "
                    "outcome) or debug (also each request)"),
         applyLogLevel, O::EmptyIsUnset, "BLOBFERRY_LOG_LEVEL"},
        {"log-dir", {}, "DIR", Section::Log,
         QT_TR_NOOP("write the run's log in DIR, or nowhere with none (default: "
                    "~/.local/state/blobferry/logs; logs older than 30 days and the oldest "
                    "beyond 50 MiB in all are deleted)"),
         applyLogDir, O::EmptyIsUnset, "BLOBFERRY_LOG_DIR"},
    };
    return options;
}
// clang-format on

QString CliOptions::sectionTitle(CliOption::Section section)
{
    switch (section) {
    case Section::General:
        return tr("General");
    case Section::Commands:
        return tr("Commands on blobs (instead of <Source> <Destination>)");
    case Section::Selection:
        return tr("What is copied");
    case Section::Credentials:
        return tr("Credentials");
    case Section::Overwriting:
        return tr("Existing files, moving and mirroring");
    case Section::Performance:
        return tr("Speed, retries and restarts");
    case Section::Stored:
        return tr("What the copies store");
    case Section::Names:
        return tr("Names of downloaded files");
    case Section::Network:
        return tr("Network");
    case Section::Log:
        return tr("The run's log");
    }
    return {};
}

const QStringList &CliOptions::examples()
{
    static const QStringList lines{
        QStringLiteral("blobferry-cli ./blob-data http://127.0.0.1:10000/devstoreaccount1/"
                       "mycontainer /DestKey:KEY /S"),
        QStringLiteral("blobferry-cli http://127.0.0.1:10000/devstoreaccount1/mycontainer "
                       "./blob-data /SourceKey:KEY /S /V"),
        QStringLiteral("blobferry-cli http://127.0.0.1:10000/devstoreaccount1/mycontainer "
                       "./blob-data car /SourceKey:KEY /S"),
        QStringLiteral("blobferry-cli ./blob-data http://127.0.0.1:10000/devstoreaccount1/"
                       "mycontainer /DestKey:KEY /Z:restart.log /S"),
        QStringLiteral("blobferry-cli ./mydata http://127.0.0.1:10000/devstoreaccount1/"
                       "mycontainer abc.txt --dest-key KEY"),
        QStringLiteral("blobferry-cli ./blob-data http://127.0.0.1:10000/devstoreaccount1/"
                       "mycontainer /S /MIR /Y /DestKey:KEY"),
        QStringLiteral("blobferry-cli http://127.0.0.1:10000/devstoreaccount1/mycontainer "
                       "./inbox /MOV /SourceKey:KEY"),
        QStringLiteral("blobferry-cli ./site http://127.0.0.1:10000/devstoreaccount1/web /S "
                       "/DestKey:KEY --output json"),
        QStringLiteral("blobferry-cli ./site http://127.0.0.1:10000/devstoreaccount1/web /S "
                       "/DestKey:KEY --gzip js,css,html"),
        QStringLiteral("blobferry-cli ./backup http://127.0.0.1:10000/devstoreaccount1/nightly "
                       "/S /DestKey:KEY --cap-mbps 40"),
        QStringLiteral("blobferry-cli ./reports http://127.0.0.1:10000/devstoreaccount1/docs "
                       "/S /DestKey:KEY --block-blob-tier cool --metadata \"project=q3\" "
                       "--blob-tags \"team=finance\" --cache-control \"max-age=3600\""),
        QStringLiteral("blobferry-cli ./vms http://127.0.0.1:10000/devstoreaccount1/disks /S "
                       "/BlobType:detect /DestKey:KEY"),
        QStringLiteral("blobferry-cli ./photos http://127.0.0.1:10000/devstoreaccount1/photos "
                       "/S /A /Y /DestKey:KEY"),
        QStringLiteral("blobferry-cli http://127.0.0.1:10000/devstoreaccount1/mycontainer "
                       "http://127.0.0.1:10000/devstoreaccount1/backup /S /SourceKey:KEY "
                       "/DestKey:KEY"),
        QStringLiteral("blobferry-cli --list http://127.0.0.1:10000/devstoreaccount1/mycontainer "
                       "logs/ /S /SourceKey:KEY --output json"),
        QStringLiteral("blobferry-cli --remove http://127.0.0.1:10000/devstoreaccount1/mycontainer "
                       "tmp- /S /SourceKey:KEY /DryRun"),
        QStringLiteral("blobferry-cli --set-tier cool http://127.0.0.1:10000/devstoreaccount1/"
                       "mycontainer 2023/ /S /SourceKey:KEY"),
    };
    return lines;
}

} // namespace blobferry::cli
