// SPDX-License-Identifier: MIT
#include "CliRunner.h"

#include <QProcess>
#include <QThread>

namespace blobferry::test {

QStringList CliResult::outLines() const
{
    return out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QStringList CliResult::errLines() const
{
    return err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

CliResult runCli(const QStringList &args, const CliOptions &options)
{
    QProcess process;
    process.setProcessEnvironment(options.environment);
    if (!options.workingDirectory.isEmpty())
        process.setWorkingDirectory(options.workingDirectory);
    process.start(QStringLiteral(BLOBFERRY_CLI_PATH), args);
    CliResult result;
    if (!process.waitForStarted(10'000)) {
        result.err = QStringLiteral("could not start ") + QStringLiteral(BLOBFERRY_CLI_PATH);
        return result;
    }
    if (!options.input.isEmpty())
        process.write(options.input);
    process.closeWriteChannel();
    if (options.holdOutputMs > 0)
        QThread::msleep(ulong(options.holdOutputMs)); // no event loop: QProcess reads nothing
    if (!process.waitForFinished(options.timeoutMs)) {
        result.timedOut = true;
        process.kill();
        process.waitForFinished();
    }
    result.crashed = process.exitStatus() == QProcess::CrashExit;
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

} // namespace blobferry::test
