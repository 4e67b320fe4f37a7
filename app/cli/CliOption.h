// SPDX-License-Identifier: MIT
#pragma once

#include "CommandLine.h"

#include <QFlags>
#include <QString>
#include <QStringList>
#include <vector>

namespace blobferry::cli {

// What the options write into: the request, and the credentials the endpoints are made with
// once <Source> and <Destination> are known.
struct CliOptionTarget
{
    CliRequest request;
    QString sourceKey;
    QString destKey;
    QString sourceConnectionString;
    QString destConnectionString;
};

// One command-line option, declared once in CliOptionTable.cpp: the parser, --help and the
// man page all read it.
struct CliOption
{
    // Where --help and the man page list the option.
    enum class Section
    {
        General,
        Commands,
        Selection,
        Credentials,
        Overwriting,
        Performance,
        Stored,
        Names,
        Network,
        Log,
    };
    enum Trait
    {
        NoTrait = 0,
        // --name[=VALUE], /Alias[:VALUE]: the value is optional and never the next argument.
        OptionalValue = 1,
        // An empty value would pass for "not given" (a key, the proxy, the log's place): one
        // written as "/Name: VALUE" or "--name=" is refused.
        EmptyIsUnset = 2,
        // Answered at once (help, version): no <Source> or <Destination> needed.
        AnswersAtOnce = 4,
        // Refused for a blob-to-blob copy, which the service makes with the source's properties.
        NotForBlobCopy = 8,
    };
    Q_DECLARE_FLAGS(Traits, Trait)

    // Validates the value ("" for a flag) and writes it into the target; false with a
    // one-line *error naming the option and saying what to do.
    using Apply = bool (*)(const QString &value, CliOptionTarget &target, QString *error);

    const char *name;         // long name, lower case: --name
    QStringList slashAliases; // the original AzCopy's spelling (/NC), matched in any case
    const char *valueName;    // "N", "FILE"; nullptr for a flag
    Section section;
    // What it does, for --help and the man page (QT_TR_NOOP in CliOptions::table()).
    // nullptr: described together with the option before it, on its line.
    const char *help;
    Apply apply;
    Traits traits = NoTrait;
    const char *environment = nullptr; // read when the option is not given
    char shortName = 0;                // -h

    QString longName() const { return QString::fromLatin1(name); }
    bool takesValue() const { return valueName != nullptr; }
};

Q_DECLARE_OPERATORS_FOR_FLAGS(CliOption::Traits)

} // namespace blobferry::cli
