// SPDX-License-Identifier: MIT
// Hostile and awkward blob names, written to Azurite by raw HTTP so nothing normalises them on
// the way in, then downloaded and uploaded again with the real blobferry-cli: nothing may land
// outside the destination, every blob must land somewhere inside it, every renaming is printed,
// and the upload of the downloaded tree gives the original names back.
#include "support/CliRunner.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QUuid>
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace blobferry::test;

namespace {

const QString kManifest = QStringLiteral(".blobferry-names.json");

// Not QDir::filePath: it takes a name that starts with ':' for an absolute resource path.
QString join(const QString &root, const QString &relative)
{
    return root + QLatin1Char('/') + relative;
}

QByteArray contentOf(const QString &blobName)
{
    return "bytes of " + blobName.toUtf8();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A destination inside a parent of its own, so a test can see that nothing lands beside it.
struct Destination
{
    QTemporaryDir parent;
    QString root = join(parent.path(), QStringLiteral("dest"));

    QStringList parentEntries() const
    {
        return QDir(parent.path())
            .entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    }
    // The files of the tree, the manifest left out.
    QStringList files() const
    {
        QStringList out = filesUnder(root);
        out.removeAll(kManifest);
        return out;
    }
    QList<QByteArray> contents() const
    {
        QList<QByteArray> out;
        for (const QString &file : files())
            out.append(readFile(join(root, file)));
        std::sort(out.begin(), out.end());
        return out;
    }
};

QStringList download(const TestService &service, const QString &container,
                     const QString &destination, CliResult *result, const QStringList &extra = {})
{
    *result = runCli(QStringList{service.containerUrl(container), destination, QStringLiteral("/S"),
                                 QStringLiteral("--source-key"), service.key()} +
                     extra);
    QStringList renamed;
    for (const QString &line : result->outLines())
        if (line.startsWith(QLatin1String("Renamed: ")) && line.contains(QLatin1String(" -> ")))
            renamed.append(line);
    return renamed;
}

// Uploads the tree into a fresh container and returns it.
QString uploadAgain(const TestService &service, const QString &tree)
{
    const QString container = service.uniqueContainer(QStringLiteral("back"));
    const auto result = runCli({tree, service.containerUrl(container), QStringLiteral("/S"),
                                QStringLiteral("--dest-key"), service.key()});
    INFO(result.out.toStdString() << result.err.toStdString());
    CHECK(result.exitCode == 0);
    return container;
}

void putAll(const TestService &service, const QString &container, const QStringList &names,
            const QSet<QString> &markers = {})
{
    service.createContainer(container);
    for (const QString &name : names)
        service.putBlob(container, name, markers.contains(name) ? QByteArray() : contentOf(name));
}

} // namespace

TEST_CASE("hostile blob names land inside the destination and come back on upload",
          "[names][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer(QStringLiteral("names"));
    const QString escape =
        QStringLiteral("escape-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
    const QString longSegment = QString(300, QLatin1Char('L')) + QStringLiteral(".txt");
    const QStringList names{
        QStringLiteral("../x"),
        QStringLiteral("a/../../x"),
        QStringLiteral("/abs"),
        QStringLiteral("."),
        QStringLiteral(".."),
        QStringLiteral("a"),
        QStringLiteral("a/b"),
        QStringLiteral("x//y"),
        QStringLiteral("x/y"),
        QStringLiteral("long/") + longSegment,
        QStringLiteral("dir/"),
        QStringLiteral("bytes/"),
        QStringLiteral("tab\there"),
        QString::fromUtf8("bad\xef\xbf\xbdname"),
        QStringLiteral("../../../../../../") + escape,
        QStringLiteral("plain.txt"),
        QStringLiteral(":colon/first"), // Qt takes ":..." for a resource path if given a chance
    };
    putAll(service, container, names, {QStringLiteral("dir/")});

    // They reached the service as they are: no client on the way resolved "..", "." or "//".
    QStringList sorted = names;
    sorted.sort();
    REQUIRE(service.blobNames(container) == sorted);
    bool longKept = false;
    for (const auto &blob : service.listBlobs(container))
        longKept = longKept || blob.name.section(QLatin1Char('/'), 1).toUtf8().size() == 304;
    CHECK(longKept);

    Destination dest;
    CliResult result;
    const QStringList renamed = download(service, container, dest.root, &result);
    INFO(result.out.toStdString() << result.err.toStdString());

    // Every blob is read, "." and ".." included (sent as "CONTAINER%2F.." past Qt's resolving).
    CHECK(result.exitCode == 0);
    CHECK(result.err.isEmpty());

    // Nothing outside: the destination's parent holds the destination alone, and the escape
    // name is nowhere above it.
    CHECK(dest.parentEntries() == QStringList{QStringLiteral("dest")});
    QDir above(dest.parent.path());
    for (int level = 0; level < 6 && above.cdUp(); ++level)
        CHECK_FALSE(QFileInfo::exists(join(above.path(), escape)));

    // Every other blob is somewhere inside, with its bytes; the folder marker is a folder.
    QList<QByteArray> expected;
    for (const QString &name : names)
        if (name != QLatin1String("dir/"))
            expected.append(contentOf(name));
    std::sort(expected.begin(), expected.end());
    CHECK(dest.files().size() == expected.size());
    CHECK(dest.contents() == expected);
    CHECK(QFileInfo(join(dest.root, QStringLiteral("dir"))).isDir());
    CHECK(readFile(join(dest.root, QStringLiteral("plain.txt"))) == contentOf("plain.txt"));
    CHECK(readFile(join(dest.root, QStringLiteral("a(1)"))) == contentOf("a"));
    CHECK(readFile(join(dest.root, QStringLiteral("a/b"))) == contentOf("a/b"));
    CHECK(readFile(join(dest.root, QStringLiteral("tab\there"))) == contentOf("tab\there"));
    CHECK(readFile(join(dest.root, QStringLiteral(":colon/first"))) == contentOf(":colon/first"));

    // Every renaming printed, and counted.
    for (const char *line : {"Renamed: ../x -> dotdot/x", "Renamed: a/../../x -> a/dotdot/dotdot/x",
                             "Renamed: /abs -> abs", "Renamed: a -> a(1)", "Renamed: x//y -> x/y",
                             "Renamed: x/y -> x/y(1)", "Renamed: bytes/ -> bytes%2F",
                             "Renamed: bad\xef\xbf\xbdname -> bad%EF%BF%BDname"})
        CHECK(renamed.contains(QString::fromUtf8(line)));
    CHECK(renamed.contains(QStringLiteral("Renamed: ../../../../../../%1 -> "
                                          "dotdot/dotdot/dotdot/dotdot/dotdot/dotdot/%1")
                               .arg(escape)));
    bool shortened = false;
    for (const QString &line : renamed)
        shortened = shortened || (line.startsWith(QStringLiteral("Renamed: long/") + longSegment +
                                                  QStringLiteral(" -> long/LLL")) &&
                                  line.endsWith(QLatin1String(".txt")) &&
                                  line.section(QLatin1Char('/'), -1).toUtf8().size() == 255);
    CHECK(shortened);
    // ".." was "dotdot" until "../x" needed that name for a folder: two lines, one rename.
    CHECK(renamed.contains(QStringLiteral("Renamed: . -> dot")));
    CHECK(renamed.contains(QStringLiteral("Renamed: .. -> dotdot(1)")));
    CHECK(readFile(join(dest.root, QStringLiteral("dot"))) == contentOf("."));
    CHECK(readFile(join(dest.root, QStringLiteral("dotdot(1)"))) == contentOf(".."));
    CHECK(renamed.size() == 13);
    CHECK(result.outLines().contains(QStringLiteral("Renamed: 12")));
    CHECK(result.out.contains(
        QString::fromUtf8("Not valid UTF-8: bad\xef\xbf\xbdname (written with %EF%BF%BD codes)")));

    // The way back: the downloaded tree uploads under the original names, the folder marker
    // included, the manifest left out.
    const QString back = uploadAgain(service, dest.root);
    CHECK(service.blobNames(back) == sorted);
    for (const QString &name : sorted)
        if (name != QLatin1String("dir/"))
            CHECK(service.getBlob(back, name) == contentOf(name));
}

TEST_CASE("a blob a beside blobs under a/: the directory wins and the file becomes a(1)",
          "[names][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer(QStringLiteral("dirwins"));
    service.createContainer(container);
    // "a" is big and fetched in 1 MiB ranges: it is usually still arriving when "a/b" is
    // planned, and must end up as a(1) whether it is or not.
    const QByteArray big = TestTree::contentFor(QStringLiteral("a"), 12 * 1024 * 1024 + 7);
    service.putBlob(container, QStringLiteral("a"), big);
    service.putBlob(container, QStringLiteral("a/b"), contentOf("a/b"));
    service.putBlob(container, QStringLiteral("a/c/d"), contentOf("a/c/d"));

    Destination dest;
    CliResult result;
    const QStringList renamed = download(service, container, dest.root, &result,
                                         {QStringLiteral("--block-size"), QStringLiteral("1")});
    INFO(result.out.toStdString() << result.err.toStdString());
    REQUIRE(result.exitCode == 0);
    CHECK(dest.files() ==
          QStringList{QStringLiteral("a(1)"), QStringLiteral("a/b"), QStringLiteral("a/c/d")});
    const bool sameBytes = readFile(join(dest.root, QStringLiteral("a(1)"))) == big;
    CHECK(sameBytes);
    CHECK(renamed == QStringList{QStringLiteral("Renamed: a -> a(1)")});
    CHECK(result.outLines().contains(QStringLiteral("Renamed: 1")));

    const QString back = uploadAgain(service, dest.root);
    CHECK(service.blobNames(back) ==
          QStringList{QStringLiteral("a"), QStringLiteral("a/b"), QStringLiteral("a/c/d")});
    const bool sameBack = service.getBlob(back, QStringLiteral("a")) == big;
    CHECK(sameBack);
}

TEST_CASE("with --case-insensitive, A.txt and a.txt both land, the second as a(1).txt",
          "[names][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer(QStringLiteral("case"));
    const QStringList names{QStringLiteral("A.txt"), QStringLiteral("a.txt"),
                            QStringLiteral("Dir/x"), QStringLiteral("dir/y")};
    putAll(service, container, names);
    CHECK(service.blobNames(container).size() == 4);

    Destination dest;
    CliResult result;
    const QStringList renamed =
        download(service, container, dest.root, &result, {QStringLiteral("--case-insensitive")});
    INFO(result.out.toStdString() << result.err.toStdString());
    REQUIRE(result.exitCode == 0);
    CHECK(dest.files() == QStringList{QStringLiteral("A.txt"), QStringLiteral("Dir/x"),
                                      QStringLiteral("a(1).txt"), QStringLiteral("dir(1)/y")});
    CHECK(readFile(join(dest.root, QStringLiteral("a(1).txt"))) == contentOf("a.txt"));
    CHECK(renamed.contains(QStringLiteral("Renamed: a.txt -> a(1).txt")));
    CHECK(renamed.contains(QStringLiteral("Renamed: dir/y -> dir(1)/y")));

    const QString back = uploadAgain(service, dest.root);
    QStringList sorted = names;
    sorted.sort();
    CHECK(service.blobNames(back) == sorted);

    // Without the option, on this case-sensitive file system, nothing needs renaming.
    Destination plain;
    CliResult plainResult;
    CHECK(download(service, container, plain.root, &plainResult).isEmpty());
    CHECK(plainResult.exitCode == 0);
    CHECK(plain.files() == QStringList{QStringLiteral("A.txt"), QStringLiteral("Dir/x"),
                                       QStringLiteral("a.txt"), QStringLiteral("dir/y")});
}

TEST_CASE("with --windows-names, names Windows cannot hold are written as codes",
          "[names][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer(QStringLiteral("win"));
    const QStringList names{QStringLiteral("CON.txt"), QStringLiteral("a:b"),
                            QStringLiteral("trail."), QStringLiteral("what?/x|y")};
    putAll(service, container, names);

    Destination dest;
    CliResult result;
    const QStringList renamed =
        download(service, container, dest.root, &result, {QStringLiteral("--windows-names")});
    INFO(result.out.toStdString() << result.err.toStdString());
    REQUIRE(result.exitCode == 0);
    CHECK(dest.files() == QStringList{QStringLiteral("CON_.txt"), QStringLiteral("a%3Ab"),
                                      QStringLiteral("trail%2E"), QStringLiteral("what%3F/x%7Cy")});
    CHECK(renamed.size() == 4);
    CHECK(renamed.contains(QStringLiteral("Renamed: CON.txt -> CON_.txt")));

    const QString back = uploadAgain(service, dest.root);
    QStringList sorted = names;
    sorted.sort();
    CHECK(service.blobNames(back) == sorted);
}

TEST_CASE("a symbolic link inside the destination is not followed out of it", "[names][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer(QStringLiteral("link"));
    putAll(service, container,
           {QStringLiteral("out/x"), QStringLiteral("out"), QStringLiteral("fine.txt")});

    Destination dest;
    const QString outside = join(dest.parent.path(), QStringLiteral("outside"));
    REQUIRE(QDir().mkpath(outside));
    REQUIRE(QDir().mkpath(dest.root));
    REQUIRE(QFile::link(outside, join(dest.root, QStringLiteral("out"))));

    CliResult result;
    download(service, container, dest.root, &result);
    INFO(result.out.toStdString() << result.err.toStdString());
    CHECK(result.exitCode == 1);
    CHECK(result.err.contains(QStringLiteral("Failed Transfer: out/x: the destination path out/x "
                                             "goes through the symbolic link out")));
    CHECK(result.err.contains(
        QStringLiteral("Failed Transfer: out: out in the destination is a symbolic link")));
    CHECK(QDir(outside).isEmpty());
    CHECK(QFileInfo(join(dest.root, QStringLiteral("out"))).isSymLink());
    CHECK(readFile(join(dest.root, QStringLiteral("fine.txt"))) == contentOf("fine.txt"));
}

TEST_CASE("local file names that are not UTF-8 are reported as failed, not uploaded",
          "[names][azurite]")
{
    TestService service;
    TestTree source;
    source.write(QStringLiteral("good.txt"), 5);
    source.write(QStringLiteral("sub/ok.txt"), 5);
    const QByteArray root = QFile::encodeName(source.path());
    const QByteArray badFile = root + "/bad\xff.txt";
    const QByteArray badDir = root + "/sub/dir\xfe";
    ::close(::open(badFile.constData(), O_CREAT | O_WRONLY, 0644));
    REQUIRE(::mkdir(badDir.constData(), 0755) == 0);
    ::close(::open((badDir + "/inner.txt").constData(), O_CREAT | O_WRONLY, 0644));

    const QString container = service.uniqueContainer(QStringLiteral("utf"));
    const auto result = runCli({source.path(), service.containerUrl(container),
                                QStringLiteral("/S"), QStringLiteral("--dest-key"), service.key()});
    INFO(result.out.toStdString() << result.err.toStdString());
    CHECK(result.exitCode == 1);
    CHECK(result.errLines().contains(QStringLiteral(
        "Failed Transfer: bad\\xFF.txt: the file name is not valid UTF-8, so it cannot become a "
        "blob name; rename the file to upload it")));
    CHECK(result.err.contains(QStringLiteral("Failed Transfer: sub/dir\\xFE: the directory name "
                                             "is not valid UTF-8")));
    CHECK(result.out.contains(QStringLiteral("Transfer failed: 2")));
    CHECK(service.blobNames(container) ==
          QStringList{QStringLiteral("good.txt"), QStringLiteral("sub/ok.txt")});

    // QTemporaryDir cannot remove what Qt cannot name.
    ::unlink((badDir + "/inner.txt").constData());
    ::rmdir(badDir.constData());
    ::unlink(badFile.constData());
}

TEST_CASE("blobs named . and .. move blob to blob and download as dot and dotdot",
          "[names][azurite]")
{
    // Qt resolves "." and ".." segments in a request path and decodes "%2E" first; such a
    // blob is addressed as "CONTAINER%2F..", which the service reads as CONTAINER/.. .
    TestService service;
    const QString from = service.uniqueContainer(QStringLiteral("dots"));
    const QStringList names{QStringLiteral("."), QStringLiteral(".."), QStringLiteral("a/../x")};
    putAll(service, from, names);

    const QString to = service.uniqueContainer(QStringLiteral("dotscopy"));
    const auto move =
        runCli({service.containerUrl(from), service.containerUrl(to), QStringLiteral("/S"),
                QStringLiteral("/MOV"), QStringLiteral("--source-key"), service.key(),
                QStringLiteral("--dest-key"), service.key()});
    INFO(move.out.toStdString() << move.err.toStdString());
    CHECK(move.exitCode == 0);
    CHECK(service.blobNames(to) == names);
    for (const QString &name : names)
        CHECK(service.getBlob(to, name) == contentOf(name));
    CHECK(service.blobNames(from).isEmpty()); // each deleted after its copy

    Destination dest;
    CliResult result;
    const QStringList renamed = download(service, to, dest.root, &result);
    INFO(result.out.toStdString() << result.err.toStdString());
    CHECK(result.exitCode == 0);
    CHECK(renamed == QStringList{QStringLiteral("Renamed: . -> dot"),
                                 QStringLiteral("Renamed: .. -> dotdot"),
                                 QStringLiteral("Renamed: a/../x -> a/dotdot/x")});
    CHECK(readFile(join(dest.root, QStringLiteral("dot"))) == contentOf("."));
    CHECK(readFile(join(dest.root, QStringLiteral("dotdot"))) == contentOf(".."));
    CHECK(readFile(join(dest.root, QStringLiteral("a/dotdot/x"))) == contentOf("a/../x"));
    CHECK(dest.parentEntries() == QStringList{QStringLiteral("dest")});
}
