// SPDX-License-Identifier: MIT
#pragma once

#include "CliOption.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QProcessEnvironment>
#include <optional>

namespace blobferry::cli {

// The command line's options, read from their table: finding them in the arguments, applying
// them, and listing them for --help and the man page.
class CliOptions final
{
    Q_DECLARE_TR_FUNCTIONS(CliOptions) // the help texts and section titles
public:
    // Every option once, in the order --help lists them (CliOptionTable.cpp).
    static const std::vector<CliOption> &table();
    static QString sectionTitle(CliOption::Section section); // translated
    // Command lines --help and the man page show as examples (CliOptionTable.cpp).
    static const QStringList &examples();

    // The options the arguments give, by long name ("" for a flag; the last of repeats),
    // and the other arguments.
    struct Given
    {
        QHash<QString, QString> values;
        QStringList positional;
    };
    // --name, --name=VALUE, --name VALUE, -h, and the slash forms /Alias, /Alias:VALUE in any
    // case; after "--" every argument is positional. An argument starting with '/' is an
    // option only when it has the shape of one and names no existing path.
    static std::optional<Given> tokenize(const QStringList &args, QString *error);
    // The first option given that is answered at once (help, version), applied: true if any.
    static bool applyAnswer(const Given &given, CliOptionTarget &target);
    // Every other option given, or else read from its environment variable, applied in the
    // table's order; false with a one-line *error at the first bad value.
    static bool apply(const Given &given, const QProcessEnvironment &environment,
                      CliOptionTarget &target, QString *error);

    // One entry of --help and of the man page: the names of an option, with those described
    // on its line (--put-md5, --no-put-md5), and what it does (translated).
    struct Entry
    {
        CliOption::Section section;
        QString names; // "--concurrency N, /NC:N"
        QString help;
        char shortName; // "-h" goes before the names
    };
    static QList<Entry> entries();

    static const CliOption *findLong(const QString &name);   // lower case
    static const CliOption *findSlash(const QString &alias); // any case
};

} // namespace blobferry::cli
