// SPDX-License-Identifier: MIT
#include "cli/CommandLine.h"

#include "azure/ConnectionString.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>
#include <QUrl>
#include <catch2/catch.hpp>

using blobferry::azure::Credential;
using blobferry::cli::CliRequest;
using blobferry::cli::CommandLine;
using blobferry::transfer::OverwritePolicy;

namespace {

const QString kUrl = QStringLiteral("http://127.0.0.1:10000/devstoreaccount1/cont/dir");
const QString kKey = QString::fromLatin1(blobferry::azure::kDevKey);

CliRequest parsed(const QStringList &args, const QProcessEnvironment &env = {})
{
    QString error;
    const auto request = CommandLine::parse(args, env, &error);
    INFO("error: " << error.toStdString());
    REQUIRE(request.has_value());
    return *request;
}

QString parseError(const QStringList &args, const QProcessEnvironment &env = {})
{
    QString error;
    const auto request = CommandLine::parse(args, env, &error);
    CHECK_FALSE(request.has_value());
    CHECK_FALSE(error.isEmpty());
    CHECK_FALSE(error.contains(QLatin1Char('\n')));
    return error;
}

QString contained(const QString &error, const char *needle)
{
    INFO("error: " << error.toStdString());
    CHECK(error.contains(QLatin1String(needle)));
    return error;
}

} // namespace

TEST_CASE("the original's slash flags work in any case", "[commandline]")
{
    QTemporaryDir local;
    for (const QStringList &flags :
         {QStringList{"/S", "/V", "/Y"}, QStringList{"/s", "/v", "/y"}}) {
        const auto request = parsed(QStringList{local.path(), kUrl} + flags);
        CHECK(request.action == CliRequest::Action::Transfer);
        CHECK(request.spec.recursive);
        CHECK(request.verbose);
        CHECK(request.spec.overwrite == OverwritePolicy::Always);
    }
}

TEST_CASE("without flags the copy is top-level only, quiet, asks before overwriting and runs 8 "
          "requests per CPU core",
          "[commandline]")
{
    QTemporaryDir local;
    const auto request = parsed({local.path(), kUrl});
    CHECK_FALSE(request.spec.recursive);
    CHECK_FALSE(request.verbose);
    CHECK(request.spec.overwrite == OverwritePolicy::Ask);
    CHECK(request.spec.patterns.isEmpty());
    CHECK(request.spec.concurrency == 8 * std::max(1, QThread::idealThreadCount()));
}

TEST_CASE("/NC:N and --concurrency set the requests in flight", "[commandline]")
{
    QTemporaryDir local;
    CHECK(parsed({local.path(), kUrl, "/NC:4"}).spec.concurrency == 4);
    CHECK(parsed({local.path(), kUrl, "/nc:512"}).spec.concurrency == 512);
    CHECK(parsed({local.path(), kUrl, "--concurrency", "3"}).spec.concurrency == 3);
    CHECK(parsed({local.path(), kUrl, "--concurrency=7"}).spec.concurrency == 7);
}

TEST_CASE("a concurrency that is not a whole number from 1 to 512 is an error", "[commandline]")
{
    QTemporaryDir local;
    for (const char *bad : {"/NC:0", "/NC:x", "/NC:513", "/NC:", "/NC:-1", "/NC:2.5"}) {
        INFO(bad);
        contained(parseError({local.path(), kUrl, bad}), "/NC");
    }
}

TEST_CASE("/DestKey:KEY signs the destination with the URL's account", "[commandline]")
{
    QTemporaryDir local;
    const auto request = parsed({local.path(), kUrl, "/DestKey:" + kKey});
    const auto &dest = request.spec.destination;
    REQUIRE(dest.isBlob());
    CHECK(dest.blob->container() == QLatin1String("cont"));
    CHECK(dest.blob->path() == QLatin1String("dir"));
    CHECK(dest.credential.kind() == Credential::Kind::SharedKey);
    CHECK(dest.credential.account() == QLatin1String("devstoreaccount1"));
    CHECK(dest.credential.key() == QByteArray::fromBase64(kKey.toLatin1()));
    CHECK(request.spec.source.localPath == QDir::cleanPath(local.path()));
}

