// SPDX-License-Identifier: MIT
// The man page blobferry-cli(1) in roff (blobferry-cli --man; the package installs it): the
// options and examples come from their table, so the page lists exactly what --help does.
#include "CliOptions.h"
#include "CommandLine.h"

namespace blobferry::cli {

namespace {

// Text as roff shows it: backslashes and hyphens escaped, no line taken for a request.
QString roff(QString text)
{
    text.replace(QLatin1Char('\\'), QStringLiteral("\\e"));
    text.replace(QLatin1Char('-'), QStringLiteral("\\-"));
    if (text.startsWith(QLatin1Char('.')) || text.startsWith(QLatin1Char('\'')))
        text.prepend(QStringLiteral("\\&"));
    return text;
}

QString optionsSection()
{
    QString out = QStringLiteral("The original AzCopy's slash forms work too, in any case.\n");
    std::optional<CliOption::Section> section;
    for (const CliOptions::Entry &entry : CliOptions::entries()) {
        if (entry.section != section) {
            out += QStringLiteral(".SS ") + roff(CliOptions::sectionTitle(entry.section)) +
                   QLatin1Char('\n');
            section = entry.section;
        }
        const QString shortName =
            entry.shortName ? QStringLiteral("-%1, ").arg(QLatin1Char(entry.shortName)) : QString();
        out += QStringLiteral(".TP\n\\fB") + roff(shortName + entry.names) +
               QStringLiteral("\\fR\n") + roff(entry.help) + QLatin1Char('\n');
    }
    return out;
}

QString examplesSection()
{
    QString out;
    for (const QString &example : CliOptions::examples())
        out += QStringLiteral(".PP\n.nf\n") + roff(example) + QStringLiteral("\n.fi\n");
    return out;
}

} // namespace

QString CommandLine::manPage()
{
    // The prose is English, as the page has always been; the options' descriptions are --help's.
    QString page =
        QStringLiteral(R"roff(.\" Made by `blobferry-cli --man` from the program's table of options.
.TH BLOBFERRY\-CLI 1 "" "blobferry @VERSION@" "User Commands"
.SH NAME
blobferry\-cli \- copy files between local disk and Azure Blob Storage
.SH SYNOPSIS
.B blobferry\-cli
.I Source Destination
.RI [ pattern " ...] [" options ]
.br
.B blobferry\-cli
.BR \-\-list " | " \-\-remove
.I URL
.RI [ pattern " ...] [" options ]
.br
.B blobferry\-cli \-\-set\-tier
.I TIER URL
.RI [ pattern " ...] [" options ]
.SH DESCRIPTION
.B blobferry\-cli
copies files between a local directory and a container of Azure Blob Storage, or of any
service speaking its REST API such as the Azurite emulator.
It keeps the command line of the 2013 AzCopy (Beta): the original's slash options
.RB ( /S ", " /V ", " /Y ", " /DestKey:KEY ", ...)"
work in any case, next to long options.
.PP
.I Source
and
.I Destination
are each a local directory or a blob URL:
.PP
.nf
  https://ACCOUNT.blob.core.windows.net/CONTAINER[/VIRTUAL/DIR][?SAS]
  http://127.0.0.1:10000/devstoreaccount1/CONTAINER[/VIRTUAL/DIR]
.fi
.PP
Patterns choose files: wildcards
.RB ( * " and " ? )
for a local source, matched against file names; blob\-name prefixes for a blob source.
Without a pattern everything is copied; without
.B /S
only the top level.
.PP
Identical files (same size and MD5) are skipped.
Other existing destinations are overwritten with
.BR /Y ,
judged by time with
.BR /XO " and " /XN ,
or else asked about on a terminal; without a terminal they are skipped and reported.
.PP
A SAS in the URL needs no key and its signature is never printed.
.SH OPTIONS
)roff");
    page.replace(QStringLiteral("@VERSION@"), QStringLiteral(BLOBFERRY_VERSION));
    return page + optionsSection() + QStringLiteral(R"roff(.SH ENVIRONMENT
.TP
.BR BLOBFERRY_SOURCE_KEY ", " BLOBFERRY_DEST_KEY
account keys, so that they need not appear on a command line
.TP
.BR BLOBFERRY_SOURCE_CONNECTION_STRING ", " BLOBFERRY_DEST_CONNECTION_STRING
credentials from a connection string
.TP
.BR BLOBFERRY_LOG_LEVEL ", " BLOBFERRY_LOG_DIR
as
.BR \-\-log\-level " and " \-\-log\-dir
.TP
.B BLOBFERRY_PROXY
the proxy, as for
.B \-\-proxy
.TP
.BR https_proxy ", " HTTPS_PROXY ", " http_proxy ", " HTTP_PROXY ", " all_proxy ", " ALL_PROXY
the system proxy for https URLs, http URLs, and either, used unless
.B \-\-proxy
chooses another; loopback hosts (localhost, 127.0.0.0/8, ::1) always go direct
.TP
.BR no_proxy ", " NO_PROXY
hosts reached directly: names (with their subdomains), IP addresses, CIDR subnets, or
.B *
for all
.SH FILES
.TP
.I ~/.local/state/blobferry/logs/
a log of every run (under
.B $XDG_STATE_HOME
when set); logs older than 30 days, then the oldest beyond 50 MiB in all, are deleted when a
run starts
.TP
.I ~/.local/state/blobferry/journals/
restart journals of
.B /Z
jobs (under
.B $XDG_STATE_HOME
when set)
.TP
.I .blobferry\-names.json
in a download's destination: blob names that were stored under translated local names
.SH EXIT STATUS
.TP
.B 0
every file was copied or skipped
.TP
.B 1
some files failed; the others were copied
.TP
.B 2
the job could not run: bad arguments, an unreachable service, a wrong key, ...
.SH EXAMPLES
)roff") + examplesSection() +
           QStringLiteral(R"roff(.SH SEE ALSO
.BR blobferry (1)
)roff");
}

} // namespace blobferry::cli
