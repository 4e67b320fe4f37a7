// SPDX-License-Identifier: MIT
#include "cli/ConsoleReporter.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <catch2/catch.hpp>
#include <cstdio>

using blobferry::cli::ConsoleReporter;
using blobferry::transfer::FileOutcome;
using blobferry::transfer::TransferState;
using blobferry::transfer::TransferSummary;

namespace {

QString readAll(FILE *file)
{
    std::rewind(file);
    QByteArray bytes;
    char buffer[4096];
    while (const size_t n = std::fread(buffer, 1, sizeof buffer, file))
        bytes.append(buffer, qsizetype(n));
    return QString::fromUtf8(bytes);
}

} // namespace

TEST_CASE("names with control characters print on one line, the characters as codes", "[reporter]")
{
    FILE *out = std::tmpfile();
    FILE *err = std::tmpfile();
    REQUIRE(out);
    REQUIRE(err);
    {
        ConsoleReporter reporter(true, false, out, err);
        reporter.onFileFinished(
            {QStringLiteral("two\nlines\x1b[31m"), TransferState::Completed, {}, 1});
        reporter.onFileFinished(
            {QStringLiteral("tab\there"), TransferState::Failed, QStringLiteral("no"), 0});
        reporter.onNotice(QStringLiteral("Renamed: a\rb -> a\rb"));
    }
    CHECK(readAll(out) == QStringLiteral("Finished Transfer: two\\x0Alines\\x1B[31m\n"
                                         "Renamed: a\\x0Db -> a\\x0Db\n"));
    CHECK(readAll(err) == QStringLiteral("Failed Transfer: tab\\x09here: no\n"));
    std::fclose(out);
    std::fclose(err);
}

TEST_CASE("the summary ends with the skipped and renamed counts", "[reporter]")
{
    TransferSummary summary;
    summary.succeeded = 3;
    summary.failed = 1;
    summary.skipped = 2;
    summary.renamed = 4;
    CHECK(ConsoleReporter::summaryText(summary) == QStringLiteral("Transfer summary:\n"
                                                                  "Total files transferred: 4\n"
                                                                  "Transfer successfully: 3\n"
                                                                  "Transfer failed: 1\n"
                                                                  "Transfer skipped: 2\n"
                                                                  "Renamed: 4"));
}

TEST_CASE("a skipped link or special file is printed without --verbose, other skips are not",
          "[reporter]")
{
    FILE *out = std::tmpfile();
    FILE *err = std::tmpfile();
    REQUIRE(out);
    REQUIRE(err);
    {
        ConsoleReporter reporter(false, false, out, err);
        FileOutcome special{QStringLiteral("pipe"), TransferState::Skipped,
                            QStringLiteral("a FIFO, not a regular file"), 0};
        special.specialFile = true;
        reporter.onFileFinished(special);
        reporter.onFileFinished(
            {QStringLiteral("same.txt"), TransferState::Skipped, QStringLiteral("identical"), 0});
    }
    CHECK(readAll(out) == QStringLiteral("Skipped: pipe (a FIFO, not a regular file)\n"));
    CHECK(readAll(err).isEmpty());
    std::fclose(out);
    std::fclose(err);
}

TEST_CASE("the JSON output writes a C1 or bidi control as an upper-case Unicode escape (uNNNN), "
          "the name intact",
          "[reporter]")
{
    FILE *out = std::tmpfile();
    FILE *err = std::tmpfile();
    REQUIRE(out);
    REQUIRE(err);
    const QString name = QStringLiteral("csi") + QChar(0x9B) + QStringLiteral("31m rtl") +
                         QChar(0x202E) + QStringLiteral("gnp.exe");
    {
        ConsoleReporter reporter(false, false, out, err);
        reporter.setJson(true);
        reporter.onFileFinished({name, TransferState::Completed, {}, 1});
    }
    const QString line = readAll(out).trimmed();
    // The same escapes as everything printed (log::printable), and no raw control.
    CHECK(line.contains(QStringLiteral("csi\\u009B31m rtl\\u202Egnp.exe")));
    CHECK_FALSE(line.contains(QChar(0x9B)));
    CHECK_FALSE(line.contains(QChar(0x202E)));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line.toUtf8(), &error);
    REQUIRE(error.error == QJsonParseError::NoError);
    CHECK(document.object().value(QStringLiteral("name")).toString() == name);
    std::fclose(out);
    std::fclose(err);
}
