// SPDX-License-Identifier: MIT
#pragma once

#include "transfer/TransferEvents.h"

#include <QObject>
#include <QTimer>
#include <cstdio>

namespace blobferry::cli {

// Prints what the original printed: "Finished Transfer: NAME" per file in verbose mode,
// every failure with its reason, and the transfer summary at the end. Names and reasons are
// printed through log::printable: one report is one line, and never an escape sequence.
class ConsoleReporter final : public QObject
{
    Q_OBJECT
public:
    // dryRun: every file's fate is printed ("Would copy: NAME"), verbose or not.
    ConsoleReporter(bool verbose, bool dryRun, FILE *out, FILE *err, QObject *parent = nullptr);

    // --output json: one JSON object a line on `out` per finished file, deletion and summary;
    // everything meant for people goes to `err`.
    void setJson(bool json) { m_json = json; }
    // The source is a blob URL: its patterns are name prefixes, not wildcards.
    void setBlobSource(bool blobSource) { m_blobSource = blobSource; }

    void onFileFinished(const blobferry::transfer::FileOutcome &outcome);
    void onNotice(const QString &text);
    // A line about the run itself (an interruption) on the error stream.
    void onWarning(const QString &text);
    // --mirror: a destination item deleted (would be, in a dry run); error: why it was not.
    void onExtraDeleted(const QString &name, const QString &error);
    void printSummary(const blobferry::transfer::TransferSummary &summary);

    static QString summaryText(const blobferry::transfer::TransferSummary &summary);
    // "blobferry-cli: pattern "*.jgp" matched no file; ...", the pattern escaped and masked.
    static QString unmatchedText(const QString &pattern, bool blobSource);
    static QByteArray fileJson(const blobferry::transfer::FileOutcome &outcome, bool dryRun);
    static QByteArray summaryJson(const blobferry::transfer::TransferSummary &summary);

private:
    void write(FILE *stream, const QString &line);
    void writeJson(const QByteArray &line);
    void flushSoon(FILE *stream);

    bool m_verbose;
    bool m_dryRun;
    FILE *m_out;
    FILE *m_err;
    bool m_json = false;
    bool m_blobSource = false;
    bool m_outIsTerminal = false;
    QTimer m_flushTimer; // stdout into a pipe or file: flushed 100 ms after a line
};

} // namespace blobferry::cli
