// SPDX-License-Identifier: MIT
// Downloads onto a real, small, full file system: a tmpfs of 2 MiB mounted for the test (the
// tests run as root; mounting needs CAP_SYS_ADMIN).
#include "support/CliRunner.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QDir>
#include <QFile>
#include <QLocale>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using namespace blobferry::test;

namespace {

constexpr qint64 kMiB = 1024 * 1024;

// A tmpfs of `size` on a fresh directory, unmounted when it goes.
class SmallFileSystem final
{
public:
    explicit SmallFileSystem(const QString &size)
    {
        QProcess mount;
        mount.start(QStringLiteral("mount"),
                    {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                     QStringLiteral("size=") + size, QStringLiteral("tmpfs"), m_dir.path()});
        m_mounted = mount.waitForFinished(30'000) && mount.exitStatus() == QProcess::NormalExit &&
                    mount.exitCode() == 0;
        INFO("mount: " << mount.readAllStandardError().toStdString()
                       << " (mounting a tmpfs needs root or CAP_SYS_ADMIN)");
        REQUIRE(m_mounted);
    }
    ~SmallFileSystem()
    {
        if (m_mounted)
            QProcess::execute(QStringLiteral("umount"), {m_dir.path()});
    }
    QString path() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
    bool m_mounted = false;
};

QString size(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// No stale errno, no Qt noise: what a full disk used to look like.
void checkNoStaleErrors(const CliResult &result)
{
    for (const char *noise : {"File exists", "Resource temporarily unavailable", "QIODevice::read",
                              "device not open"}) {
        INFO(noise);
        CHECK_FALSE(result.out.contains(QLatin1String(noise)));
        CHECK_FALSE(result.err.contains(QLatin1String(noise)));
    }
}

} // namespace

TEST_CASE("a blob bigger than the free space fails before its first byte, saying so",
          "[download][diskfull][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer();
    service.createContainer(container);
    const qint64 bigSize = 3 * kMiB;
    service.putBlob(container, QStringLiteral("big.bin"),
                    TestTree::contentFor(QStringLiteral("big.bin"), bigSize));
    const QByteArray small = TestTree::contentFor(QStringLiteral("small.txt"), 1000);
    service.putBlob(container, QStringLiteral("small.txt"), small);

    SmallFileSystem disk(QStringLiteral("2m"));
    const auto result = runCli({service.containerUrl(container), disk.path(), QStringLiteral("/S"),
                                QStringLiteral("--source-key"), service.key()});
    INFO(result.out.toStdString() << result.err.toStdString());
    CHECK(result.exitCode == 1);
    CHECK(result.err.contains(QStringLiteral("Failed Transfer: big.bin: no space left on tmpfs at "
                                             "%1 (needed %2, free ")
                                  .arg(disk.path(), size(bigSize))));
    CHECK(result.out.contains(QStringLiteral("Transfer failed: 1")));
    CHECK(result.out.contains(QStringLiteral("Transfer successfully: 1")));
    CHECK(readFile(QDir(disk.path()).filePath(QStringLiteral("small.txt"))) == small);
    CHECK(filesUnder(disk.path()) == QStringList{QStringLiteral("small.txt")});
    checkNoStaleErrors(result);
}

TEST_CASE("blobs that fill the disk between them fail with no space left, not a stale errno",
          "[download][diskfull][azurite]")
{
    TestService service;
    const QString container = service.uniqueContainer();
    service.createContainer(container);
    // Each fits on its own; started together they do not.
    const QStringList names{QStringLiteral("one.bin"), QStringLiteral("two.bin"),
                            QStringLiteral("three.bin")};
    const qint64 blobSize = 1 * kMiB + 512 * 1024;
    for (const QString &name : names)
        service.putBlob(container, name, TestTree::contentFor(name, blobSize));

    SmallFileSystem disk(QStringLiteral("2m"));
    const auto result =
        runCli({service.containerUrl(container), disk.path(), QStringLiteral("/S"),
                QStringLiteral("--source-key"), service.key(), QStringLiteral("--concurrency"),
                QStringLiteral("8"), QStringLiteral("--block-size"), QStringLiteral("1")});
    INFO(result.out.toStdString() << result.err.toStdString());
    CHECK(result.exitCode == 1);
    const QRegularExpression noSpace(
        QStringLiteral("^Failed Transfer: (\\S+): no space left on tmpfs at %1 \\(needed .+, "
                       "free .+\\)$")
            .arg(QRegularExpression::escape(disk.path())));
    QStringList failed;
    for (const QString &line : result.errLines()) {
        const auto match = noSpace.match(line);
        if (match.hasMatch())
            failed << match.captured(1);
    }
    CHECK(failed.size() >= 2);
    CHECK(result.out.contains(QStringLiteral("Transfer failed: %1").arg(failed.size())));
    // What is there is whole; nothing half-written is left.
    for (const QString &name : filesUnder(disk.path())) {
        INFO(name.toStdString());
        CHECK(names.contains(name));
        CHECK_FALSE(failed.contains(name));
        const bool whole =
            readFile(QDir(disk.path()).filePath(name)) == TestTree::contentFor(name, blobSize);
        CHECK(whole);
    }
    checkNoStaleErrors(result);
}
