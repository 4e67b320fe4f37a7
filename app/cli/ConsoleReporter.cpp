// SPDX-License-Identifier: MIT
#include "ConsoleReporter.h"

namespace blobferry::cli {

using transfer::TransferState;

ConsoleReporter::ConsoleReporter(bool verbose, bool dryRun, FILE *out, FILE *err, QObject *parent)
    : QObject(parent)
    , m_verbose(verbose)
    , m_dryRun(dryRun)
    , m_out(out)
    , m_err(err)
{}

void ConsoleReporter::write(FILE *stream, const QString &line)
{
    const QByteArray bytes = line.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

QString ConsoleReporter::printable(const QString &text)
{
    // Names come from the service or the disk: a newline would split a line, an escape
    // sequence would drive the terminal. Control characters are shown as \xNN.
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7F)
            out += QStringLiteral("\\x") +
                   QString::number(c.unicode(), 16).rightJustified(2, QLatin1Char('0')).toUpper();
        else
            out += c;
    }
    return out;
}

void ConsoleReporter::onFileFinished(const transfer::FileOutcome &outcome)
{
    const QString name = printable(outcome.name);
    const QString reason = printable(outcome.reason);
    if (m_dryRun && outcome.state == TransferState::Completed) {
        write(m_out, (outcome.overwrote ? QStringLiteral("Would overwrite: ")
                                        : QStringLiteral("Would copy: ")) +
                         name);
        return;
    }
    if (m_dryRun && outcome.state == TransferState::Skipped) {
        write(m_out, QStringLiteral("Would skip: %1 (%2)").arg(name, reason));
        return;
    }
    switch (outcome.state) {
    case TransferState::Completed:
        if (m_verbose)
            write(m_out, QStringLiteral("Finished Transfer: ") + name);
        break;
    case TransferState::Skipped:
        if (m_verbose)
            write(m_out, QStringLiteral("Skipped: %1 (%2)").arg(name, reason));
        break;
    default:
        write(m_err, QStringLiteral("Failed Transfer: %1: %2").arg(name, reason));
        break;
    }
}

void ConsoleReporter::onNotice(const QString &text)
{
    write(m_out, printable(text));
}

QString ConsoleReporter::summaryText(const transfer::TransferSummary &summary)
{
    return QStringLiteral("Transfer summary:\n"
                          "Total files transferred: %1\n"
                          "Transfer successfully: %2\n"
                          "Transfer failed: %3\n"
                          "Transfer skipped: %4\n"
                          "Renamed: %5")
        .arg(summary.transferred())
        .arg(summary.succeeded)
        .arg(summary.failed)
        .arg(summary.skipped)
        .arg(summary.renamed);
}

void ConsoleReporter::printSummary(const transfer::TransferSummary &summary)
{
    if (!summary.fatalError.isEmpty())
        write(m_err, QStringLiteral("blobferry-cli: error: ") + summary.fatalError);
    if (summary.dryRun)
        write(m_out, QStringLiteral("Dry run: nothing was changed."));
    write(m_out, summaryText(summary));
}

} // namespace blobferry::cli
