// SPDX-License-Identifier: MIT
// --list, --remove and --set-tier against the run's Azurite, each result checked through the
// service itself (a raw listing, Get Blob Properties), not through blobferry.
#include "support/CliRunner.h"
#include "support/PtyRunner.h"
#include "support/TestService.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <catch2/catch.hpp>

using namespace blobferry::test;

namespace {

QString md5Of(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Md5).toBase64());
}

QStringList withKey(const TestService &service, QStringList args)
{
    args << QStringLiteral("/SourceKey:") + service.key();
    return args;
}

// The tier Get Blob Properties reports (x-ms-access-tier), and the archive status beside it.
QByteArray tierOf(const TestService &service, const QString &container, const QString &name,
                  QByteArray *archiveStatus = nullptr)
{
    const auto result = service.send(service.requests(container).getProperties(name));
    REQUIRE(result.status == 200);
    if (archiveStatus)
        *archiveStatus = result.header("x-ms-archive-status");
    return result.header("x-ms-access-tier");
}

QList<QJsonObject> jsonLines(const QString &out)
{
    QList<QJsonObject> objects;
    for (const QString &line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        QJsonParseError error;
        const auto document = QJsonDocument::fromJson(line.toUtf8(), &error);
        INFO(line.toStdString());
        REQUIRE(error.error == QJsonParseError::NoError);
        objects.append(document.object());
    }
    return objects;
}

struct Uploaded
{
    QString container;
    QHash<QString, QByteArray> blobs;
};

Uploaded uploadSome(const TestService &service, const QString &stem)
{
    Uploaded made{service.uniqueContainer(stem), {}};
    service.createContainer(made.container);
    made.blobs = {{QStringLiteral("alpha.txt"), "alpha's bytes"},
                  {QStringLiteral("beta.bin"), QByteArray(70000, 'b')},
                  {QStringLiteral("dir/gamma.txt"), "gamma, one level down"},
                  {QStringLiteral("dir/deeper/delta.txt"), "delta"}};
    for (auto it = made.blobs.cbegin(); it != made.blobs.cend(); ++it)
        service.putBlob(made.container, it.key(), it.value());
    return made;
}

} // namespace

TEST_CASE("list: --output json gives each uploaded blob with its size, MD5 and tier",
          "[commands][list][azurite]")
{
    TestService service;
    const Uploaded made = uploadSome(service, QStringLiteral("lsjson"));

    const auto result = runCli(withKey(
        service, {QStringLiteral("--list"), service.containerUrl(made.container),
                  QStringLiteral("/S"), QStringLiteral("--output"), QStringLiteral("json")}));
    INFO(result.out.toStdString() << result.err.toStdString());
    REQUIRE(result.exitCode == 0);
    const QList<QJsonObject> objects = jsonLines(result.out);
    REQUIRE(objects.size() == made.blobs.size() + 1);
    QStringList names;
    for (const QJsonObject &object : objects.mid(0, made.blobs.size())) {
        const QString name = object.value(QStringLiteral("name")).toString();
        names.append(name);
        INFO(name.toStdString());
        REQUIRE(made.blobs.contains(name));
        CHECK(object.value(QStringLiteral("type")).toString() == QStringLiteral("blob"));
        CHECK(object.value(QStringLiteral("size")).toInteger() == made.blobs.value(name).size());
        CHECK(object.value(QStringLiteral("md5")).toString() == md5Of(made.blobs.value(name)));
        CHECK(object.value(QStringLiteral("tier")).toString() == QStringLiteral("Hot"));
        CHECK(!object.value(QStringLiteral("modified")).toString().isEmpty());
    }
    names.sort();
    QStringList expected = made.blobs.keys();
    expected.sort();
    CHECK(names == expected);
    const QJsonObject summary = objects.last();
    CHECK(summary.value(QStringLiteral("type")).toString() == QStringLiteral("summary"));
    CHECK(summary.value(QStringLiteral("blobs")).toInteger() == made.blobs.size());
}

