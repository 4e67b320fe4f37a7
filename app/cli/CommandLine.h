// SPDX-License-Identifier: MIT
#pragma once

#include "log/RunLog.h"
#include "transfer/TransferSpec.h"

#include <QCoreApplication>
#include <QHash>
#include <QProcessEnvironment>
#include <QStringList>
#include <optional>

namespace blobferry::cli {

struct CliOptionTarget;

// What the command line asked for.
struct CliRequest
{
    enum class Action
    {
        Transfer,
        Help,
        Version,
        Man, // the roff manual page, made from the options' table
        // Commands on the blobs a URL and its patterns name (CommandLineVerbs.cpp): spec.source
        // is the URL, spec.patterns and spec.recursive select as a download's would.
        List,
        Remove,
        SetTier,
    };
    Action action = Action::Transfer;
    transfer::TransferSpec spec;
    bool verbose = false;
    bool jsonOutput = false; // --output json: machine-readable lines on stdout
    // The run's log (--log-level, --log-dir); logDirGiven: the user named the directory, so
    // failing to write there is an error rather than a warning.
    bool logEnabled = true;
    bool logDirGiven = false;
    log::LogPolicy log;
    QByteArray tier;              // --set-tier: Hot, Cool, Cold or Archive
    QByteArray rehydratePriority; // --rehydrate-priority: Standard or High; empty: not given
};

// Parses `blobferry-cli <Source> <Destination> [pattern ...] [options]`, with the 2013
// AzCopy's slash options (/S, /NC:8, /DestKey:KEY, …, any case) as aliases of long options.
// An argument starting with '/' is an option only when it has the shape of one and names no
// existing path, so absolute paths such as /home/me/data stay paths. The options, their help
// and the man page's list come from one table (CliOptionTable.cpp).
class CommandLine final
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine) // errors and help text are translatable
public:
    // args without the program name. On bad input: nothing, and *error holds one line saying
    // what is wrong and what to do.
    static std::optional<CliRequest> parse(const QStringList &args,
                                           const QProcessEnvironment &environment, QString *error);
    static QString helpText(); // CommandLineHelp.cpp
    static QString manPage();  // roff (CommandLineManPage.cpp)
    static QString usageLine();

private:
    static std::optional<CliRequest>
    parseArguments(const QStringList &args, const QProcessEnvironment &environment, QString *error);
    // A local path (made absolute) or a blob URL with its credential: a SAS in the URL, else
    // the key, else the connection string, else anonymous. side: "source" or "destination".
    // (CommandLineEndpoints.cpp)
    static std::optional<transfer::Endpoint> endpointFor(const QString &text, const QString &key,
                                                         const QString &connectionString,
                                                         const QString &side, QString *error);
    // --list, --remove, --set-tier: which of them `values` names, if any.
    static bool namesCommand(const QHash<QString, QString> &values);
    // The rest of such a command line once its options are applied: the URL and its patterns.
    // (CommandLineVerbs.cpp)
    static std::optional<CliRequest> parseCommand(const QStringList &positional,
                                                  const QHash<QString, QString> &values,
                                                  const QProcessEnvironment &environment,
                                                  CliOptionTarget &target, QString *error);
};

} // namespace blobferry::cli
