// SPDX-License-Identifier: MIT
#pragma once

#include "transfer/TransferEvents.h"

#include <QObject>
#include <cstdio>

namespace blobferry::cli {

// Prints what the original printed: "Finished Transfer: NAME" per file in verbose mode,
// every failure with its reason, and the transfer summary at the end.
class ConsoleReporter final : public QObject
{
    Q_OBJECT
public:
    // dryRun: every file's fate is printed ("Would copy: NAME"), verbose or not.
    ConsoleReporter(bool verbose, bool dryRun, FILE *out, FILE *err, QObject *parent = nullptr);

    void onFileFinished(const blobferry::transfer::FileOutcome &outcome);
    void onNotice(const QString &text);
    void printSummary(const blobferry::transfer::TransferSummary &summary);

    static QString summaryText(const blobferry::transfer::TransferSummary &summary);
    // The text with control characters written as \xNN, so one report stays one line.
    static QString printable(const QString &text);

private:
    void write(FILE *stream, const QString &line);

    bool m_verbose;
    bool m_dryRun;
    FILE *m_out;
    FILE *m_err;
};

} // namespace blobferry::cli