TEST_CASE("/SourceKey:KEY signs a blob source for a download", "[commandline]")
{
    QTemporaryDir local;
    const QString target = local.filePath(QStringLiteral("download"));
    const auto request = parsed({kUrl, target, "/sourcekey:" + kKey, "/S"});
    REQUIRE(request.spec.source.isBlob());
    CHECK(request.spec.source.credential.kind() == Credential::Kind::SharedKey);
    CHECK(request.spec.destination.localPath == target);
    CHECK_FALSE(request.spec.destination.isBlob());
}

TEST_CASE("long options work with '=' and with a separate value", "[commandline]")
{
    QTemporaryDir local;
    for (const QStringList &keyArgs :
         {QStringList{"--dest-key=" + kKey}, QStringList{"--dest-key", kKey}}) {
        const auto request = parsed(QStringList{local.path(), kUrl, "--recursive", "--verbose",
                                                "--yes", "--block-size", "16", "--retries=2"} +
                                    keyArgs);
        CHECK(request.spec.recursive);
        CHECK(request.verbose);
        CHECK(request.spec.overwrite == OverwritePolicy::Always);
        CHECK(request.spec.blockSize == 16 * 1024 * 1024);
        CHECK(request.spec.retry.maxTries == 3);
        CHECK(request.spec.destination.credential.kind() == Credential::Kind::SharedKey);
    }
}

TEST_CASE("keys come from BLOBFERRY_DEST_KEY and BLOBFERRY_SOURCE_KEY unless given as options",
          "[commandline]")
{
    QTemporaryDir local;
    QProcessEnvironment env;
    env.insert(QStringLiteral("BLOBFERRY_DEST_KEY"), kKey);
    env.insert(QStringLiteral("BLOBFERRY_SOURCE_KEY"), kKey);
    const auto upload = parsed({local.path(), kUrl}, env);
    CHECK(upload.spec.destination.credential.kind() == Credential::Kind::SharedKey);
    CHECK(upload.spec.destination.credential.account() == QLatin1String("devstoreaccount1"));
    const auto download = parsed({kUrl, local.path()}, env);
    CHECK(download.spec.source.credential.kind() == Credential::Kind::SharedKey);

    QProcessEnvironment bad;
    bad.insert(QStringLiteral("BLOBFERRY_DEST_KEY"), QStringLiteral("not base64!"));
    CHECK(parsed({local.path(), kUrl, "/DestKey:" + kKey}, bad)
              .spec.destination.credential.isValid());
}

TEST_CASE("a SAS in the URL is the credential, and with neither SAS nor key access is anonymous",
          "[commandline]")
{
    QTemporaryDir local;
    const auto request = parsed({kUrl + "?sv=2022-11-02&sp=rl&sig=abc", local.path()});
    CHECK(request.spec.source.credential.kind() == Credential::Kind::Sas);
    CHECK(request.spec.source.credential.sasToken() ==
          QLatin1String("sv=2022-11-02&sp=rl&sig=abc"));
    CHECK(parsed({kUrl, local.path()}).spec.source.credential.kind() ==
          Credential::Kind::Anonymous);
}

TEST_CASE("a connection string gives the blob side its credential", "[commandline]")
{
    QTemporaryDir local;
    const auto request =
        parsed({local.path(), kUrl, "--dest-connection-string", "UseDevelopmentStorage=true"});
    CHECK(request.spec.destination.credential.kind() == Credential::Kind::SharedKey);
    CHECK(request.spec.destination.credential.account() == QLatin1String("devstoreaccount1"));

    QProcessEnvironment env;
    env.insert(QStringLiteral("BLOBFERRY_SOURCE_CONNECTION_STRING"),
               QStringLiteral("UseDevelopmentStorage=true"));
    CHECK(parsed({kUrl, local.path()}, env).spec.source.credential.kind() ==
          Credential::Kind::SharedKey);
}

TEST_CASE("a connection string for another account is an error naming both", "[commandline]")
{
    QTemporaryDir local;
    const QString error = parseError({local.path(), kUrl, "--dest-connection-string",
                                      "AccountName=otheraccount;AccountKey=" + kKey});
    contained(error, "otheraccount");
    contained(error, "devstoreaccount1");
}

TEST_CASE("a key that is not base64 is an error", "[commandline]")
{
    QTemporaryDir local;
    contained(parseError({local.path(), kUrl, "/DestKey:not*base64"}), "base64");
    QProcessEnvironment env;
    env.insert(QStringLiteral("BLOBFERRY_SOURCE_KEY"), QStringLiteral("@@@"));
    contained(parseError({kUrl, local.path()}, env), "source key");
}

