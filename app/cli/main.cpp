// SPDX-License-Identifier: MIT
// blobferry-cli: the 2013 AzCopy's command line over the blobferry engine.
#include "cli/BlobCommand.h"
#include "cli/CommandLine.h"
#include "cli/ConsolePrompt.h"
#include "cli/ConsoleReporter.h"
#include "cli/InterruptWatcher.h"
#include "host/EngineHost.h"
#include "log/Printable.h"
#include "log/RunLog.h"
#include "transfer/TransferEngine.h"

#include <QCoreApplication>
#include <csignal>
#include <cstdio>
#include <unistd.h>

using namespace blobferry;

namespace {

// The README's exit statuses: 128 + the signal that stopped the job, 2 when it could not
// run, 1 when some of it failed, else 0.
int exitStatus(const transfer::TransferSummary &summary, int signalNumber)
{
    if (signalNumber != 0)
        return 128 + signalNumber;
    if (!summary.fatalError.isEmpty())
        return 2;
    // A pattern that matched nothing is a source that is missing: 2 when the job found
    // nothing at all to do, 1 (partly failed) when other patterns found files.
    if (!summary.unmatchedPatterns.isEmpty())
        return summary.transferred() + summary.skipped == 0 ? 2 : 1;
    return summary.failed > 0 || summary.cancelled > 0 || summary.mirrorFailed > 0 ? 1 : 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("blobferry"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BLOBFERRY_VERSION));

    QString error;
    const auto request = cli::CommandLine::parse(QCoreApplication::arguments().mid(1),
                                                 QProcessEnvironment::systemEnvironment(), &error);
    if (!request) {
        // The error may quote an argument (keys in it are masked by parse()): a name holding
        // escape sequences is shown, not obeyed.
        std::fprintf(stderr, "blobferry-cli: %s\n",
                     log::printable(error).toLocal8Bit().constData());
        return 2;
    }
    if (request->action == cli::CliRequest::Action::Help) {
        std::fputs(cli::CommandLine::helpText().toLocal8Bit().constData(), stdout);
        return 0;
    }
    if (request->action == cli::CliRequest::Action::Man) {
        std::fputs(cli::CommandLine::manPage().toUtf8().constData(), stdout);
        return 0;
    }
    if (request->action == cli::CliRequest::Action::Version) {
        std::printf("blobferry-cli %s\n", BLOBFERRY_VERSION);
        return 0;
    }

    const bool interactive = isatty(STDIN_FILENO) != 0;
    // The prompts wait for their line with poll(2) (ConsolePrompt): no line may wait unseen in
    // stdio's buffer.
    std::setvbuf(stdin, nullptr, _IONBF, 0);
    const transfer::TransferSpec &spec = request->spec;
    if (request->action == cli::CliRequest::Action::Remove && !spec.deleteWithoutAsking &&
        !spec.dryRun && !interactive) {
        std::fprintf(stderr, "blobferry-cli: --remove asks before deleting, but standard input "
                             "is not a terminal; add --yes (/Y) to delete without asking, or "
                             "--dry-run to list what would go\n");
        return 2;
    }
    // --list, --remove, --set-tier: no engine, no journal; the URL's blobs only.
    if (auto command = cli::BlobCommand::make(*request, stdin, stdout, stderr, interactive)) {
        const int status = command->run();
        std::fflush(stdout);
        return status;
    }
    if (spec.mirror && !spec.deleteWithoutAsking && !spec.dryRun && !interactive) {
        // Found out now, not after the copies: nobody could answer the question at the end.
        std::fprintf(stderr, "blobferry-cli: --mirror (/MIR) asks before deleting, but standard "
                             "input is not a terminal; add --yes (/Y) to delete without asking, "
                             "or --dry-run to list what would go\n");
        return 2;
    }
    // The run's log, written by the core's RunLog (the GUI uses it too).
    log::RunLog runLog;
    runLog.addSecrets(request->spec);
    if (request->logEnabled) {
        QString logError;
        if (!runLog.open(request->log, QStringLiteral("blobferry-cli"), &logError)) {
            // A directory the user named must work; the default one is not worth failing for.
            if (request->logDirGiven) {
                std::fprintf(stderr, "blobferry-cli: --log-dir: %s\n",
                             log::printable(logError).toLocal8Bit().constData());
                return 2;
            }
            std::fprintf(stderr, "blobferry-cli: warning: %s (--log-dir none turns the log off)\n",
                         log::printable(logError).toLocal8Bit().constData());
        }
    }
    runLog.write(log::LogLevel::Info,
                 QStringLiteral("blobferry-cli %1, proxy %2: %3")
                     .arg(QStringLiteral(BLOBFERRY_VERSION), request->spec.proxy.display(),
                          log::printable(QCoreApplication::arguments().join(QLatin1Char(' ')))));
    log::RunLog::captureEngineMessages(&runLog);
    runLog.setBuffered(true); // flushed by logSummary() at the end

