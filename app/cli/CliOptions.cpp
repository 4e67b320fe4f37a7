// SPDX-License-Identifier: MIT
#include "CliOptions.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace blobferry::cli {

namespace {

const QRegularExpression &slashShape()
{
    static const QRegularExpression shape(QStringLiteral("^/([A-Za-z?]+)(?::(.*))?$"),
                                          QRegularExpression::DotMatchesEverythingOption);
    return shape;
}

// " N" or "[=FILE]" after a long name, ":N" or "[:FILE]" after a slash alias.
QString valueLabel(const CliOption &option, QChar separator, QChar optionalSeparator)
{
    if (!option.takesValue())
        return {};
    const QString name = QString::fromLatin1(option.valueName);
    if (option.traits & CliOption::OptionalValue)
        return QStringLiteral("[%1%2]").arg(optionalSeparator, name);
    return separator + name;
}

// "--concurrency N, /NC:N", "--restartable[=FILE], /Z[:FILE]".
QString namesOf(const CliOption &option)
{
    QStringList names{QStringLiteral("--") + option.longName() +
                      valueLabel(option, QLatin1Char(' '), QLatin1Char('='))};
    for (const QString &alias : option.slashAliases)
        names.append(QLatin1Char('/') + alias +
                     valueLabel(option, QLatin1Char(':'), QLatin1Char(':')));
    return names.join(QStringLiteral(", "));
}

} // namespace

const CliOption *CliOptions::findLong(const QString &name)
{
    for (const CliOption &option : table()) {
        if (name == QLatin1String(option.name))
            return &option;
    }
    return nullptr;
}

const CliOption *CliOptions::findSlash(const QString &alias)
{
    for (const CliOption &option : table()) {
        for (const QString &candidate : option.slashAliases) {
            if (candidate.compare(alias, Qt::CaseInsensitive) == 0)
                return &option;
        }
    }
    return nullptr;
}

std::optional<CliOptions::Given> CliOptions::tokenize(const QStringList &args, QString *error)
{
    Given given;
    bool onlyPositional = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString &arg = args[i];
        const CliOption *option = nullptr;
        QString value;
        bool hasValue = false;
        if (onlyPositional) {
            given.positional.append(arg);
            continue;
        }
        if (arg == QLatin1String("--")) {
            onlyPositional = true;
            continue;
        }
        if (arg.startsWith(QLatin1String("--"))) {
            const int eq = arg.indexOf(QLatin1Char('='));
            option = findLong(arg.mid(2, eq < 0 ? -1 : eq - 2).toLower());
            if (eq >= 0) {
                value = arg.mid(eq + 1);
                hasValue = true;
            }
            if (!option) {
                *error = CommandLine::tr("unknown option %1; see blobferry-cli --help")
                             .arg(arg.left(eq < 0 ? arg.size() : eq));
                return std::nullopt;
            }
        } else if (const auto m = slashShape().match(arg);
                   m.hasMatch() && !QFileInfo::exists(arg)) {
            option = findSlash(m.captured(1));
            if (!option) {
                *error =
                    CommandLine::tr("unknown option %1 (if it is a path, it does not exist); see "
                                    "blobferry-cli --help")
                        .arg(arg);
                return std::nullopt;
            }
            if (m.capturedLength(2) > 0 || arg.contains(QLatin1Char(':'))) {
                value = m.captured(2);
                hasValue = true;
            }
        } else if (arg.startsWith(QLatin1Char('-')) && arg.size() > 1) {
            for (const CliOption &candidate : table()) {
                if (candidate.shortName != 0 && arg.size() == 2 &&
                    arg[1] == QLatin1Char(candidate.shortName))
                    option = &candidate;
            }
            if (!option) {
                *error = CommandLine::tr("unknown option %1; see blobferry-cli --help").arg(arg);
                return std::nullopt;
            }
        } else {
            given.positional.append(arg);
            continue;
        }

        const QString name = option->longName();
        const bool takesValue = option->takesValue();
        const bool optionalValue = option->traits & CliOption::OptionalValue;
        // "/DestKey: KEY": the space made the key the next argument, a pattern that would end
        // up in the log. Refused, without quoting what follows, when a value comes next or
        // when an empty value would pass for "not given".
        const bool valueNext = i + 1 < args.size() && !args[i + 1].startsWith(QLatin1Char('-')) &&
                               !slashShape().match(args[i + 1]).hasMatch();
        if (takesValue && hasValue && value.isEmpty() && !optionalValue &&
            (valueNext || option->traits & CliOption::EmptyIsUnset)) {
            *error = CommandLine::tr("option %1 has an empty value; write the value right after "
                                     "it, with no space (%1VALUE), or use --%2 VALUE")
                         .arg(arg, name);
            return std::nullopt;
        }
        if (takesValue && !hasValue && !optionalValue) {
            if (i + 1 >= args.size()) {
                *error = CommandLine::tr("option --%1 needs a value").arg(name);
                return std::nullopt;
            }
            value = args[++i];
        } else if (!takesValue && hasValue) {
            *error = CommandLine::tr("option --%1 takes no value").arg(name);
            return std::nullopt;
        }
        given.values.insert(name, value);
    }
    return given;
}

bool CliOptions::applyAnswer(const Given &given, CliOptionTarget &target)
{
    for (const CliOption &option : table()) {
        if (option.traits & CliOption::AnswersAtOnce && given.values.contains(option.longName())) {
            QString unused;
            return option.apply(given.values.value(option.longName()), target, &unused);
        }
    }
    return false;
}

bool CliOptions::apply(const Given &given, const QProcessEnvironment &environment,
                       CliOptionTarget &target, QString *error)
{
    for (const CliOption &option : table()) {
        if (option.traits & CliOption::AnswersAtOnce)
            continue;
        const QString name = option.longName();
        if (given.values.contains(name)) {
            const QString value = given.values.value(name);
            // "--proxy ''": as if not given, the environment included.
            if (value.isEmpty() && option.traits & CliOption::EmptyIsUnset)
                continue;
            if (!option.apply(value, target, error))
                return false;
        } else if (option.environment) {
            const QString variable = QString::fromLatin1(option.environment);
            const QString value = environment.value(variable);
            if (value.isEmpty())
                continue;
            if (!option.apply(value, target, error)) {
                // The value came from the environment: the error names the variable.
                error->replace(QStringLiteral("--") + name, variable);
                return false;
            }
        }
    }
    return true;
}

QList<CliOptions::Entry> CliOptions::entries()
{
    QList<Entry> entries;
    for (const CliOption &option : table()) {
        if (!option.help && !entries.isEmpty()) {
            entries.last().names += QStringLiteral(", ") + namesOf(option);
            continue;
        }
        entries.append({option.section, namesOf(option), option.help ? tr(option.help) : QString(),
                        option.shortName});
    }
    return entries;
}

} // namespace blobferry::cli
