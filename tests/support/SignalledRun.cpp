// SPDX-License-Identifier: MIT
#include "SignalledRun.h"

#include <QElapsedTimer>
#include <QProcess>
#include <csignal>

namespace blobferry::test {

Signalled runWithSignals(const QString &program, const QStringList &args,
                         const QList<SignalStep> &steps)
{
    Signalled result;
    QProcess process;
    process.start(program, args);
    if (!process.waitForStarted(10'000))
        return result;
    QByteArray out;
    QByteArray err;
    int next = 0;
    QElapsedTimer clock;
    clock.start();
    while (next < steps.size() && process.state() == QProcess::Running &&
           clock.elapsed() < 60'000) {
        if (steps[next].reached(QString::fromUtf8(err))) {
            if (::kill(pid_t(process.processId()), steps[next].signalNumber) != 0)
                break;
            ++next;
            continue;
        }
        process.waitForReadyRead(1); // keeps its pipes drained while it runs
        out += process.readAllStandardOutput();
        err += process.readAllStandardError();
    }
    result.sent = next == steps.size();
    if (!process.waitForFinished(60'000)) {
        process.kill(); // still running a minute on: the test fails on exitedNormally
        process.waitForFinished();
        return result;
    }
    result.exitedNormally = process.exitStatus() == QProcess::NormalExit;
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(out + process.readAllStandardOutput());
    result.err = QString::fromUtf8(err + process.readAllStandardError());
    return result;
}

Signalled runAndSignal(const QStringList &args, const std::function<bool()> &reached,
                       int signalNumber, const QString &program)
{
    return runWithSignals(program, args,
                          {{[&reached](const QString &) { return reached(); }, signalNumber}});
}

} // namespace blobferry::test