TEST_CASE("help and version are actions of their own", "[commandline]")
{
    CHECK(parsed({"--help"}).action == CliRequest::Action::Help);
    CHECK(parsed({"-h"}).action == CliRequest::Action::Help);
    CHECK(parsed({"/?"}).action == CliRequest::Action::Help);
    CHECK(parsed({"--version"}).action == CliRequest::Action::Version);
    CHECK(parsed({"src", "dst", "/?"}).action == CliRequest::Action::Help);
    CHECK(CommandLine::helpText().contains(QLatin1String("/DestKey")));
}

TEST_CASE("an unknown option is an error naming it", "[commandline]")
{
    QTemporaryDir local;
    contained(parseError({local.path(), kUrl, "--frobnicate"}), "--frobnicate");
    contained(parseError({local.path(), kUrl, "--frobnicate=3"}), "--frobnicate");
    contained(parseError({local.path(), kUrl, "/Frobnicate"}), "/Frobnicate");
    contained(parseError({local.path(), kUrl, "-x"}), "-x");
}

TEST_CASE("archive: /A and --archive, not with /MIR", "[commandline]")
{
    QTemporaryDir local;
    CHECK(parsed({local.path(), kUrl, "/A"}).spec.archive);
    CHECK(parsed({kUrl, local.path(), "--archive"}).spec.archive);
    CHECK_FALSE(parsed({local.path(), kUrl}).spec.archive);
    contained(parseError({local.path(), kUrl, "/A", "/MIR"}), "--archive (/A)");
}

TEST_CASE("/Z and --restartable keep a journal, in the default place or the file named",
          "[commandline]")
{
    QTemporaryDir local;
    const auto plain = parsed({local.path(), kUrl, "/Z"});
    CHECK(plain.spec.restartable);
    CHECK(plain.spec.journalPath.isEmpty());
    const auto named = parsed({local.path(), kUrl, "/z:restart.log"});
    CHECK(named.spec.journalPath ==
          QDir::current().absoluteFilePath(QStringLiteral("restart.log")));
    const auto longForm = parsed({local.path(), kUrl, "--restartable=/tmp/j.journal"});
    CHECK(longForm.spec.journalPath == QStringLiteral("/tmp/j.journal"));
    CHECK_FALSE(parsed({local.path(), kUrl}).spec.restartable);
}

TEST_CASE("a flag given a value or a value option without one is an error", "[commandline]")
{
    QTemporaryDir local;
    contained(parseError({local.path(), kUrl, "/S:yes"}), "recursive");
    contained(parseError({local.path(), kUrl, "--dest-key"}), "dest-key");
}

TEST_CASE("local paths are made absolute, and an existing one shaped like an option stays a path",
          "[commandline]")
{
    REQUIRE(QFileInfo(QStringLiteral("/tmp")).isDir());
    const auto request = parsed({"/tmp", kUrl});
    CHECK(request.spec.source.localPath == QLatin1String("/tmp"));

    QTemporaryDir local;
    CHECK(parsed({local.path(), kUrl}).spec.source.localPath == QDir::cleanPath(local.path()));
    CHECK(parsed({".", kUrl}).spec.source.localPath == QDir::cleanPath(QDir::currentPath()));
}

TEST_CASE("arguments after -- are never options", "[commandline]")
{
    QTemporaryDir local;
    const auto request = parsed({"--", local.path(), kUrl, "/S"});
    CHECK_FALSE(request.spec.recursive);
    CHECK(request.spec.patterns == QStringList{QStringLiteral("/S")});
}

TEST_CASE("missing arguments are errors mentioning <Destination>", "[commandline]")
{
    contained(parseError({}), "<Destination>");
    contained(parseError({kUrl}), "<Destination>");
    contained(parseError({"/S", "/Y"}), "<Destination>");
}

TEST_CASE("a copy needs exactly one blob side", "[commandline]")
{
    QTemporaryDir local;
    contained(parseError({local.path(), local.filePath(QStringLiteral("out"))}), "URL");
}

