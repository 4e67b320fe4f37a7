// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

// Runs the real blobferry-cli (or a wrapper that runs it, such as timeout(1)) and sends it
// signals at chosen points: real kills, real handlers.
namespace blobferry::test {

struct Signalled
{
    bool sent = false; // every point was reached and its signal sent
    bool exitedNormally = false;
    int exitCode = -1;
    QString out;
    QString err;
};

struct SignalStep
{
    // Polled while the program runs, with its standard error so far.
    std::function<bool(const QString &err)> reached;
    int signalNumber = 0;
};

// Starts program with args, sends each step's signal once its point is reached (in order),
// then waits for the program to end (a minute at most; then it is killed and the result says
// it did not exit normally).
Signalled runWithSignals(const QString &program, const QStringList &args,
                         const QList<SignalStep> &steps);

// Starts blobferry-cli (or `program`, a wrapper running it), waits until `reached` says the run
// got to the point, then sends it `signalNumber` and waits for it to end.
Signalled runAndSignal(const QStringList &args, const std::function<bool()> &reached,
                       int signalNumber,
                       const QString &program = QStringLiteral(BLOBFERRY_CLI_PATH));

} // namespace blobferry::test
