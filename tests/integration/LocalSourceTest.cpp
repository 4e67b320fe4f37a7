// SPDX-License-Identifier: MIT
// What an upload does with the entries of a local source that are not regular files: symbolic
// links (dangling, looping, to a directory, to a file outside the tree), a FIFO, a Unix socket
// and a device node. Uploaded to Azurite with the real blobferry-cli; the container is read
// back with raw REST calls.
#include "support/CliRunner.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <catch2/catch.hpp>
#include <cstring>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

using namespace blobferry::test;

namespace {

const QString kLinkHint = QStringLiteral("links are followed only with --follow-symlinks");

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A source tree holding one regular file and one of each kind of entry that is not one, plus
// a file and a directory outside it that links lead to.
struct AwkwardTree
{
    TestTree source;
    QTemporaryDir outside;
    QString outsideFile = outside.path() + QStringLiteral("/outside-file.bin");
    QString outsideDirectory = outside.path() + QStringLiteral("/outside-dir");
    int socketFd = -1;

    AwkwardTree()
    {
        const QString root = source.path();
        source.writeText(QStringLiteral("regular.txt"), "a regular file");
        REQUIRE(QDir().mkpath(root + QStringLiteral("/sub")));
        REQUIRE(QDir().mkpath(outsideDirectory));
        writeFile(outsideFile, "bytes that live outside the tree");
        writeFile(outsideDirectory + QStringLiteral("/far.txt"), "a file in a linked directory");
        link(QStringLiteral("nowhere"), QStringLiteral("dangling"));
        link(QStringLiteral("loop"), QStringLiteral("loop"));
        link(outsideDirectory, QStringLiteral("dirlink"));
        link(outsideFile, QStringLiteral("outside.txt"));
        link(QStringLiteral(".."), QStringLiteral("sub/up")); // back to the source directory
        const QByteArray pipe = path("pipe");
        REQUIRE(::mkfifo(pipe.constData(), 0644) == 0);
        bindSocket(path("sock"));
        // /dev/null's numbers, inside the temporary tree only (needs root: CAP_MKNOD).
        const QByteArray device = path("dev");
        INFO("mknod " << device.constData() << ": " << std::strerror(errno)
                      << " (this test needs root to make a device node)");
        REQUIRE(::mknod(device.constData(), S_IFCHR | 0644, makedev(1, 3)) == 0);
    }
    ~AwkwardTree()
    {
        if (socketFd >= 0)
            ::close(socketFd);
    }

