// SPDX-License-Identifier: MIT
// The table of command-line options: every option in --help and the man page, every slash
// alias the same as its long name, nothing declared twice, and one default concurrency.
#include "azure/ConnectionString.h"
#include "cli/CliOptions.h"
#include "cli/CommandLine.h"

#include <QFileInfo>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <algorithm>
#include <catch2/catch.hpp>

using blobferry::cli::CliOption;
using blobferry::cli::CliOptions;
using blobferry::cli::CliRequest;
using blobferry::cli::CommandLine;
using blobferry::transfer::TransferSpec;

namespace {

const QString kUrl = QStringLiteral("http://127.0.0.1:10000/devstoreaccount1/cont/dir");
const QString kKey = QString::fromLatin1(blobferry::azure::kDevKey);

// A value each option taking one accepts, and whether it needs a download to apply.
struct Sample
{
    QString value;
    bool download = false;
};

const QHash<QString, Sample> &samples()
{
    static const QHash<QString, Sample> values{
        {QStringLiteral("output"), {QStringLiteral("json")}},
        {QStringLiteral("clock-skew"), {QStringLiteral("5")}},
        {QStringLiteral("source-key"), {kKey, true}},
        {QStringLiteral("dest-key"), {kKey}},
        {QStringLiteral("source-connection-string"),
         {QStringLiteral("UseDevelopmentStorage=true"), true}},
        {QStringLiteral("dest-connection-string"), {QStringLiteral("UseDevelopmentStorage=true")}},
        {QStringLiteral("concurrency"), {QStringLiteral("4")}},
        {QStringLiteral("block-size"), {QStringLiteral("16")}},
        {QStringLiteral("retries"), {QStringLiteral("2")}},
        {QStringLiteral("stall-timeout"), {QStringLiteral("5")}},
        {QStringLiteral("cap-mbps"), {QStringLiteral("40")}},
        {QStringLiteral("restartable"), {QStringLiteral("restart.log")}},
        {QStringLiteral("blob-type"), {QStringLiteral("page")}},
        {QStringLiteral("content-type"), {QStringLiteral("text/plain")}},
        {QStringLiteral("gzip"), {QStringLiteral("js,css")}},
        {QStringLiteral("block-blob-tier"), {QStringLiteral("cool")}},
        {QStringLiteral("metadata"), {QStringLiteral("a=b")}},
        {QStringLiteral("blob-tags"), {QStringLiteral("a=b")}},
        {QStringLiteral("cache-control"), {QStringLiteral("no-cache")}},
        {QStringLiteral("content-disposition"), {QStringLiteral("attachment")}},
        {QStringLiteral("content-encoding"), {QStringLiteral("br")}},
        {QStringLiteral("content-language"), {QStringLiteral("en")}},
        {QStringLiteral("ca-file"), {QStringLiteral(BLOBFERRY_TEST_CA_PEM)}},
        {QStringLiteral("proxy"), {QStringLiteral("none")}},
        {QStringLiteral("log-level"), {QStringLiteral("debug")}},
        {QStringLiteral("log-dir"), {QStringLiteral("none")}},
        {QStringLiteral("keep-encoding"), {{}, true}},
        {QStringLiteral("case-insensitive"), {{}, true}},
        {QStringLiteral("windows-names"), {{}, true}},
    };
    return values;
}

// Everything an option can change in the request, as text to compare.
QString summary(const CliRequest &request)
{
    const TransferSpec &s = request.spec;
    const auto side = [](const blobferry::transfer::Endpoint &e) {
        return QStringLiteral("%1|%2|%3")
            .arg(e.localPath, e.isBlob() ? e.blob->display() : QString())
            .arg(int(e.credential.kind()));
    };
    QStringList fields{
        QString::number(int(request.action)),
        QString::number(request.verbose),
        QString::number(request.jsonOutput),
        QString::number(request.logEnabled),
        QString::number(request.logDirGiven),
        request.log.directory,
        QString::number(int(request.log.level)),
        side(s.source),
        side(s.destination),
        s.patterns.join(QLatin1Char(',')),
        QString::number(s.recursive),
        QString::number(s.followSymlinks),
        QString::number(s.concurrency),
        QString::number(s.blockSize),
        QString::number(int(s.blobType)),
        QString::number(int(s.overwrite)),
        QString::number(s.caseInsensitiveNames),
        QString::number(s.windowsNames),
        QString::number(s.retry.maxTries),
        QString::number(s.retry.stallTimeoutMs),
        QString::number(s.restartable),
        QString::number(s.putMd5),
        QString::number(s.checkMd5),
        QString::number(s.excludeOlder),
        QString::number(s.excludeNewer),
        QString::number(s.clockSkewMs),
        QString::number(s.preserveTime),
        QString::number(s.dryRun),
        s.journalPath,
        s.caFile,
        s.proxy.display(),
        s.contentType,
        QString::number(s.guessContentType),
        QString::number(s.move),
        QString::number(s.mirror),
        QString::number(s.deleteWithoutAsking),
        s.gzipExtensions.join(QLatin1Char(',')),
        QString::number(s.keepEncoding),
        QString::number(s.capMbps),
        QString::number(s.detectPageBlobs),
        QString::number(s.archive),
        s.uploadAttributes.tier,
        blobferry::transfer::UploadAttributes::metadataText(s.uploadAttributes.metadata),
        blobferry::transfer::UploadAttributes::tagsText(s.uploadAttributes.tags),
        s.uploadAttributes.cacheControl,
        s.uploadAttributes.contentDisposition,
        s.uploadAttributes.contentEncoding,
        s.uploadAttributes.contentLanguage,
    };
    return fields.join(QLatin1Char(';'));
}

// The arguments that give `option` in one spelling, on a copy it applies to.
QStringList argsFor(const CliOption &option, const QString &spelling, const QString &local)
{
    const Sample sample = samples().value(option.longName());
    QStringList args = sample.download ? QStringList{kUrl, local} : QStringList{local, kUrl};
    if (!option.takesValue() || (option.traits & CliOption::OptionalValue && spelling.isEmpty()))
        return args << spelling;
    if (spelling.startsWith(QLatin1Char('/')))
        return args << spelling + QLatin1Char(':') + sample.value;
    return args << spelling + QLatin1Char('=') + sample.value;
}

CliRequest parsed(const QStringList &args)
{
    QString error;
    const auto request = CommandLine::parse(args, {}, &error);
    INFO("args: " << args.join(QLatin1Char(' ')).toStdString()
                  << "\nerror: " << error.toStdString());
    REQUIRE(request.has_value());
    return *request;
}

QString parseError(const QStringList &args)
{
    QString error;
    CHECK_FALSE(CommandLine::parse(args, {}, &error).has_value());
    CHECK_FALSE(error.contains(QLatin1Char('\n')));
    return error;
}

} // namespace

