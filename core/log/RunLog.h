// SPDX-License-Identifier: MIT
#pragma once

#include "transfer/TransferEvents.h"
#include "transfer/TransferSpec.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QMutex>
#include <QString>
#include <QStringList>
#include <QStringMatcher>
#include <optional>
#include <vector>

namespace blobferry::log {

enum class LogLevel
{
    Error,   // failed files and jobs that could not run
    Warning, // + warnings and skipped files
    Info,    // + every file's outcome (the default)
    Debug,   // + the engine's debug messages (retries, requests)
};

// Where a front end's run logs go and how many are kept.
struct LogPolicy
{
    static constexpr qint64 kDefaultMaxAgeDays = 30;
    static constexpr qint64 kDefaultMaxTotalBytes = 50 * 1024 * 1024;

    QString directory; // empty: RunLog::defaultDirectory()
    LogLevel level = LogLevel::Info;
    qint64 maxAgeDays = kDefaultMaxAgeDays;       // older logs are deleted when a run starts
    qint64 maxTotalBytes = kDefaultMaxTotalBytes; // then the oldest until the rest fit
};

// One log file per run ("blobferry-cli-20261123T215001Z-4242.log"): the job, each file's
// outcome, notices, errors and the summary, one timestamped line each, flushed as written so
// a crash loses nothing. Opening it prunes the directory's old logs (all programs' logs
// share it) by age, then by total size.
//
// Secrets never reach the file: every line passes through redact(), which masks the secrets
// the front end registered (account keys, SAS tokens, proxy passwords) wherever they appear,
// plus anything shaped like one (SecretShapes: an account key, a SAS "sig=", a token, a URL's
// password). Front ends still never hand it a secret on purpose; this is the second line.
// Every line is also made printable (log::printableLines): no control character, C1 or
// bidirectional override in a name reaches the file raw.
// Thread-safe: any thread may write.
class RunLog final
{
public:
    RunLog() = default;
    RunLog(const RunLog &) = delete;
    RunLog &operator=(const RunLog &) = delete;

    // $XDG_STATE_HOME/blobferry/logs (~/.local/state/blobferry/logs by default).
    static QString defaultDirectory();
    // "error", "warning", "info" or "debug" (any case); nothing for other words.
    static std::optional<LogLevel> parseLevel(const QString &text);
    static QString levelName(LogLevel level);

    // Prunes, then creates this run's file for program ("blobferry-cli", "blobferry"). On
    // failure: false, and *error says why in one line; the log then stays closed and
    // writing to it does nothing.
    bool open(const LogPolicy &policy, const QString &program, QString *error);
    bool isOpen() const;
    QString path() const;

    // Strings masked wherever they appear (shorter than 4 characters: ignored).
    void addSecret(const QString &secret);
    // Registers every secret of a job: account keys, SAS signatures, the proxy password (each
    // as written, percent-encoded and decoded).
    void addSecrets(const transfer::TransferSpec &spec);
    // text with every registered secret and secret-shaped value replaced by "***".
    QString redact(const QString &text) const;

    // Lets info lines gather in memory, written with the first line a second or more after the
    // last write (warnings and errors at once); for a process that ends with logSummary().
    void setBuffered(bool buffered) { m_buffered = buffered; }
    void flush();

    bool enabled(LogLevel level) const { return level <= m_level; }
    // Writes one line per line of text when level is enabled.
    void write(LogLevel level, const QString &text);

    // The engine's events, worded as the console words them.
    void logOutcome(const transfer::FileOutcome &outcome);
    // The line logOutcome() writes for outcome, without its time and level (the window's log
    // pane shows it so), and that level.
    static QString outcomeText(const transfer::FileOutcome &outcome, LogLevel *level = nullptr);
    void logNotice(const QString &text);
    void logSummary(const transfer::TransferSummary &summary);

    // Routes the messages of Qt logging categories "blobferry.*" into log (their debug
    // messages too when its level is Debug), instead of to standard error; other categories
    // keep going where they went. nullptr restores the previous handler. For a front end's
    // main(): the handler is process-wide.
    static void captureEngineMessages(RunLog *log);

    // Deletes the logs in directory older than maxAgeDays, then the oldest ones until the
    // rest hold at most maxTotalBytes. Only files named like run logs are touched. Returns
    // the names of the deleted files.
    static QStringList prune(const QString &directory, qint64 maxAgeDays, qint64 maxTotalBytes,
                             const QDateTime &now = QDateTime::currentDateTimeUtc());

private:
    mutable QMutex m_mutex;
    QFile m_file;
    bool m_buffered = false;
    QElapsedTimer m_flushed;
    LogLevel m_level = LogLevel::Info;
    QStringList m_secrets;
    std::vector<QStringMatcher> m_matchers; // of m_secrets, longest first
};

} // namespace blobferry::log