TEST_CASE("blob to blob: allowed, with its own invalid combinations", "[commandline]")
{
    const QString other = QStringLiteral("http://127.0.0.1:10000/devstoreaccount1/other");
    const auto copy = parsed({kUrl, other, "/S", "--source-key", kKey, "--dest-key", kKey});
    CHECK(copy.spec.source.isBlob());
    CHECK(copy.spec.destination.isBlob());
    CHECK(copy.spec.recursive);
    const QStringList keys{"--source-key", kKey, "--dest-key", kKey};
    contained(parseError(QStringList{kUrl, other, "--gzip", "js"} + keys), "blob to blob");
    contained(parseError(QStringList{kUrl, other, "--content-type", "text/plain"} + keys),
              "--content-type");
    contained(parseError(QStringList{kUrl, other, "/BlobType:page"} + keys), "--blob-type");
    // A key for a source in another account: the engine hands the copy a SAS made from it.
    CHECK(parsed({kUrl, "https://acct.blob.core.windows.net/other", "--source-key", kKey,
                  "--dest-key", kKey})
              .spec.source.isBlob());
    // The same place, or a place inside the source with /S: refused.
    contained(parseError(QStringList{kUrl, kUrl} + keys), "inside");
    contained(parseError(QStringList{kUrl, kUrl + QStringLiteral("/sub"), "/S"} + keys), "inside");
    CHECK(
        parsed(QStringList{kUrl, kUrl + QStringLiteral("/sub")} + keys).spec.destination.isBlob());
}

TEST_CASE("patterns follow source and destination", "[commandline]")
{
    QTemporaryDir local;
    const auto request = parsed({local.path(), kUrl, "*.docx", "abc.txt", "/S"});
    CHECK(request.spec.patterns ==
          QStringList{QStringLiteral("*.docx"), QStringLiteral("abc.txt")});
    CHECK(request.spec.recursive);
}

TEST_CASE("a single file as source becomes its directory and its name as pattern", "[commandline]")
{
    QTemporaryDir local;
    QFile file(local.filePath(QStringLiteral("abc.txt")));
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write("hello");
    file.close();
    const auto request = parsed({file.fileName(), kUrl});
    CHECK(request.spec.source.localPath == QDir::cleanPath(local.path()));
    CHECK(request.spec.patterns == QStringList{QStringLiteral("abc.txt")});

    contained(parseError({file.fileName(), kUrl, "*.txt"}), "is a file");
}

TEST_CASE("a missing local source, or a file as download target, is an error", "[commandline]")
{
    QTemporaryDir local;
    const QString missing = local.filePath(QStringLiteral("missing"));
    contained(parseError({missing, kUrl}), "does not exist");
    QFile file(local.filePath(QStringLiteral("taken")));
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.close();
    contained(parseError({kUrl, file.fileName()}), "is a file");
}

TEST_CASE("a malformed blob URL is an error saying which side", "[commandline]")
{
    QTemporaryDir local;
    contained(parseError({local.path(), "http://127.0.0.1:10000/devstoreaccount1/BadName"}),
              "destination");
    contained(parseError({"https://acct.blob.core.windows.net/", local.path()}), "source");
}

// The offending argument is quoted into the error; a newline in it must not break the line.
TEST_CASE("an error stays on one line even when the offending argument holds a newline",
          "[commandline]")
{
    QTemporaryDir local;
    parseError({local.path(), kUrl, "/NC:4\n2"});
    parseError({local.path(), kUrl, "--frobnicate\nx"});
}