    QByteArray path(const char *relative) const
    {
        return QFile::encodeName(source.path() + QLatin1Char('/') + QLatin1String(relative));
    }
    static void writeFile(const QString &path, const QByteArray &content)
    {
        QFile file(path);
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    void link(const QString &target, const QString &name) const
    {
        REQUIRE(::symlink(QFile::encodeName(target).constData(),
                          QFile::encodeName(source.path() + QLatin1Char('/') + name).constData()) ==
                0);
    }
    void bindSocket(const QByteArray &where)
    {
        socketFd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        REQUIRE(socketFd >= 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        REQUIRE(size_t(where.size()) < sizeof(address.sun_path));
        std::memcpy(address.sun_path, where.constData(), size_t(where.size()));
        REQUIRE(::bind(socketFd, reinterpret_cast<const sockaddr *>(&address), sizeof address) ==
                0);
    }
};

// Lines sorted and joined: Catch prints a std::string readably, a QStringList not at all.
std::string joined(QStringList lines)
{
    lines.sort();
    return lines.join(QLatin1Char('\n')).toStdString();
}

std::string skippedLines(const CliResult &result)
{
    QStringList lines;
    for (const QString &line : result.outLines())
        if (line.startsWith(QLatin1String("Skipped: ")))
            lines.append(line);
    return joined(lines);
}

CliResult upload(const TestService &service, const QString &source, const QString &container,
                 const QStringList &extra = {})
{
    return runCli(QStringList{source, service.containerUrl(container), QStringLiteral("--dest-key"),
                              service.key()} +
                  extra);
}

} // namespace

TEST_CASE("links, FIFOs, sockets and devices in an upload are reported as skipped, none followed",
          "[localsource][azurite]")
{
    TestService service;
    AwkwardTree tree;
    QTemporaryDir logs;
    const QString container = service.uniqueContainer(QStringLiteral("special"));

    const auto result = upload(service, tree.source.path(), container,
                               {QStringLiteral("/S"), QStringLiteral("--log-dir"), logs.path()});
    INFO(result.out.toStdString() << result.err.toStdString());
    REQUIRE_FALSE(result.timedOut); // nothing may wait on the FIFO
    CHECK(result.exitCode == 0);
    const QStringList expected{
        QStringLiteral("Skipped: dangling (a symbolic link whose target does not exist)"),
        QStringLiteral("Skipped: dev (a device, not a regular file)"),
        QStringLiteral("Skipped: dirlink (a symbolic link to a directory; %1)").arg(kLinkHint),
        QStringLiteral("Skipped: loop (a symbolic link loop)"),
        QStringLiteral("Skipped: outside.txt (a symbolic link; %1)").arg(kLinkHint),
        QStringLiteral("Skipped: pipe (a FIFO, not a regular file)"),
        QStringLiteral("Skipped: sock (a socket, not a regular file)"),
        QStringLiteral("Skipped: sub/up (a symbolic link to a directory; %1)").arg(kLinkHint),
    };
    // Printed without --verbose: the user may not know the source holds them.
    CHECK(skippedLines(result) == joined(expected));
    CHECK(result.outLines().contains(QStringLiteral("Transfer skipped: %1").arg(expected.size())));
    CHECK(result.outLines().contains(QStringLiteral("Transfer successfully: 1")));
    CHECK(joined(service.blobNames(container)) == joined({QStringLiteral("regular.txt")}));

    // The run's log holds every skip too.
    const QStringList logFiles = QDir(logs.path()).entryList(QDir::Files);
    REQUIRE(logFiles.size() == 1);
    const QString log = QString::fromUtf8(readFile(logs.path() + QLatin1Char('/') + logFiles[0]));
    for (const QString &line : expected)
        CHECK(log.contains(line));
}

TEST_CASE("with --follow-symlinks links are uploaded as what they lead to, loops and dangling ones "
          "skipped",
          "[localsource][azurite]")
{
    TestService service;
    AwkwardTree tree;
    const QString container = service.uniqueContainer(QStringLiteral("follow"));

    const auto result = upload(service, tree.source.path(), container,
                               {QStringLiteral("/S"), QStringLiteral("--follow-symlinks")});
    INFO(result.out.toStdString() << result.err.toStdString());
    REQUIRE_FALSE(result.timedOut);
    CHECK(result.exitCode == 0);
    const QStringList expected{
        QStringLiteral("Skipped: dangling (a symbolic link whose target does not exist)"),
        QStringLiteral("Skipped: dev (a device, not a regular file)"),
        QStringLiteral("Skipped: loop (a symbolic link loop)"),
        QStringLiteral("Skipped: pipe (a FIFO, not a regular file)"),
        QStringLiteral("Skipped: sock (a socket, not a regular file)"),
        QStringLiteral("Skipped: sub/up (a symbolic link loop: it leads back to the source "
                       "directory)"),
    };
    CHECK(skippedLines(result) == joined(expected));
    CHECK(result.outLines().contains(QStringLiteral("Transfer skipped: %1").arg(expected.size())));
    CHECK(joined(service.blobNames(container)) ==
          joined({QStringLiteral("dirlink/far.txt"), QStringLiteral("outside.txt"),
                  QStringLiteral("regular.txt")}));
    // The target's bytes under the link's name.
    CHECK(service.getBlob(container, QStringLiteral("outside.txt")) == readFile(tree.outsideFile));
    CHECK(service.getBlob(container, QStringLiteral("dirlink/far.txt")) ==
          readFile(tree.outsideDirectory + QStringLiteral("/far.txt")));
}

TEST_CASE("a link named as the source file is followed, a dangling one or a FIFO refused",
          "[localsource][azurite]")
{
    TestService service;
    AwkwardTree tree;
    const QString container = service.uniqueContainer(QStringLiteral("named"));

    // The user named it: its target's bytes go up under its name, as `cp link` would read it.
    const auto named =
        upload(service, tree.source.path() + QStringLiteral("/outside.txt"), container);
    INFO(named.out.toStdString() << named.err.toStdString());
    CHECK(named.exitCode == 0);
    CHECK(joined(service.blobNames(container)) == joined({QStringLiteral("outside.txt")}));
    CHECK(service.getBlob(container, QStringLiteral("outside.txt")) == readFile(tree.outsideFile));

    const QString dangling = tree.source.path() + QStringLiteral("/dangling");
    const auto refused = upload(service, dangling, container);
    CHECK(refused.exitCode == 2);
    CHECK(joined(refused.errLines()) ==
          joined({QStringLiteral("blobferry-cli: the source %1 is a symbolic link to %2, "
                                 "which does not exist")
                      .arg(dangling, tree.source.path() + QStringLiteral("/nowhere"))}));

    const QString pipe = tree.source.path() + QStringLiteral("/pipe");
    const auto fifo = upload(service, pipe, container);
    REQUIRE_FALSE(fifo.timedOut);
    CHECK(fifo.exitCode == 2);
    CHECK(joined(fifo.errLines()) ==
          joined({QStringLiteral("blobferry-cli: the source %1 is neither a file nor a "
                                 "directory (a FIFO, socket or device): blobferry uploads "
                                 "regular files only")
                      .arg(pipe)}));
    CHECK(joined(service.blobNames(container)) == joined({QStringLiteral("outside.txt")}));
}

TEST_CASE("a mirror keeps the blobs of links it did not follow", "[localsource][azurite]")
{
    TestService service;
    AwkwardTree tree;
    const QString container = service.uniqueContainer(QStringLiteral("mirlink"));
    const auto first = upload(service, tree.source.path(), container,
                              {QStringLiteral("/S"), QStringLiteral("--follow-symlinks")});
    REQUIRE(first.exitCode == 0);
    service.putBlob(container, QStringLiteral("gone.txt"), "not in the source");

    // Without --follow-symlinks the links are skipped, but the source still has them.
    const auto mirror =
        upload(service, tree.source.path(), container,
               {QStringLiteral("/S"), QStringLiteral("/MIR"), QStringLiteral("/Y")});
    INFO(mirror.out.toStdString() << mirror.err.toStdString());
    CHECK(mirror.exitCode == 0);
    CHECK(mirror.outLines().contains(QStringLiteral("Deleted: gone.txt")));
    CHECK(joined(service.blobNames(container)) ==
          joined({QStringLiteral("dirlink/far.txt"), QStringLiteral("outside.txt"),
                  QStringLiteral("regular.txt")}));
}

TEST_CASE("a FIFO named like the names manifest is skipped and never opened",
          "[localsource][azurite]")
{
    TestService service;
    TestTree source;
    source.writeText(QStringLiteral("a.txt"), "a regular file");
    const QString manifest = source.path() + QStringLiteral("/.blobferry-names.json");
    REQUIRE(::mkfifo(QFile::encodeName(manifest).constData(), 0644) == 0);
    const QString container = service.uniqueContainer(QStringLiteral("manfifo"));

    CliOptions options;
    options.timeoutMs = 30'000; // opening the FIFO would wait for a writer for ever
    const auto result = runCli({source.path(), service.containerUrl(container),
                                QStringLiteral("--dest-key"), service.key()},
                               options);
    INFO(result.out.toStdString() << result.err.toStdString());
    REQUIRE_FALSE(result.timedOut);
    CHECK(result.exitCode == 0);
    CHECK(result.outLines().contains(
        QStringLiteral("Warning: %1 is not a regular file (a link, FIFO or device); it is ignored")
            .arg(manifest)));
    CHECK(result.outLines().contains(
        QStringLiteral("Skipped: .blobferry-names.json (a FIFO, not a regular file)")));
    CHECK(joined(service.blobNames(container)) == joined({QStringLiteral("a.txt")}));
}
