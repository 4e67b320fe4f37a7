// SPDX-License-Identifier: MIT
// The original's remaining options against the run's Azurite, checked through the service:
// content types, move, mirror and the JSON output.
#include "OptionsHelpers.h"
#include "support/CliRunner.h"
#include "support/PtyRunner.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>
#include <catch2/catch.hpp>

using namespace blobferry;
using namespace blobferry::test;
using namespace blobferry::test::options;

TEST_CASE("an upload stores each file's content type, guessed by name then by content",
          "[options][azurite]")
{
    TestService service;
    TestTree tree;
    tree.writeText(QStringLiteral("site.css"), "body { color: red }\n");
    tree.writeText(QStringLiteral("page.html"), "<html><body>hi</body></html>\n");
    tree.writeText(QStringLiteral("picture"), "\x89PNG\r\n\x1a\n0000000000000000");
    tree.write(QStringLiteral("noise"), 300);
    const QString container = service.uniqueContainer();
    const auto up = runCli(upload(service, tree.path(), container));
    INFO(up.out.toStdString() << up.err.toStdString());
    REQUIRE(up.exitCode == 0);
    auto typeOf = [&](const char *name) {
        return QString::fromLatin1(
            head(service, container, QString::fromLatin1(name)).header("Content-Type"));
    };
    CHECK(typeOf("site.css") == QStringLiteral("text/css"));
    CHECK(typeOf("page.html") == QStringLiteral("text/html"));
    CHECK(typeOf("picture") == QStringLiteral("image/png")); // no extension: by its bytes
    CHECK(typeOf("noise") == QStringLiteral("application/octet-stream"));

    const QString forced = service.uniqueContainer();
    REQUIRE(runCli(upload(service, tree.path(), forced,
                          {QStringLiteral("--content-type"), QStringLiteral("text/x-custom")}))
                .exitCode == 0);
    CHECK(QString::fromLatin1(
              head(service, forced, QStringLiteral("site.css")).header("Content-Type")) ==
          QStringLiteral("text/x-custom"));

    const QString plain = service.uniqueContainer();
    REQUIRE(runCli(upload(service, tree.path(), plain, {QStringLiteral("--no-guess-mime-type")}))
                .exitCode == 0);
    CHECK(QString::fromLatin1(
              head(service, plain, QStringLiteral("site.css")).header("Content-Type")) ==
          QStringLiteral("application/octet-stream"));
}

TEST_CASE("overwriting a blob sets the new file's properties, no stale Content-Encoding",
          "[options][azurite]")
{
    TestService service;
    TestTree tree;
    tree.writeText(QStringLiteral("small.js"), "console.log(1)\n");
    tree.write(QStringLiteral("large.txt"), 3 * kMiB + 5); // blocks and Put Block List
    const QString container = service.uniqueContainer();
    service.createContainer(container);
    azure::BlobProperties old;
    old.contentType = QStringLiteral("application/x-old");
    old.contentEncoding = "gzip";
    for (const char *name : {"small.js", "large.txt"}) {
        putBlobWith(service, container, QString::fromLatin1(name), "old bytes", old);
        REQUIRE(head(service, container, QString::fromLatin1(name)).header("Content-Encoding") ==
                "gzip");
    }

    const auto up =
        runCli(upload(service, tree.path(), container,
                      {QStringLiteral("/Y"), QStringLiteral("--block-size"), QStringLiteral("1")}));
    INFO(up.out.toStdString() << up.err.toStdString());
    REQUIRE(up.exitCode == 0);
    for (const char *name : {"small.js", "large.txt"}) {
        INFO(name);
        const auto props = head(service, container, QString::fromLatin1(name));
        CHECK(props.header("Content-Encoding").isEmpty());
        CHECK(props.header("Content-Type") != "application/x-old");
        CHECK(props.header("Content-Length").toLongLong() ==
              QFileInfo(tree.filePath(QString::fromLatin1(name))).size());
    }
    CHECK(head(service, container, QStringLiteral("large.txt")).header("Content-Type") ==
          "text/plain");
}

