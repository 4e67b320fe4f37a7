// SPDX-License-Identifier: MIT
// The --help text: the prose around the options, which come from their table.
#include "CliOptions.h"
#include "CommandLine.h"

namespace blobferry::cli {

namespace {

constexpr int kDescriptionColumn = 33;
constexpr int kLineWidth = 92;

// The words of text in lines of at most `width` characters (a longer word alone on its line).
QStringList wrapped(const QString &text, int width)
{
    QStringList lines;
    QString line;
    for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > width) {
            lines.append(line);
            line.clear();
        }
        line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    if (!line.isEmpty())
        lines.append(line);
    return lines;
}

// "  -h, --help, /?                 show this text", section by section; names too long for
// their column put the description on the lines below.
QString optionsBlock()
{
    const QString indent(kDescriptionColumn, QLatin1Char(' '));
    QString block;
    std::optional<CliOption::Section> section;
    for (const CliOptions::Entry &entry : CliOptions::entries()) {
        if (entry.section != section) {
            block += QStringLiteral("\n ") + CliOptions::sectionTitle(entry.section) +
                     QStringLiteral(":\n");
            section = entry.section;
        }
        QString line = QStringLiteral("  ") +
                       (entry.shortName ? QStringLiteral("-%1, ").arg(QLatin1Char(entry.shortName))
                                        : QStringLiteral("    ")) +
                       entry.names;
        if (line.size() > kDescriptionColumn - 2) {
            block += line + QLatin1Char('\n');
            line = indent;
        } else {
            line = line.leftJustified(kDescriptionColumn);
        }
        for (const QString &text : wrapped(entry.help, kLineWidth - kDescriptionColumn)) {
            block += line + text + QLatin1Char('\n');
            line = indent;
        }
    }
    return block;
}

QString examplesBlock()
{
    QString block;
    for (const QString &example : CliOptions::examples())
        block += QStringLiteral("  ") + example + QLatin1Char('\n');
    return block;
}

} // namespace

QString CommandLine::helpText()
{
    // Translatable; the option names and examples inside stay as they are.
    return tr(R"(blobferry-cli %1 - copy files between local disk and Azure Blob Storage

)")
               .arg(QStringLiteral(BLOBFERRY_VERSION)) +
           usageLine() + tr(R"(
       blobferry-cli --list | --remove URL [pattern ...] [options]
       blobferry-cli --set-tier TIER URL [pattern ...] [options]

<Source> and <Destination> are each a local directory or a blob URL:
  https://ACCOUNT.blob.core.windows.net/CONTAINER[/VIRTUAL/DIR][?SAS]
  http://127.0.0.1:10000/devstoreaccount1/CONTAINER[/VIRTUAL/DIR]   (the emulator)
When both are blob URLs, the service copies blob to blob (a source in another account is
read through a SAS: the one in its URL, or a read-only one blobferry signs with its key).
Patterns choose files: wildcards (* and ?) for a local source, matched against file names;
blob-name prefixes for a blob source. A file name as pattern copies that one file.

Options (the original AzCopy's slash forms work too, in any case):
)") + optionsBlock() +
           tr(R"(
A SAS in the URL needs no key. Keys given in the environment stay off the command line.

Downloads write blob names a file system cannot hold under translated names ("Renamed:
NAME -> PATH"), never outside the destination, and record them in .blobferry-names.json;
an upload of that directory restores the original names.

Examples:
)") + examplesBlock() +
           tr(R"(
Exit status: 0 when every file was copied or skipped, 1 when some failed (files or mirror
deletions), 2 when the job could not run (bad arguments, unreachable service, wrong key, ...).
)");
}

} // namespace blobferry::cli