TEST_CASE("a stall timeout is given in seconds with --stall-timeout", "[commandline]")
{
    QTemporaryDir local;
    CHECK(parsed({local.path(), kUrl}).spec.retry.stallTimeoutMs == 60'000);
    CHECK(parsed({local.path(), kUrl, "--stall-timeout", "5"}).spec.retry.stallTimeoutMs == 5'000);
    for (const char *bad : {"0", "x", "3601", "-1", "1.5", ""}) {
        INFO(bad);
        contained(parseError({local.path(), kUrl, QStringLiteral("--stall-timeout=") + bad}),
                  "--stall-timeout takes a whole number of seconds");
    }
}

TEST_CASE("a CA file with a PEM certificate is kept as an absolute path", "[commandline]")
{
    QTemporaryDir local;
    const QString ca = local.filePath(QStringLiteral("ca.pem"));
    // Any certificate does for the parser: a throwaway one kept with the fixtures.
    REQUIRE(QFile::copy(QStringLiteral(BLOBFERRY_TEST_CA_PEM), ca));
    const QString previous = QDir::currentPath();
    QDir::setCurrent(local.path());
    const auto request = parsed({local.path(), kUrl, "--ca-file", "ca.pem"});
    QDir::setCurrent(previous);
    CHECK(request.spec.caFile == ca);
}

TEST_CASE("a CA file that is missing or holds no certificate is a one-line error", "[commandline]")
{
    QTemporaryDir local;
    contained(parseError({local.path(), kUrl, "--ca-file", local.filePath("missing.pem")}),
              "cannot read the CA file");
    QFile notPem(local.filePath(QStringLiteral("key.txt")));
    REQUIRE(notPem.open(QIODevice::WriteOnly));
    notPem.write("just some text\n");
    notPem.close();
    contained(parseError({local.path(), kUrl, "--ca-file", notPem.fileName()}),
              "holds no PEM certificate");
}

TEST_CASE("the options --case-insensitive and --windows-names force the download naming rules",
          "[commandline]")
{
    QTemporaryDir local;
    const auto plain = parsed({kUrl, local.path()});
    CHECK_FALSE(plain.spec.caseInsensitiveNames);
    CHECK_FALSE(plain.spec.windowsNames);
    const auto forced = parsed({kUrl, local.path(), "--case-insensitive", "--windows-names", "/S"});
    CHECK(forced.spec.caseInsensitiveNames);
    CHECK(forced.spec.windowsNames);
    CHECK(CommandLine::helpText().contains(QLatin1String("--case-insensitive")));
}

TEST_CASE("move and mirror options with their slash aliases", "[commandline]")
{
    QTemporaryDir local;
    CHECK(parsed({local.path(), kUrl, "/MOV"}).spec.move);
    CHECK(parsed({local.path(), kUrl, "--move"}).spec.move);
    CHECK(parsed({kUrl, local.path(), "/mir"}).spec.mirror);
    const auto mirror = parsed({local.path(), kUrl, "--mirror", "/Y"});
    CHECK(mirror.spec.mirror);
    CHECK(mirror.spec.deleteWithoutAsking);
    CHECK_FALSE(parsed({local.path(), kUrl, "--mirror"}).spec.deleteWithoutAsking);
}

TEST_CASE("/MIR with /MOV is refused in one line naming both", "[commandline]")
{
    QTemporaryDir local;
    const QString error = parseError({local.path(), kUrl, "/MIR", "/MOV"});
    contained(error, "--move (/MOV)");
    contained(error, "--mirror (/MIR)");
}

TEST_CASE("content type options: forced, not guessed, only for uploads", "[commandline]")
{
    QTemporaryDir local;
    CHECK(parsed({local.path(), kUrl}).spec.guessContentType);
    CHECK(parsed({local.path(), kUrl}).spec.contentType.isEmpty());
    CHECK(parsed({local.path(), kUrl, "--content-type", "text/plain; charset=utf-8"})
              .spec.contentType == QStringLiteral("text/plain; charset=utf-8"));
    CHECK_FALSE(parsed({local.path(), kUrl, "--no-guess-mime-type"}).spec.guessContentType);
    contained(parseError({local.path(), kUrl, "--content-type", "html"}), "'html'");
    contained(parseError({local.path(), kUrl, "--content-type", "text/html\r\nX: y"}),
              "--content-type");
    contained(parseError({kUrl, local.path(), "--content-type", "text/html"}), "uploads only");
    contained(parseError({kUrl, local.path(), "--no-guess-mime-type"}), "uploads only");
}

TEST_CASE("the output option takes text or json", "[commandline]")
{
    QTemporaryDir local;
    CHECK_FALSE(parsed({local.path(), kUrl}).jsonOutput);
    CHECK(parsed({local.path(), kUrl, "--output", "json"}).jsonOutput);
    CHECK(parsed({local.path(), kUrl, "--output=JSON"}).jsonOutput);
    CHECK_FALSE(parsed({local.path(), kUrl, "--output", "text"}).jsonOutput);
    contained(parseError({local.path(), kUrl, "--output", "xml"}), "'xml'");
}

TEST_CASE("help lists the content, move, mirror, gzip and archive options with their aliases",
          "[commandline]")
{
    const QString help = CommandLine::helpText();
    for (const char *option :
         {"--move, /MOV", "--mirror, /MIR", "--content-type TYPE", "--no-guess-mime-type",
          "--output FORMAT", "--gzip EXT", "--keep-encoding", "--cap-mbps N", "--archive, /A",
          "/BlobType:detect"}) {
        INFO(option);
        CHECK(help.contains(QLatin1String(option)));
    }
}

TEST_CASE("gzip and keep-encoding options and their invalid combinations", "[commandline]")
{
    QTemporaryDir local;
    CHECK(parsed({local.path(), kUrl, "--gzip", "JS,.css, html"}).spec.gzipExtensions ==
          QStringList{QStringLiteral("js"), QStringLiteral("css"), QStringLiteral("html")});
    CHECK(parsed({kUrl, local.path(), "--keep-encoding"}).spec.keepEncoding);
    contained(parseError({local.path(), kUrl, "--gzip", "js,,css"}), "js,,css");
    contained(parseError({local.path(), kUrl, "--gzip", "a/b"}), "--gzip");
    contained(parseError({local.path(), kUrl, "--gzip", "js", "/BlobType:page"}), "page");
    contained(parseError({kUrl, local.path(), "--gzip", "js"}), "uploads only");
    contained(parseError({local.path(), kUrl, "--keep-encoding"}), "downloads only");
}

TEST_CASE("the bandwidth cap takes a whole number of megabits per second", "[commandline]")
{
    QTemporaryDir local;
    CHECK(parsed({local.path(), kUrl}).spec.capMbps == 0);
    CHECK(parsed({local.path(), kUrl, "--cap-mbps", "40"}).spec.capMbps == 40);
    CHECK(parsed({kUrl, local.path(), "--cap-mbps=1"}).spec.capMbps == 1);
    for (const char *bad : {"0", "-5", "1.5", "fast"}) {
        INFO(bad);
        contained(parseError({local.path(), kUrl, "--cap-mbps", bad}), "--cap-mbps");
    }
}

TEST_CASE("blob type detect sends disk images as page blobs", "[commandline]")
{
    QTemporaryDir local;
    const auto detect = parsed({local.path(), kUrl, "/BlobType:detect"});
    CHECK(detect.spec.detectPageBlobs);
    CHECK(detect.spec.blobType == blobferry::transfer::BlobType::Block);
    CHECK_FALSE(parsed({local.path(), kUrl, "--blob-type", "page"}).spec.detectPageBlobs);
    contained(parseError({local.path(), kUrl, "--blob-type", "append"}), "detect");
}

TEST_CASE("an option with a space after its colon is refused without quoting what follows",
          "[commandline]")
{
    QTemporaryDir local;
    for (const QStringList &typed :
         {QStringList{"/DestKey:", kKey}, QStringList{"/destkey:", kKey, "/S"},
          QStringList{"--dest-key=", kKey}, QStringList{"/SourceKey:", kKey},
          QStringList{"/NC:", "8"}}) {
        const QString error = parseError(QStringList{local.path(), kUrl} + typed);
        INFO(error.toStdString());
        CHECK(error.startsWith(QStringLiteral("option ") + typed.first() +
                               QStringLiteral(" has an empty value")));
        CHECK(error.contains(QStringLiteral("no space (") + typed.first() +
                             QStringLiteral("VALUE)")));
        CHECK_FALSE(error.contains(kKey));
    }
    // Without a value after it, an empty key is still no key to go anonymous with.
    contained(parseError({local.path(), kUrl, "/DestKey:"}), "has an empty value");
}

TEST_CASE("a key typed as <Source> or in a URL's user part is masked in the error", "[commandline]")
{
    QTemporaryDir local;
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(kKey));
    const QString withUser = QStringLiteral("http://devstoreaccount1:%1@127.0.0.1:10000/"
                                            "devstoreaccount1/cont");
    for (const QStringList &args :
         {QStringList{kKey, kUrl}, QStringList{local.path(), withUser.arg(kKey)},
          QStringList{local.path(), QStringLiteral("http://%1@127.0.0.1:10000/acc/cont").arg(kKey)},
          QStringList{local.path(),
                      kUrl + QStringLiteral("?sv=1&sig=") + encoded + "&x=", "--bogus"}}) {
        QString error;
        CHECK_FALSE(CommandLine::parse(args, {}, &error).has_value());
        INFO(error.toStdString());
        CHECK_FALSE(error.isEmpty());
        CHECK_FALSE(error.contains(kKey));
        CHECK_FALSE(error.contains(encoded));
        CHECK_FALSE(error.contains(kKey.left(30)));
    }
}

TEST_CASE("following links is off by default, --follow-symlinks taken for uploads only",
          "[commandline]")
{
    QTemporaryDir local;
    CHECK_FALSE(parsed({local.path(), kUrl}).spec.followSymlinks);
    CHECK(parsed({local.path(), kUrl, QStringLiteral("--follow-symlinks")}).spec.followSymlinks);
    contained(parseError({kUrl, local.path(), QStringLiteral("--follow-symlinks")}),
              "--follow-symlinks applies to uploads only");
}