TEST_CASE("a move uploads each file and then deletes it but a skipped file stays",
          "[options][azurite]")
{
    TestService service;
    TestTree tree;
    tree.writeText(QStringLiteral("a.txt"), "alpha");
    tree.write(QStringLiteral("sub/b.bin"), 2 * kMiB + 3);
    tree.writeText(QStringLiteral("kept.txt"), "mine");
    const QString container = service.uniqueContainer();
    service.createContainer(container);
    service.putBlob(container, QStringLiteral("kept.txt"), "theirs"); // not overwritten: stays

    const auto up = runCli(upload(service, tree.path(), container,
                                  {QStringLiteral("/MOV"), QStringLiteral("/S"),
                                   QStringLiteral("--block-size"), QStringLiteral("1")}));
    INFO(up.out.toStdString() << up.err.toStdString());
    REQUIRE(up.exitCode == 0);
    CHECK(service.getBlob(container, QStringLiteral("a.txt")) == "alpha");
    const bool sameBytes = service.getBlob(container, QStringLiteral("sub/b.bin")) ==
                           TestTree::contentFor(QStringLiteral("sub/b.bin"), 2 * kMiB + 3);
    CHECK(sameBytes);
    CHECK(service.getBlob(container, QStringLiteral("kept.txt")) == "theirs");
    CHECK(tree.files() == QStringList{QStringLiteral("kept.txt")});
}

TEST_CASE("a move downloads each blob and then deletes it but a failed copy keeps its blob",
          "[options][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer();
    service.createContainer(container);
    service.putBlob(container, QStringLiteral("one.txt"), "one");
    service.putBlob(container, QStringLiteral("dir/two.txt"), "two");
    // Listed but not readable (archived): its copy fails.
    service.putBlob(container, QStringLiteral("archived.txt"), "cannot be read");
    service.archiveBlob(container, QStringLiteral("archived.txt"));
    QTemporaryDir target;

    const auto down = runCli(download(service, container, target.path(),
                                      {QStringLiteral("--move"), QStringLiteral("/S")}));
    INFO(down.out.toStdString() << down.err.toStdString());
    CHECK(down.exitCode == 1);
    CHECK(down.err.contains(QStringLiteral("Failed Transfer: archived.txt: the blob is in the "
                                           "Archive tier")));
    QFile one(QDir(target.path()).filePath(QStringLiteral("one.txt")));
    REQUIRE(one.open(QIODevice::ReadOnly));
    CHECK(one.readAll() == "one");
    CHECK(QFileInfo::exists(QDir(target.path()).filePath(QStringLiteral("dir/two.txt"))));
    CHECK(service.blobNames(container) == QStringList{QStringLiteral("archived.txt")});
}

TEST_CASE("a mirror upload deletes the blobs the source no longer has, within its scope",
          "[options][azurite]")
{
    TestService service;
    TestTree tree;
    tree.writeText(QStringLiteral("keep.txt"), "k");
    tree.writeText(QStringLiteral("sub/deep.txt"), "d");
    const QString container = service.uniqueContainer();
    service.createContainer(container);
    for (const char *name : {"dir/gone.txt", "dir/keep.txt", "dir/sub/old.txt",
                             "dir/.blobferry-names.json", "other/untouched.txt", "dirt.txt"})
        service.putBlob(container, QString::fromLatin1(name), "x");
    const QString destination = service.containerUrl(container, QStringLiteral("dir"));
    auto args = [&](const QStringList &extra) {
        return QStringList{tree.path(), destination, QStringLiteral("--dest-key"), service.key()} +
               extra;
    };

    // Nobody at a terminal and no --yes: refused before anything is copied.
    const auto refused = runCli(args({QStringLiteral("/MIR"), QStringLiteral("/S")}));
    CHECK(refused.exitCode == 2);
    CHECK(refused.err.contains(QStringLiteral("--yes")));
    CHECK(service.getBlob(container, QStringLiteral("dir/keep.txt")) == "x");

    // A dry run lists what would go and changes nothing.
    const auto dry =
        runCli(args({QStringLiteral("/MIR"), QStringLiteral("/S"), QStringLiteral("--dry-run")}));
    INFO(dry.out.toStdString() << dry.err.toStdString());
    CHECK(dry.exitCode == 0);
    CHECK(dry.outLines().contains(QStringLiteral("Would delete: dir/gone.txt")));
    CHECK(dry.outLines().contains(QStringLiteral("Would delete: dir/sub/old.txt")));
    CHECK(dry.out.contains(QStringLiteral("Would delete (mirror): 2")));
    CHECK(service.blobNames(container).size() == 6);

    // Without /S only the top level is the mirror's: dir/sub/old.txt stays.
    const auto top = runCli(args({QStringLiteral("/MIR"), QStringLiteral("/Y")}));
    INFO(top.out.toStdString() << top.err.toStdString());
    CHECK(top.exitCode == 0);
    CHECK(top.outLines().contains(QStringLiteral("Deleted: dir/gone.txt")));
    CHECK(service.blobNames(container) ==
          QStringList{QStringLiteral("dir/.blobferry-names.json"), QStringLiteral("dir/keep.txt"),
                      QStringLiteral("dir/sub/old.txt"), QStringLiteral("dirt.txt"),
                      QStringLiteral("other/untouched.txt")});

    const auto all =
        runCli(args({QStringLiteral("/MIR"), QStringLiteral("/Y"), QStringLiteral("/S")}));
    CHECK(all.exitCode == 0);
    CHECK(service.blobNames(container) ==
          QStringList{QStringLiteral("dir/.blobferry-names.json"), QStringLiteral("dir/keep.txt"),
                      QStringLiteral("dir/sub/deep.txt"), QStringLiteral("dirt.txt"),
                      QStringLiteral("other/untouched.txt")});
    CHECK(service.getBlob(container, QStringLiteral("dir/keep.txt")) == "k");
}

