// SPDX-License-Identifier: MIT
#include "ConsoleReporter.h"

#include "log/Printable.h"
#include "log/SecretShapes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <unistd.h>

namespace blobferry::cli {

using log::printable;
using transfer::TransferState;

ConsoleReporter::ConsoleReporter(bool verbose, bool dryRun, FILE *out, FILE *err, QObject *parent)
    : QObject(parent)
    , m_verbose(verbose)
    , m_dryRun(dryRun)
    , m_out(out)
    , m_err(err)
    , m_outIsTerminal(::isatty(::fileno(out)) == 1)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(100);
    connect(&m_flushTimer, &QTimer::timeout, this, [this] { std::fflush(m_out); });
}

void ConsoleReporter::write(FILE *stream, const QString &line)
{
    const QByteArray bytes = line.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    flushSoon(stream);
}

void ConsoleReporter::flushSoon(FILE *stream)
{
    // A terminal sees each line at once. Into a pipe or a file, a line per system call made
    // a million-file dry run spend more time writing than walking: lines leave within 100 ms.
    if (stream != m_out || m_outIsTerminal) {
        std::fflush(stream);
        return;
    }
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void ConsoleReporter::writeJson(const QByteArray &line)
{
    // QJsonDocument escapes C0 but writes C1 and bidirectional controls raw: as \uNNNN they
    // are the same JSON to a parser and nothing to a terminal.
    QByteArray bytes = line;
    const bool ascii =
        std::all_of(line.cbegin(), line.cend(), [](char b) { return uchar(b) < 0x7F; });
    if (!ascii)
        bytes = printable(QString::fromUtf8(line), log::Escapes::Json).toUtf8();
    bytes += '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), m_out);
    flushSoon(m_out);
}

QByteArray ConsoleReporter::fileJson(const transfer::FileOutcome &outcome, bool dryRun)
{
    QJsonObject object{{QStringLiteral("type"), QStringLiteral("file")},
                       {QStringLiteral("name"), outcome.name},
                       {QStringLiteral("state"), transfer::stateName(outcome.state).toLower()},
                       {QStringLiteral("bytes"), outcome.bytes},
                       {QStringLiteral("overwrote"), outcome.overwrote},
                       {QStringLiteral("dryRun"), dryRun}};
    if (!outcome.reason.isEmpty())
        object.insert(QStringLiteral("reason"), outcome.reason);
    if (outcome.sourceRemoved)
        object.insert(QStringLiteral("sourceRemoved"), true);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray ConsoleReporter::summaryJson(const transfer::TransferSummary &summary)
{
    QJsonObject object{{QStringLiteral("type"), QStringLiteral("summary")},
                       {QStringLiteral("transferred"), summary.transferred()},
                       {QStringLiteral("succeeded"), summary.succeeded},
                       {QStringLiteral("failed"), summary.failed},
                       {QStringLiteral("skipped"), summary.skipped},
                       {QStringLiteral("renamed"), summary.renamed},
                       {QStringLiteral("bytes"), summary.bytes},
                       {QStringLiteral("elapsedMs"), summary.elapsedMs},
                       {QStringLiteral("dryRun"), summary.dryRun}};
    if (summary.cancelled > 0)
        object.insert(QStringLiteral("cancelled"), summary.cancelled);
    if (summary.mirrorDeleted >= 0)
        object.insert(QStringLiteral("mirrorDeleted"), summary.mirrorDeleted);
    if (summary.mirrorFailed > 0)
        object.insert(QStringLiteral("mirrorFailed"), summary.mirrorFailed);
    if (!summary.fatalError.isEmpty())
        object.insert(QStringLiteral("error"), summary.fatalError);
    if (!summary.unmatchedPatterns.isEmpty())
        object.insert(QStringLiteral("unmatchedPatterns"),
                      QJsonArray::fromStringList(summary.unmatchedPatterns));
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

void ConsoleReporter::onExtraDeleted(const QString &name, const QString &error)
{
    if (m_json) {
        QJsonObject object{{QStringLiteral("type"), QStringLiteral("deleted")},
                           {QStringLiteral("name"), name},
                           {QStringLiteral("ok"), error.isEmpty()},
                           {QStringLiteral("dryRun"), m_dryRun}};
        if (!error.isEmpty())
            object.insert(QStringLiteral("reason"), error);
        writeJson(QJsonDocument(object).toJson(QJsonDocument::Compact));
        if (!error.isEmpty())
            write(
                m_err,
                QStringLiteral("Failed to delete: %1: %2").arg(printable(name), printable(error)));
        return;
    }
    if (!error.isEmpty())
        write(m_err,
              QStringLiteral("Failed to delete: %1: %2").arg(printable(name), printable(error)));
    else
        write(m_out, (m_dryRun ? QStringLiteral("Would delete: ") : QStringLiteral("Deleted: ")) +
                         printable(name));
}

void ConsoleReporter::onFileFinished(const transfer::FileOutcome &outcome)
{
    if (m_json) {
        writeJson(fileJson(outcome, m_dryRun));
        if (outcome.state == TransferState::Failed || outcome.state == TransferState::Cancelled)
            write(m_err, QStringLiteral("Failed Transfer: %1: %2")
                             .arg(printable(outcome.name), printable(outcome.reason)));
        return;
    }
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
        if (m_verbose || outcome.specialFile) // a link or FIFO the user may not know of
            write(m_out, QStringLiteral("Skipped: %1 (%2)").arg(name, reason));
        break;
    default:
        write(m_err, QStringLiteral("Failed Transfer: %1: %2").arg(name, reason));
        break;
    }
}

void ConsoleReporter::onNotice(const QString &text)
{
    write(m_json ? m_err : m_out, printable(text));
}

void ConsoleReporter::onWarning(const QString &text)
{
    write(m_err, printable(text));
}

QString ConsoleReporter::unmatchedText(const QString &pattern, bool blobSource)
{
    // A key typed where a pattern belongs must not come back on the screen.
    return QStringLiteral("blobferry-cli: pattern \"%1\" matched no %2; check it for a typo")
        .arg(printable(log::SecretShapes::mask(pattern)),
             blobSource ? QStringLiteral("blob (a blob source's patterns are name prefixes)")
                        : QStringLiteral("file"));
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
               .arg(summary.renamed) +
           (summary.cancelled > 0
                ? QStringLiteral("\nTransfer cancelled: %1").arg(summary.cancelled)
                : QString()) +
           (summary.mirrorDeleted >= 0 ? QStringLiteral("\n%1 (mirror): %2")
                                             .arg(summary.dryRun ? QStringLiteral("Would delete")
                                                                 : QStringLiteral("Deleted"))
                                             .arg(summary.mirrorDeleted)
                                       : QString());
}

void ConsoleReporter::printSummary(const transfer::TransferSummary &summary)
{
    if (!summary.fatalError.isEmpty())
        write(m_err, QStringLiteral("blobferry-cli: error: ") + printable(summary.fatalError));
    for (const QString &pattern : summary.unmatchedPatterns)
        write(m_err, unmatchedText(pattern, m_blobSource));
    FILE *human = m_json ? m_err : m_out;
    if (summary.dryRun)
        write(human, QStringLiteral("Dry run: nothing was changed."));
    write(human, summaryText(summary));
    if (m_json)
        writeJson(summaryJson(summary));
    std::fflush(m_out);
}

} // namespace blobferry::cli