    cli::ConsoleReporter reporter(request->verbose, request->spec.dryRun, stdout, stderr);
    reporter.setJson(request->jsonOutput);
    reporter.setBlobSource(request->spec.source.isBlob());
    cli::ConsolePrompt prompt(stdin, stderr, interactive);
    // The engine gets a thread of its own; this one stays free for the prompt. Ctrl-C and
    // SIGTERM reach this thread only (InterruptWatcher).
    host::EngineHost engines(QStringLiteral("engine"), &cli::InterruptWatcher::startShielded);
    engines.setRunLog(&runLog);
    transfer::TransferEngine *engine = engines.add(request->spec, &prompt);
    prompt.setEngine(engine);
    engine->setDeletionConfirmer(&prompt);
    // A console slower than the engine (a pipe into a pager) holds the engine back.
    engine->setOutcomeBacklog(10000);

    int exitCode = 0;
    // Outcomes come in batches: one wake-up of this thread for many files (the host writes
    // them to the run log).
    QObject::connect(engine, &transfer::TransferEngine::filesFinished, &reporter,
                     [&, engine](const QList<transfer::FileOutcome> &outcomes) {
                         for (const transfer::FileOutcome &outcome : outcomes)
                             reporter.onFileFinished(outcome);
                         engine->acknowledgeOutcomes(int(outcomes.size()));
                     });
    QObject::connect(engine, &transfer::TransferEngine::notice, &reporter,
                     &cli::ConsoleReporter::onNotice);
    QObject::connect(engine, &transfer::TransferEngine::extraDeleted, &reporter,
                     &cli::ConsoleReporter::onExtraDeleted);
    // Ctrl-C or SIGTERM: the job is cancelled and ends with its summary; exit 128 + signal.
    cli::InterruptWatcher interrupts;
    QObject::connect(&interrupts, &cli::InterruptWatcher::interrupted, &app, [&](int number) {
        const QString text =
            QStringLiteral("blobferry-cli: %1: stopping the files in flight%2 (again to quit at "
                           "once)")
                .arg(number == SIGINT ? QStringLiteral("interrupted")
                                      : QStringLiteral("terminated"),
                     request->spec.restartable && !request->spec.dryRun
                         ? QStringLiteral("; the journal keeps what arrived, "
                                          "run the same command to resume")
                         : QString());
        reporter.onWarning(text);
        runLog.write(log::LogLevel::Warning, text);
        engines.cancel(engine);
    });
    QObject::connect(engine, &transfer::TransferEngine::finished, &app,
                     [&](const transfer::TransferSummary &summary) {
                         interrupts.takePending(); // its warning before the summary
                         runLog.logSummary(summary);
                         reporter.printSummary(summary);
                         exitCode = exitStatus(summary, interrupts.signalNumber());
                     });
    // Quits once the engine is deleted on its thread, after every line above was written.
    QObject::connect(&engines, &host::EngineHost::idle, &app, &QCoreApplication::quit);
    engines.start(engine);
    QCoreApplication::exec();

    log::RunLog::captureEngineMessages(nullptr);
    return exitCode;
}