TEST_CASE("a mirror download deletes extra local files only after every copy succeeded",
          "[options][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer();
    service.createContainer(container);
    service.putBlob(container, QStringLiteral("a.txt"), "a");
    service.putBlob(container, QStringLiteral("sub/b.txt"), "b");
    QTemporaryDir target;
    auto write = [&](const char *relative) {
        const QString path = QDir(target.path()).filePath(QString::fromLatin1(relative));
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write("local");
    };
    for (const char *name : {"stale.txt", "sub/stale2.txt", "other.bfpart"})
        write(name);
    // A container with a blob whose copy fails: nothing may be deleted.
    const QString failing = service.uniqueContainer();
    service.createContainer(failing);
    service.putBlob(failing, QStringLiteral("a.txt"), "a");
    service.putBlob(failing, QStringLiteral("archived.txt"), "cannot be read");
    service.archiveBlob(failing, QStringLiteral("archived.txt"));
    const auto failed =
        runCli(download(service, failing, target.path(),
                        {QStringLiteral("/MIR"), QStringLiteral("/S"), QStringLiteral("/Y")}));
    INFO(failed.out.toStdString() << failed.err.toStdString());
    CHECK(failed.exitCode == 1);
    CHECK(failed.out.contains(QStringLiteral("nothing was deleted")));
    CHECK(QFileInfo::exists(QDir(target.path()).filePath(QStringLiteral("stale.txt"))));
    CHECK(QFileInfo::exists(QDir(target.path()).filePath(QStringLiteral("sub/stale2.txt"))));
    // On a terminal: one question with the count; "no" keeps everything, "yes" deletes.
    // (/XO with /XN: files already there are skipped without an overwrite question.)
    const QStringList args = download(service, container, target.path(),
                                      {QStringLiteral("/MIR"), QStringLiteral("/S"),
                                       QStringLiteral("/XO"), QStringLiteral("/XN")});
    const auto no = runCliOnPty(args, {QStringLiteral("no")});
    INFO(no.screen.toStdString());
    CHECK(no.exitCode == 0);
    CHECK(no.prompts == 1);
    CHECK(no.screen.contains(QStringLiteral("delete 2 item(s)")));
    CHECK(no.screen.contains(QStringLiteral("kept the 2")));
    CHECK(QFileInfo::exists(QDir(target.path()).filePath(QStringLiteral("stale.txt"))));
    const auto yes = runCliOnPty(args, {QStringLiteral("yes")});
    INFO(yes.screen.toStdString());
    CHECK(yes.exitCode == 0);
    CHECK(filesUnder(target.path()) == QStringList{QStringLiteral("a.txt"),
                                                   QStringLiteral("other.bfpart"),
                                                   QStringLiteral("sub/b.txt")});
}