TEST_CASE("list: prints text columns, the top level only without /S, and a prefix pattern "
          "narrows it",
          "[commands][list][azurite]")
{
    TestService service;
    const Uploaded made = uploadSome(service, QStringLiteral("lstext"));
    const QString url = service.containerUrl(made.container);

    const auto top = runCli(withKey(service, {QStringLiteral("--list"), url}));
    INFO(top.out.toStdString() << top.err.toStdString());
    REQUIRE(top.exitCode == 0);
    const QStringList lines = top.outLines();
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].endsWith(QStringLiteral("  alpha.txt")));
    CHECK(lines[0].contains(QStringLiteral(" 13  Hot      ") + md5Of("alpha's bytes")));
    CHECK(lines[1].endsWith(QStringLiteral("  beta.bin")));
    CHECK(lines[1].contains(QStringLiteral(" 70000  Hot")));
    CHECK(top.err.contains(QStringLiteral("2 blobs, 70013 bytes")));

    // A pattern is a name prefix, as for a download; below the URL's directory.
    const auto below =
        runCli(withKey(service, {QStringLiteral("--list"),
                                 service.containerUrl(made.container, QStringLiteral("dir")),
                                 QStringLiteral("de"), QStringLiteral("/S")}));
    INFO(below.out.toStdString() << below.err.toStdString());
    CHECK(below.exitCode == 0);
    REQUIRE(below.outLines().size() == 1);
    CHECK(below.outLines()[0].endsWith(QStringLiteral("  deeper/delta.txt")));

    const auto typo =
        runCli(withKey(service, {QStringLiteral("--list"), url, QStringLiteral("zeta")}));
    CHECK(typo.exitCode == 2);
    CHECK(typo.err.contains(QStringLiteral("pattern \"zeta\" matched no blob")));
}

TEST_CASE("remove: /Y deletes exactly the matched blobs, snapshots included",
          "[commands][remove][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer(QStringLiteral("rmyes"));
    service.createContainer(container);
    for (const char *name : {"tmp-1", "tmp-2", "keep-1", "sub/tmp-3"})
        service.putBlob(container, QString::fromLatin1(name), "bytes");
    service.snapshotBlob(container, QStringLiteral("tmp-1"));

    const auto result =
        runCli(withKey(service, {QStringLiteral("--remove"), service.containerUrl(container),
                                 QStringLiteral("tmp-"), QStringLiteral("/Y")}));
    INFO(result.out.toStdString() << result.err.toStdString());
    CHECK(result.exitCode == 0);
    CHECK(result.out.contains(QStringLiteral("Removed: 2")));
    CHECK(result.out.contains(QStringLiteral("Failed: 0")));
    // Without /S the virtual directory's tmp-3 is not matched.
    CHECK(service.blobNames(container) ==
          QStringList{QStringLiteral("keep-1"), QStringLiteral("sub/tmp-3")});
    CHECK(service.countWithSnapshots(container, QStringLiteral("tmp-1")) == 0);
}

TEST_CASE("remove: /DryRun lists what would go and deletes nothing", "[commands][remove][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer(QStringLiteral("rmdry"));
    service.createContainer(container);
    for (const char *name : {"a", "b", "c/d"})
        service.putBlob(container, QString::fromLatin1(name), "bytes");

    const auto result =
        runCli(withKey(service, {QStringLiteral("--remove"), service.containerUrl(container),
                                 QStringLiteral("/S"), QStringLiteral("/DryRun")}));
    INFO(result.out.toStdString() << result.err.toStdString());
    CHECK(result.exitCode == 0);
    CHECK(result.out.contains(QStringLiteral("Would remove: a\n")));
    CHECK(result.out.contains(QStringLiteral("Would remove: c/d\n")));
    CHECK(result.out.contains(QStringLiteral("Would remove: 3")));
    CHECK(service.blobNames(container).size() == 3);
}

TEST_CASE("remove: asks once with the count: no deletes nothing, yes deletes them",
          "[commands][remove][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer(QStringLiteral("rmask"));
    service.createContainer(container);
    for (const char *name : {"x1", "x2", "y1"})
        service.putBlob(container, QString::fromLatin1(name), "bytes");
    const QStringList args =
        withKey(service,
                {QStringLiteral("--remove"), service.containerUrl(container), QStringLiteral("x")});

    const auto no = runCliOnPty(args, {QStringLiteral("no")});
    INFO(no.screen.toStdString());
    CHECK(no.prompts == 1);
    CHECK(no.screen.contains(
        QStringLiteral("Remove 2 blob(s), each with its snapshots, from %1? (Yes/No)")
            .arg(service.containerUrl(container))));
    CHECK(no.exitCode == 0);
    CHECK(service.blobNames(container).size() == 3);

    const auto yes = runCliOnPty(args, {QStringLiteral("yes")});
    INFO(yes.screen.toStdString());
    CHECK(yes.prompts == 1);
    CHECK(yes.exitCode == 0);
    CHECK(service.blobNames(container) == QStringList{QStringLiteral("y1")});
}

