// SPDX-License-Identifier: MIT
// Names that would drive a terminal or reorder a line: a C1 CSI (U+009B) and a right-to-left
// override (U+202E). The files and blobs keep them; what is printed and logged shows them as
// \uNNNN, so neither the console nor the run log ever holds them raw.
#include "support/CliRunner.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using namespace blobferry::test;

namespace {

const QString kCsiName = QStringLiteral("csi") + QChar(0x9B) + QStringLiteral("31mred.txt");
const QString kRtlName = QStringLiteral("rtl") + QChar(0x202E) + QStringLiteral("gnp.exe");
const QString kCsiShown = QStringLiteral("csi\\u009B31mred.txt");
const QString kRtlShown = QStringLiteral("rtl\\u202Egnp.exe");

// The only log in dir, as bytes.
QByteArray onlyLog(const QString &dir)
{
    const QStringList logs = QDir(dir).entryList({QStringLiteral("blobferry-cli-*.log")});
    REQUIRE(logs.size() == 1);
    QFile file(QDir(dir).filePath(logs.first()));
    REQUIRE(file.open(QIODevice::ReadOnly));
    return file.readAll();
}

// Neither the UTF-8 of U+009B (c2 9b) nor of U+202E (e2 80 ae) is in text.
void requireNoRawControls(const QByteArray &text)
{
    INFO(text.toStdString());
    CHECK_FALSE(text.contains("\xc2\x9b"));
    CHECK_FALSE(text.contains("\xe2\x80\xae"));
}

} // namespace

TEST_CASE("names with a C1 CSI or a bidi override are printed and logged escaped, and kept",
          "[cli][names][azurite]")
{
    TestService service;
    TestTree source;
    source.write(kCsiName, 100);
    source.write(kRtlName, 200);
    const QString container = service.uniqueContainer();
    QTemporaryDir logs;

    const auto upload =
        runCli({source.path(), service.containerUrl(container), QStringLiteral("/S"),
                QStringLiteral("/V"), QStringLiteral("--dest-key"), service.key(),
                QStringLiteral("--log-dir"), logs.filePath(QStringLiteral("up"))});
    INFO(upload.out.toStdString() << upload.err.toStdString());
    REQUIRE(upload.exitCode == 0);
    CHECK(upload.outLines().contains(QStringLiteral("Finished Transfer: ") + kCsiShown));
    CHECK(upload.outLines().contains(QStringLiteral("Finished Transfer: ") + kRtlShown));
    requireNoRawControls(upload.out.toUtf8() + upload.err.toUtf8());
    const QByteArray upLog = onlyLog(logs.filePath(QStringLiteral("up")));
    CHECK(upLog.contains("Finished Transfer: " + kCsiShown.toUtf8() + " (100 bytes)"));
    CHECK(upLog.contains("Finished Transfer: " + kRtlShown.toUtf8() + " (200 bytes)"));
    requireNoRawControls(upLog);
    // Escaping is for the eyes only: the blobs hold the names as they are.
    const QStringList blobs = service.blobNames(container);
    CHECK(blobs.contains(kCsiName));
    CHECK(blobs.contains(kRtlName));

    QTemporaryDir target;
    const QStringList download{service.containerUrl(container),
                               target.path(),
                               QStringLiteral("/S"),
                               QStringLiteral("/V"),
                               QStringLiteral("--source-key"),
                               service.key(),
                               QStringLiteral("--log-dir"),
                               logs.filePath(QStringLiteral("down"))};
    const auto got = runCli(download);
    INFO(got.out.toStdString() << got.err.toStdString());
    REQUIRE(got.exitCode == 0);
    CHECK(got.outLines().contains(QStringLiteral("Finished Transfer: ") + kCsiShown));
    CHECK(got.outLines().contains(QStringLiteral("Finished Transfer: ") + kRtlShown));
    requireNoRawControls(got.out.toUtf8() + got.err.toUtf8());
    const QByteArray downLog = onlyLog(logs.filePath(QStringLiteral("down")));
    CHECK(downLog.contains("Finished Transfer: " + kCsiShown.toUtf8()));
    requireNoRawControls(downLog);
    CHECK(treeDifferences(source.path(), target.path()).isEmpty());

    SECTION("the overwrite question's answer names the file escaped")
    {
        // A changed local copy and nobody at a terminal: the file is skipped, and said so.
        QFile changed(QDir(target.path()).filePath(kRtlName));
        REQUIRE(changed.open(QIODevice::WriteOnly | QIODevice::Truncate));
        changed.write("changed");
        changed.close();
        const auto again = runCli(download.mid(0, 4) +
                                  QStringList{QStringLiteral("--log-dir"), QStringLiteral("none"),
                                              QStringLiteral("--source-key"), service.key()});
        INFO(again.out.toStdString() << again.err.toStdString());
        CHECK(again.err.contains(QStringLiteral("Skipped existing ")));
        CHECK(again.err.contains(kRtlShown));
        requireNoRawControls(again.out.toUtf8() + again.err.toUtf8());
    }
    SECTION("--output json holds the names exactly, written with JSON escapes")
    {
        QTemporaryDir elsewhere;
        const auto json =
            runCli({service.containerUrl(container), elsewhere.path(), QStringLiteral("/S"),
                    QStringLiteral("--dry-run"), QStringLiteral("--output"), QStringLiteral("json"),
                    QStringLiteral("--source-key"), service.key(), QStringLiteral("--log-dir"),
                    QStringLiteral("none")});
        INFO(json.out.toStdString() << json.err.toStdString());
        REQUIRE(json.exitCode == 0);
        requireNoRawControls(json.out.toUtf8() + json.err.toUtf8());
        QStringList names;
        for (const QString &line : json.outLines()) {
            const QJsonObject object = QJsonDocument::fromJson(line.toUtf8()).object();
            if (object.value(QStringLiteral("type")).toString() == QLatin1String("file"))
                names.append(object.value(QStringLiteral("name")).toString());
        }
        names.sort();
        CHECK(names == QStringList{kCsiName, kRtlName});
    }
}