TEST_CASE("json output prints one object per file and one summary, people's text on stderr",
          "[options][azurite]")
{
    TestService service;
    TestTree tree;
    tree.writeText(QStringLiteral("a.txt"), "alpha");
    tree.writeText(QStringLiteral("b.txt"), "beta!");
    const QString container = service.uniqueContainer();
    const auto up = runCli(upload(service, tree.path(), container,
                                  {QStringLiteral("--output"), QStringLiteral("json")}));
    INFO(up.out.toStdString() << up.err.toStdString());
    REQUIRE(up.exitCode == 0);
    const QStringList lines = up.outLines();
    REQUIRE(lines.size() == 3);
    QStringList names;
    for (int i = 0; i < 2; ++i) {
        QJsonParseError error;
        const QJsonObject file = QJsonDocument::fromJson(lines[i].toUtf8(), &error).object();
        REQUIRE(error.error == QJsonParseError::NoError);
        CHECK(file.value(QStringLiteral("type")).toString() == QStringLiteral("file"));
        CHECK(file.value(QStringLiteral("state")).toString() == QStringLiteral("completed"));
        CHECK(file.value(QStringLiteral("bytes")).toInt() == 5);
        names.append(file.value(QStringLiteral("name")).toString());
    }
    names.sort();
    CHECK(names == QStringList{QStringLiteral("a.txt"), QStringLiteral("b.txt")});
    const QJsonObject summary = QJsonDocument::fromJson(lines[2].toUtf8()).object();
    CHECK(summary.value(QStringLiteral("type")).toString() == QStringLiteral("summary"));
    CHECK(summary.value(QStringLiteral("succeeded")).toInt() == 2);
    CHECK(summary.value(QStringLiteral("failed")).toInt() == 0);
    CHECK(summary.value(QStringLiteral("bytes")).toInt() == 10);
    CHECK(up.err.contains(QStringLiteral("Transfer successfully: 2")));
    CHECK(service.getBlob(container, QStringLiteral("b.txt")) == "beta!");
}

TEST_CASE("gzip: chosen files are stored compressed and downloads decompress them",
          "[options][azurite]")
{
    TestService service;
    TestTree tree;
    QByteArray script;
    for (int i = 0; i < 2000; ++i)
        script += "console.log('line " + QByteArray::number(i % 7) + "');\n";
    tree.writeText(QStringLiteral("app.js"), script);
    tree.write(QStringLiteral("sub/Style.CSS"), 3 * kMiB + 17); // blocks, upper-case extension
    tree.write(QStringLiteral("data.bin"), 1000);               // not chosen
    const QString container = service.uniqueContainer();
    const auto up =
        runCli(upload(service, tree.path(), container,
                      {QStringLiteral("/S"), QStringLiteral("--gzip"), QStringLiteral("js,.css"),
                       QStringLiteral("--block-size"), QStringLiteral("1")}));
    INFO(up.out.toStdString() << up.err.toStdString());
    REQUIRE(up.exitCode == 0);

    const auto js = head(service, container, QStringLiteral("app.js"));
    CHECK(js.header("Content-Encoding") == "gzip");
    CHECK(js.header("Content-Type") != "application/gzip");
    const QByteArray stored = service.getBlob(container, QStringLiteral("app.js"));
    CHECK(stored.startsWith("\x1f\x8b"));
    CHECK(stored.size() < script.size() / 10);
    // The Content-MD5 is that of the stored (compressed) bytes.
    CHECK(js.header("Content-MD5") ==
          QCryptographicHash::hash(stored, QCryptographicHash::Md5).toBase64());
    const auto css = head(service, container, QStringLiteral("sub/Style.CSS"));
    CHECK(css.header("Content-Encoding") == "gzip");
    CHECK(css.header("Content-Type") == "text/css");
    CHECK(
        head(service, container, QStringLiteral("data.bin")).header("Content-Encoding").isEmpty());
    // The temporary compressed copies are gone; the source tree is as it was.
    CHECK(tree.files() == QStringList{QStringLiteral("app.js"), QStringLiteral("data.bin"),
                                      QStringLiteral("sub/Style.CSS")});

    QTemporaryDir plain;
    const auto down = runCli(download(service, container, plain.path(), {QStringLiteral("/S")}));
    INFO(down.out.toStdString() << down.err.toStdString());
    REQUIRE(down.exitCode == 0);
    CHECK(treeDifferences(tree.path(), plain.path()).isEmpty());

    QTemporaryDir kept;
    const auto raw = runCli(download(service, container, kept.path(),
                                     {QStringLiteral("/S"), QStringLiteral("--keep-encoding")}));
    REQUIRE(raw.exitCode == 0);
    QFile keptJs(QDir(kept.path()).filePath(QStringLiteral("app.js")));
    REQUIRE(keptJs.open(QIODevice::ReadOnly));
    const bool sameAsStored = keptJs.readAll() == stored;
    CHECK(sameAsStored);

    // An unchanged file compresses to the same bytes: a second upload finds it identical.
    const auto again = runCli(upload(service, tree.path(), container,
                                     {QStringLiteral("/S"), QStringLiteral("/V"),
                                      QStringLiteral("--gzip"), QStringLiteral("js,css")}));
    CHECK(again.exitCode == 0);
    INFO(again.out.toStdString());
    CHECK(again.outLines().contains(
        QStringLiteral("Skipped: sub/Style.CSS (identical: same size and MD5)")));
    CHECK(again.outLines().contains(
        QStringLiteral("Skipped: app.js (identical: same size and MD5)")));
}