TEST_CASE("every option of the table is listed in --help and in the man page", "[cli-options]")
{
    const QString help = CommandLine::helpText();
    const QString man = CommandLine::manPage();
    for (const CliOption &option : CliOptions::table()) {
        const QString name = QStringLiteral("--") + option.longName();
        INFO(name.toStdString());
        CHECK(help.contains(name));
        // roff escapes hyphens; a name is listed in bold in the OPTIONS section.
        CHECK(man.contains(QString(name).replace(QLatin1Char('-'), QStringLiteral("\\-"))));
        for (const QString &alias : option.slashAliases) {
            CHECK(help.contains(QLatin1Char('/') + alias));
            CHECK(man.contains(QLatin1Char('/') + alias));
        }
    }
    CHECK(help.contains(QStringLiteral("-h, --help, /?")));
    CHECK(man.contains(QStringLiteral("\\fB\\-h, \\-\\-help, /?\\fR")));
}

TEST_CASE("the man page has the sections of a manual page and renders without warnings",
          "[cli-options]")
{
    const QString man = CommandLine::manPage();
    for (const char *section : {".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS",
                                ".SH EXAMPLES", ".SH EXIT STATUS"}) {
        INFO(section);
        CHECK(man.contains(QLatin1String(section)));
    }
    CHECK(man.contains(QStringLiteral("\"blobferry " BLOBFERRY_VERSION "\"")));

    const QString manProgram = QStandardPaths::findExecutable(QStringLiteral("man"));
    REQUIRE_FALSE(manProgram.isEmpty()); // man-db, which the package test needs too
    QTemporaryDir dir;
    QFile page(dir.filePath(QStringLiteral("blobferry-cli.1")));
    REQUIRE(page.open(QIODevice::WriteOnly));
    page.write(man.toUtf8());
    page.close();
    QProcess render;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    env.insert(QStringLiteral("MANWIDTH"), QStringLiteral("200"));
    render.setProcessEnvironment(env);
    render.start(manProgram, {QStringLiteral("--warnings"), QStringLiteral("-l"), page.fileName()});
    REQUIRE(render.waitForFinished(60'000));
    const QString text = QString::fromUtf8(render.readAllStandardOutput());
    const QString warnings = QString::fromUtf8(render.readAllStandardError());
    INFO("stderr: " << warnings.toStdString());
    CHECK(render.exitCode() == 0);
    CHECK(warnings.isEmpty());
    CHECK(text.contains(QStringLiteral("--concurrency N, /NC:N")));
    CHECK(text.contains(QStringLiteral("requests in flight (default: 8 x CPU cores)")));
}

TEST_CASE("no option name, slash alias or short name is declared twice", "[cli-options]")
{
    QSet<QString> names;
    QSet<QString> aliases;
    QSet<char> shortNames;
    for (const CliOption &option : CliOptions::table()) {
        const QString name = option.longName();
        INFO(name.toStdString());
        CHECK(name == name.toLower());
        CHECK_FALSE(names.contains(name));
        names.insert(name);
        for (const QString &alias : option.slashAliases) {
            CHECK_FALSE(aliases.contains(alias.toLower()));
            aliases.insert(alias.toLower());
        }
        if (option.shortName != 0) {
            CHECK_FALSE(shortNames.contains(option.shortName));
            shortNames.insert(option.shortName);
        }
    }
    CHECK(names.size() == int(CliOptions::table().size()));
}

TEST_CASE("every slash alias, in any case, parses to the same request as its long name",
          "[cli-options]")
{
    QTemporaryDir local;
    int aliasesSeen = 0;
    for (const CliOption &option : CliOptions::table()) {
        // The blob commands take one URL, not <Source> <Destination> (BlobCommandsTest).
        if (option.section == CliOption::Section::Commands)
            continue;
        INFO("--" << option.name);
        if (option.takesValue())
            REQUIRE(samples().contains(option.longName())); // a sample value for this test
        const QString viaName = summary(
            parsed(argsFor(option, QStringLiteral("--") + option.longName(), local.path())));
        for (const QString &alias : option.slashAliases) {
            for (const QString &spelling : {alias, alias.toLower(), alias.toUpper()}) {
                INFO("/" << spelling.toStdString());
                CHECK(summary(parsed(argsFor(option, QLatin1Char('/') + spelling, local.path()))) ==
                      viaName);
            }
            ++aliasesSeen;
        }
    }
    CHECK(aliasesSeen == 15); // the original AzCopy's slash options, /? included
}

TEST_CASE("every option changes what the command line asks for", "[cli-options]")
{
    QTemporaryDir local;
    for (const CliOption &option : CliOptions::table()) {
        const QString name = option.longName();
        // On by default: the option is there to say so, the --no- form turns it off.
        if (name == QLatin1String("put-md5") || name == QLatin1String("check-md5") ||
            option.section == CliOption::Section::Commands) // BlobCommandsTest
            continue;
        INFO("--" << option.name);
        const QStringList args = argsFor(option, QStringLiteral("--") + name, local.path());
        CHECK(summary(parsed(args)) != summary(parsed(args.mid(0, 2))));
    }
}

TEST_CASE("an unknown option or a missing value is the one-line error users see", "[cli-options]")
{
    QTemporaryDir local;
    const QStringList copy{local.path(), kUrl};
    CHECK(parseError(copy + QStringList{"--frobnicate"}) ==
          QStringLiteral("unknown option --frobnicate; see blobferry-cli --help"));
    CHECK(parseError(copy + QStringList{"--frobnicate=3"}) ==
          QStringLiteral("unknown option --frobnicate; see blobferry-cli --help"));
    CHECK(parseError(copy + QStringList{"-x"}) ==
          QStringLiteral("unknown option -x; see blobferry-cli --help"));
    CHECK(parseError(copy + QStringList{"/Frobnicate"}) ==
          QStringLiteral("unknown option /Frobnicate (if it is a path, it does not exist); see "
                         "blobferry-cli --help"));
    CHECK(parseError(copy + QStringList{"--dest-key"}) ==
          QStringLiteral("option --dest-key needs a value"));
    CHECK(parseError(copy + QStringList{"/NC"}) ==
          QStringLiteral("option --concurrency needs a value"));
    CHECK(parseError(copy + QStringList{"/S:yes"}) ==
          QStringLiteral("option --recursive takes no value"));
    CHECK(parseError(copy + QStringList{"/DestKey:", kKey}) ==
          QStringLiteral("option /DestKey: has an empty value; write the value right after it, "
                         "with no space (/DestKey:VALUE), or use --dest-key VALUE"));
}

TEST_CASE("the default concurrency is TransferSpec's, 8 requests per CPU core, for the command "
          "line too",
          "[cli-options]")
{
    const int expected = std::clamp(8 * std::max(1, QThread::idealThreadCount()),
                                    TransferSpec::kMinConcurrency, TransferSpec::kMaxConcurrency);
    CHECK(TransferSpec::defaultConcurrency() == expected);
    CHECK(TransferSpec{}.concurrency == expected);
    QTemporaryDir local;
    CHECK(parsed({local.path(), kUrl}).spec.concurrency == expected);
    CHECK(CommandLine::helpText().contains(QStringLiteral("(default: 8 x CPU cores)")));
    // The bounds --concurrency takes are TransferSpec's too.
    CHECK(parsed({local.path(), kUrl, QStringLiteral("/NC:%1").arg(TransferSpec::kMaxConcurrency)})
              .spec.concurrency == TransferSpec::kMaxConcurrency);
    CHECK(parseError(
              {local.path(), kUrl, QStringLiteral("/NC:%1").arg(TransferSpec::kMaxConcurrency + 1)})
              .contains(QStringLiteral("from 1 to 512")));
}

TEST_CASE("the manual page (--man) is an action needing no source or destination", "[cli-options]")
{
    CHECK(parsed({QStringLiteral("--man")}).action == CliRequest::Action::Man);
    CHECK(parsed({QStringLiteral("--help"), QStringLiteral("--man")}).action ==
          CliRequest::Action::Help);
}
