// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QStringList>

// Runs the real blobferry-cli as a user would and keeps what they would see.
namespace blobferry::test {

struct CliResult
{
    int exitCode = -1;
    bool crashed = false;
    bool timedOut = false;
    QString out;
    QString err;

    QStringList outLines() const;
    QStringList errLines() const;
};

struct CliOptions
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QByteArray input;         // written to standard input, which is then closed
    QString workingDirectory; // default: the test's
    int timeoutMs = 120'000;
    // A slow reader: nothing is read from the program's output for this long after it
    // starts, so its pipe fills and its writes block.
    int holdOutputMs = 0;
};

CliResult runCli(const QStringList &args, const CliOptions &options = {});

} // namespace blobferry::test