TEST_CASE("a blob that claims gzip but is not fails its download and points to --keep-encoding",
          "[options][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer();
    service.createContainer(container);
    azure::BlobProperties lying;
    lying.contentEncoding = "gzip";
    putBlobWith(service, container, QStringLiteral("fake.js"), "plain text, no gzip", lying);
    QTemporaryDir target;
    const auto down = runCli(download(service, container, target.path()));
    CHECK(down.exitCode == 1);
    CHECK(down.err.contains(QStringLiteral("--keep-encoding")));
    CHECK(filesUnder(target.path()).isEmpty());
    const auto raw =
        runCli(download(service, container, target.path(), {QStringLiteral("--keep-encoding")}));
    CHECK(raw.exitCode == 0);
    CHECK(filesUnder(target.path()) == QStringList{QStringLiteral("fake.js")});
}

TEST_CASE("a capped job moves every byte both ways", "[options][azurite]")
{
    // The cap's arithmetic is pinned with a fake clock (BandwidthLimiterTest); here: a job
    // whose requests wait for bandwidth, mid-body included, still lands byte-exact.
    TestService service;
    TestTree tree;
    tree.write(QStringLiteral("a.bin"), 3 * kMiB + 7);
    tree.write(QStringLiteral("b.bin"), 100'000);
    const QString container = service.uniqueContainer();
    const auto up = runCli(upload(service, tree.path(), container,
                                  {QStringLiteral("--cap-mbps"), QStringLiteral("200"),
                                   QStringLiteral("--block-size"), QStringLiteral("1")}));
    INFO(up.out.toStdString() << up.err.toStdString());
    REQUIRE(up.exitCode == 0);
    QTemporaryDir target;
    const auto down = runCli(download(service, container, target.path(),
                                      {QStringLiteral("--cap-mbps"), QStringLiteral("200"),
                                       QStringLiteral("--block-size"), QStringLiteral("1")}));
    INFO(down.out.toStdString() << down.err.toStdString());
    REQUIRE(down.exitCode == 0);
    CHECK(treeDifferences(tree.path(), target.path()).isEmpty());
}

TEST_CASE("blob type detect makes disk images sparse page blobs and other files block blobs",
          "[options][azurite]")
{
    TestService service;
    TestTree tree;
    // 9 MiB + 100 bytes of zeros with one page of data at 1 MiB and a few bytes in the last
    // page: three 4 MiB ranges, of which the middle one is all zeros.
    const qint64 size = 9 * kMiB + 100;
    QByteArray disk(int(size), '\0');
    disk.replace(int(kMiB), 5, "DATA1");
    disk.replace(int(9 * kMiB + 50), 5, "DATA2");
    tree.writeText(QStringLiteral("disk.VHD"), disk);
    tree.writeText(QStringLiteral("notes.txt"), "not a disk");
    const QString container = service.uniqueContainer();
    const auto up =
        runCli(upload(service, tree.path(), container, {QStringLiteral("/BlobType:detect")}));
    INFO(up.out.toStdString() << up.err.toStdString());
    REQUIRE(up.exitCode == 0);

    const auto vhd = head(service, container, QStringLiteral("disk.VHD"));
    CHECK(vhd.header("x-ms-blob-type") == "PageBlob");
    CHECK(vhd.header("Content-Length").toLongLong() == 9 * kMiB + 512);
    CHECK(vhd.header("x-ms-meta-blobferrylength").toLongLong() == size);
    CHECK(head(service, container, QStringLiteral("notes.txt")).header("x-ms-blob-type") ==
          "BlockBlob");
    // Only the two pages holding data were written.
    const auto pages =
        service.send(service.requests(container).getPageRanges(QStringLiteral("disk.VHD")));
    REQUIRE(pages.ok());
    const QString list = QString::fromUtf8(pages.body);
    INFO(list.toStdString());
    CHECK(list.count(QStringLiteral("<PageRange>")) == 2);
    CHECK(list.contains(QStringLiteral("<Start>1048576</Start><End>1049087</End>")));
    CHECK(list.contains(QStringLiteral("<Start>9437184</Start><End>9437695</End>")));

    QTemporaryDir target;
    const auto down = runCli(download(service, container, target.path()));
    REQUIRE(down.exitCode == 0);
    CHECK(treeDifferences(tree.path(), target.path()).isEmpty());
}

TEST_CASE("archive copies only what changed since the last completed run, both ways",
          "[options][azurite]")
{
    TestService service;
    TestTree tree;
    tree.writeText(QStringLiteral("a.txt"), "a1");
    tree.writeText(QStringLiteral("b.txt"), "b1");
    const QString container = service.uniqueContainer();
    QTemporaryDir state; // the record lives in $XDG_STATE_HOME/blobferry/archive
    CliOptions options;
    options.environment.insert(QStringLiteral("XDG_STATE_HOME"), state.path());
    const QStringList args =
        upload(service, tree.path(), container,
               {QStringLiteral("/A"), QStringLiteral("/V"), QStringLiteral("/Y")});

    const auto first = runCli(args, options);
    INFO(first.out.toStdString() << first.err.toStdString());
    REQUIRE(first.exitCode == 0);
    CHECK(first.out.contains(QStringLiteral("no completed run of this job is recorded yet")));
    CHECK(filesUnder(state.path() + QStringLiteral("/blobferry/archive")).size() == 1);

    // The service's a.txt is changed behind our back: a copy of the unchanged file would
    // overwrite it (/Y), so finding it untouched proves a.txt was not copied.
    service.putBlob(container, QStringLiteral("a.txt"), "server");
    tree.writeText(QStringLiteral("b.txt"), "b2");
    tree.writeText(QStringLiteral("c.txt"), "c1");
    const auto dry = runCli(args + QStringList{QStringLiteral("--dry-run")}, options);
    CHECK(dry.outLines().contains(QStringLiteral("Would copy: c.txt")));
    CHECK(
        dry.out.contains(QStringLiteral("Would skip: a.txt (unchanged since the last completed")));
    const auto second = runCli(args, options);
    INFO(second.out.toStdString() << second.err.toStdString());
    REQUIRE(second.exitCode == 0);
    CHECK(second.outLines().contains(QStringLiteral("Finished Transfer: b.txt")));
    CHECK(second.outLines().contains(QStringLiteral("Finished Transfer: c.txt")));
    CHECK(service.getBlob(container, QStringLiteral("a.txt")) == "server");
    CHECK(service.getBlob(container, QStringLiteral("b.txt")) == "b2");

    // Downloads: a blob written since the last completed download is the only one fetched.
    QTemporaryDir target;
    const QStringList down =
        download(service, container, target.path(),
                 {QStringLiteral("/A"), QStringLiteral("/V"), QStringLiteral("/Y"),
                  QStringLiteral("--clock-skew"), QStringLiteral("0")});
    REQUIRE(runCli(down, options).exitCode == 0);
    CHECK(filesUnder(target.path()).size() == 3);
    QThread::msleep(1100); // Last-Modified has whole seconds: the next write must be later
    service.putBlob(container, QStringLiteral("c.txt"), "c2");
    const auto again = runCli(down, options);
    INFO(again.out.toStdString() << again.err.toStdString());
    REQUIRE(again.exitCode == 0);
    CHECK(again.outLines().contains(QStringLiteral("Finished Transfer: c.txt")));
    CHECK(again.out.contains(QStringLiteral("Skipped: a.txt (unchanged since the last completed")));
    QFile c(QDir(target.path()).filePath(QStringLiteral("c.txt")));
    REQUIRE(c.open(QIODevice::ReadOnly));
    CHECK(c.readAll() == "c2");
}

TEST_CASE("a mirror keeps a downloaded file that had to give its name to a directory",
          "[options][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer();
    service.createContainer(container);
    service.putBlob(container, QStringLiteral("doc"), "a file named doc");
    service.putBlob(container, QStringLiteral("doc/page.txt"), "a page");
    QTemporaryDir target;
    QFile stale(QDir(target.path()).filePath(QStringLiteral("stale.txt")));
    REQUIRE(stale.open(QIODevice::WriteOnly));
    stale.close();
    const auto down =
        runCli(download(service, container, target.path(),
                        {QStringLiteral("/S"), QStringLiteral("/MIR"), QStringLiteral("/Y")}));
    INFO(down.out.toStdString() << down.err.toStdString());
    REQUIRE(down.exitCode == 0);
    CHECK(down.out.contains(QStringLiteral("Renamed: doc -> ")));
    const QStringList files = filesUnder(target.path());
    INFO(files.join(QLatin1Char(' ')).toStdString());
    CHECK(files.size() == 3); // the renamed doc, doc/page.txt, the names manifest
    CHECK(files.contains(QStringLiteral("doc/page.txt")));
    CHECK(files.contains(QStringLiteral(".blobferry-names.json")));
    CHECK_FALSE(files.contains(QStringLiteral("stale.txt")));
}

TEST_CASE("json output reports removed sources and mirror deletions", "[options][azurite]")
{
    TestService service;
    TestTree tree;
    tree.writeText(QStringLiteral("app.js"), "let x = 1;\n");
    const QString container = service.uniqueContainer();
    service.createContainer(container);
    // A gzip upload sends a temporary copy; the move removes the file the user named.
    const auto move =
        runCli(upload(service, tree.path(), container,
                      {QStringLiteral("/MOV"), QStringLiteral("--gzip"), QStringLiteral("js"),
                       QStringLiteral("--output"), QStringLiteral("json")}));
    INFO(move.out.toStdString() << move.err.toStdString());
    REQUIRE(move.exitCode == 0);
    CHECK(tree.files().isEmpty());
    CHECK(head(service, container, QStringLiteral("app.js")).header("Content-Encoding") == "gzip");
    const QJsonObject file = QJsonDocument::fromJson(move.outLines().value(0).toUtf8()).object();
    CHECK(file.value(QStringLiteral("name")).toString() == QStringLiteral("app.js"));
    CHECK(file.value(QStringLiteral("sourceRemoved")).toBool());

    service.putBlob(container, QStringLiteral("old.txt"), "old");
    TestTree empty;
    const auto mirror = runCli(upload(service, empty.path(), container,
                                      {QStringLiteral("/MIR"), QStringLiteral("/Y"),
                                       QStringLiteral("--output"), QStringLiteral("json")}));
    INFO(mirror.out.toStdString() << mirror.err.toStdString());
    REQUIRE(mirror.exitCode == 0);
    QStringList deleted;
    QJsonObject summary;
    for (const QString &line : mirror.outLines()) {
        const QJsonObject object = QJsonDocument::fromJson(line.toUtf8()).object();
        if (object.value(QStringLiteral("type")).toString() == QStringLiteral("deleted")) {
            CHECK(object.value(QStringLiteral("ok")).toBool());
            deleted.append(object.value(QStringLiteral("name")).toString());
        } else if (object.value(QStringLiteral("type")).toString() == QStringLiteral("summary")) {
            summary = object;
        }
    }
    deleted.sort();
    CHECK(deleted == QStringList{QStringLiteral("app.js"), QStringLiteral("old.txt")});
    CHECK(summary.value(QStringLiteral("mirrorDeleted")).toInt() == 2);
    CHECK(service.blobNames(container).isEmpty());
}