TEST_CASE("remove: without /Y and without a terminal is refused before anything goes",
          "[commands][remove][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer(QStringLiteral("rmtty"));
    service.createContainer(container);
    service.putBlob(container, QStringLiteral("a"), "bytes");
    const auto result =
        runCli(withKey(service, {QStringLiteral("--remove"), service.containerUrl(container)}));
    CHECK(result.exitCode == 2);
    REQUIRE(result.errLines().size() == 1);
    CHECK(result.errLines()[0].contains(QStringLiteral("add --yes (/Y)")));
    CHECK(service.blobNames(container) == QStringList{QStringLiteral("a")});
}

TEST_CASE("set-tier: changes the tier Get Blob Properties reports, and back out of Archive",
          "[commands][tier][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer(QStringLiteral("tier"));
    service.createContainer(container);
    for (const char *name : {"logs/1", "logs/2", "other"})
        service.putBlob(container, QString::fromLatin1(name), "bytes");
    const QString url = service.containerUrl(container);

    const auto cool =
        runCli(withKey(service, {QStringLiteral("--set-tier"), QStringLiteral("COOL"), url,
                                 QStringLiteral("logs/"), QStringLiteral("/S")}));
    INFO(cool.out.toStdString() << cool.err.toStdString());
    CHECK(cool.exitCode == 0);
    CHECK(cool.out.contains(QStringLiteral("Set: 2")));
    CHECK(tierOf(service, container, QStringLiteral("logs/1")) == "Cool");
    CHECK(tierOf(service, container, QStringLiteral("logs/2")) == "Cool");
    CHECK(tierOf(service, container, QStringLiteral("other")) == "Hot");

    const auto archive =
        runCli(withKey(service, {QStringLiteral("--set-tier"), QStringLiteral("archive"), url,
                                 QStringLiteral("other")}));
    CHECK(archive.exitCode == 0);
    CHECK(tierOf(service, container, QStringLiteral("other")) == "Archive");

    const auto back = runCli(withKey(
        service, {QStringLiteral("--set-tier"), QStringLiteral("hot"), url, QStringLiteral("other"),
                  QStringLiteral("--rehydrate-priority"), QStringLiteral("high")}));
    INFO(back.out.toStdString() << back.err.toStdString());
    CHECK(back.exitCode == 0);
    QByteArray status;
    const QByteArray tier = tierOf(service, container, QStringLiteral("other"), &status);
    // Rehydrating: still Archive with a pending status, or (an emulator) Hot at once.
    CHECK((tier == "Hot" || status == "rehydrate-pending-to-hot"));
}

TEST_CASE("bad input to the blob commands is one line and exit 2", "[commands][badinput]")
{
    TestService service;
    const QString url = service.containerUrl(QStringLiteral("anything"));
    const auto oneLine = [](const CliResult &result, const QString &phrase) {
        INFO(result.out.toStdString() << result.err.toStdString());
        CHECK(result.exitCode == 2);
        REQUIRE(result.errLines().size() == 1);
        CHECK(result.errLines()[0].startsWith(QStringLiteral("blobferry-cli: ")));
        CHECK(result.errLines()[0].contains(phrase));
    };
    oneLine(runCli(withKey(service, {QStringLiteral("--set-tier"), QStringLiteral("warm"), url})),
            QStringLiteral("--set-tier takes Hot, Cool, Cold or Archive, not 'warm'"));
    oneLine(runCli(withKey(service, {QStringLiteral("--list"), service.endpoint()})),
            QStringLiteral("names no container: add /CONTAINER to it"));
    oneLine(runCli({QStringLiteral("--remove"), url, QStringLiteral("/Y")}),
            QStringLiteral("--remove needs the account's key"));
    oneLine(runCli(withKey(service, {QStringLiteral("--list")})),
            QStringLiteral("--list needs a blob URL"));
    oneLine(runCli(withKey(service, {QStringLiteral("--list"), QStringLiteral("./here")})),
            QStringLiteral("works on a blob URL"));
    oneLine(runCli(withKey(service, {QStringLiteral("--list"), QStringLiteral("--remove"), url})),
            QStringLiteral("separate commands"));
    oneLine(runCli(withKey(service,
                           {QStringLiteral("--set-tier"), QStringLiteral("hot"), url,
                            QStringLiteral("--rehydrate-priority"), QStringLiteral("urgent")})),
            QStringLiteral("--rehydrate-priority takes standard or high"));
    // The key never comes back, whatever went wrong.
    const auto badKey =
        runCli({QStringLiteral("--list"), url, QStringLiteral("/SourceKey:") + service.key(),
                QStringLiteral("--output"), QStringLiteral("xml")});
    CHECK(badKey.exitCode == 2);
    CHECK_FALSE(badKey.err.contains(service.key()));
}
