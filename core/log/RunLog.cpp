// SPDX-License-Identifier: MIT
#include "RunLog.h"

#include "Printable.h"
#include "SecretShapes.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMutexLocker>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrlQuery>
#include <algorithm>

namespace blobferry::log {

namespace {

// What pruning may delete: files named like the logs open() creates.
const QRegularExpression &logName()
{
    static const QRegularExpression pattern(
        QStringLiteral("^blobferry[A-Za-z0-9_-]*-\\d{8}T\\d{6}Z-\\d+\\.log$"));
    return pattern;
}

// Now, as ISO 8601 UTC with milliseconds, and the level padded to 8: the part up to the
// second is made once a second (QDateTime::toString was half the cost of logging a file).
QByteArray linePrefix(const QString &level)
{
    static thread_local qint64 cachedSecond = -1;
    static thread_local QByteArray cached;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now / 1000 != cachedSecond) {
        cachedSecond = now / 1000;
        cached =
            QDateTime::fromSecsSinceEpoch(cachedSecond, Qt::UTC).toString(Qt::ISODate).toLatin1();
        cached.chop(1); // the 'Z', which goes after the milliseconds
    }
    const int ms = int(now % 1000);
    const char tail[] = {
        '.', char('0' + ms / 100), char('0' + ms / 10 % 10), char('0' + ms % 10), 'Z', ' '};
    return cached + QByteArray(tail, sizeof tail) + level.leftJustified(8).toLatin1();
}

RunLog *g_capturingLog = nullptr;
QtMessageHandler g_previousHandler = nullptr;

void engineMessageHandler(QtMsgType type, const QMessageLogContext &context, const QString &text)
{
    const bool ours =
        context.category && QLatin1String(context.category).startsWith(QLatin1String("blobferry."));
    if (ours && g_capturingLog) {
        const LogLevel level = type == QtDebugMsg || type == QtInfoMsg ? LogLevel::Debug
                               : type == QtWarningMsg                  ? LogLevel::Warning
                                                                       : LogLevel::Error;
        g_capturingLog->write(level, QLatin1String(context.category) + QStringLiteral(": ") + text);
        return;
    }
    if (g_previousHandler)
        g_previousHandler(type, context, text);
}

} // namespace

QString RunLog::defaultDirectory()
{
    QString state = qEnvironmentVariable("XDG_STATE_HOME");
    if (state.isEmpty() || !QDir::isAbsolutePath(state))
        state = QDir::homePath() + QStringLiteral("/.local/state");
    return state + QStringLiteral("/blobferry/logs");
}

std::optional<LogLevel> RunLog::parseLevel(const QString &text)
{
    const QString lower = text.trimmed().toLower();
    if (lower == QLatin1String("error"))
        return LogLevel::Error;
    if (lower == QLatin1String("warning"))
        return LogLevel::Warning;
    if (lower == QLatin1String("info"))
        return LogLevel::Info;
    if (lower == QLatin1String("debug"))
        return LogLevel::Debug;
    return std::nullopt;
}

QString RunLog::levelName(LogLevel level)
{
    switch (level) {
    case LogLevel::Error:
        return QStringLiteral("ERROR");
    case LogLevel::Warning:
        return QStringLiteral("WARNING");
    case LogLevel::Info:
        return QStringLiteral("INFO");
    case LogLevel::Debug:
        return QStringLiteral("DEBUG");
    }
    return {};
}

bool RunLog::open(const LogPolicy &policy, const QString &program, QString *error)
{
    QMutexLocker lock(&m_mutex);
    const QString directory = policy.directory.isEmpty() ? defaultDirectory() : policy.directory;
    // Logs name the user's files: private to the user, like the journals.
    if (!QDir().mkpath(directory)) {
        *error = QStringLiteral("cannot create the log directory %1").arg(directory);
        return false;
    }
    QFile::setPermissions(directory,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    prune(directory, policy.maxAgeDays, policy.maxTotalBytes);

    const QString stamp =
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    m_file.setFileName(QDir(directory).filePath(QStringLiteral("%1-%2-%3.log")
                                                    .arg(program, stamp)
                                                    .arg(QCoreApplication::applicationPid())));
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
        *error = QStringLiteral("cannot write the log %1: %2")
                     .arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    m_file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    m_level = policy.level;
    return true;
}

bool RunLog::isOpen() const
{
    QMutexLocker lock(&m_mutex);
    return m_file.isOpen();
}

QString RunLog::path() const
{
    QMutexLocker lock(&m_mutex);
    return m_file.isOpen() ? m_file.fileName() : QString();
}

void RunLog::addSecret(const QString &secret)
{
    if (secret.size() < 4)
        return; // masking "a" everywhere would ruin the log and protect nothing
    QMutexLocker lock(&m_mutex);
    if (!m_secrets.contains(secret))
        m_secrets.append(secret);
    // Longest first, so that a secret containing another is masked whole.
    std::sort(m_secrets.begin(), m_secrets.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    m_matchers.clear(); // made once: building one per line cost more than the search
    for (const QString &known : std::as_const(m_secrets))
        m_matchers.emplace_back(known);
}

void RunLog::addSecrets(const transfer::TransferSpec &spec)
{
    auto addEncodings = [this](const QString &secret) {
        addSecret(secret);
        addSecret(QString::fromUtf8(QUrl::toPercentEncoding(secret)));
        addSecret(QUrl::fromPercentEncoding(secret.toUtf8()));
    };
    for (const transfer::Endpoint *endpoint : {&spec.source, &spec.destination}) {
        const azure::Credential &credential = endpoint->credential;
        if (!credential.key().isEmpty())
            addEncodings(QString::fromLatin1(credential.key().toBase64()));
        QStringList tokens{credential.sasToken()};
        if (endpoint->blob)
            tokens.append(endpoint->blob->sasToken());
        for (const QString &token : tokens) {
            if (token.isEmpty())
                continue;
            // The signature is the secret; the rest of the token (expiry, permissions) is
            // what a reader of the log needs.
            const QUrlQuery query(token);
            addEncodings(query.queryItemValue(QStringLiteral("sig"), QUrl::FullyEncoded));
            addEncodings(query.queryItemValue(QStringLiteral("sig"), QUrl::FullyDecoded));
        }
    }
    if (!spec.proxy.password.isEmpty())
        addEncodings(spec.proxy.password);
}

QString RunLog::redact(const QString &text) const
{
    QString result = text;
    {
        QMutexLocker lock(&m_mutex);
        for (const QStringMatcher &secret : m_matchers) {
            if (secret.indexIn(result) >= 0)
                result.replace(secret.pattern(), QStringLiteral("***"));
        }
    }
    return SecretShapes::mask(result);
}

void RunLog::write(LogLevel level, const QString &text)
{
    if (!enabled(level))
        return;
    const QByteArray prefix = linePrefix(levelName(level));
    // Whatever the caller passed, no control character reaches the file raw (line breaks
    // start new lines, each with its own prefix).
    const QString clean = printableLines(redact(text));
    QByteArray bytes;
    for (const QStringView line : QStringView(clean).split(QLatin1Char('\n')))
        bytes += prefix + line.toUtf8() + '\n';
    QMutexLocker lock(&m_mutex);
    if (!m_file.isOpen())
        return;
    m_file.write(bytes);
    // Buffered (the CLI): a line per system call cost a many-file run more than its walk.
    // Warnings and errors still reach the disk at once; the rest go with the first line a
    // second or more after the last write, and at the summary.
    if (!m_buffered || level <= LogLevel::Warning || !m_flushed.isValid() ||
        m_flushed.elapsed() >= 1000) {
        m_file.flush();
        m_flushed.start();
    }
}

void RunLog::flush()
{
    QMutexLocker lock(&m_mutex);
    if (m_file.isOpen())
        m_file.flush();
}

void RunLog::logOutcome(const transfer::FileOutcome &outcome)
{
    LogLevel level = LogLevel::Info;
    const QString text = outcomeText(outcome, &level);
    write(level, text);
}

QString RunLog::outcomeText(const transfer::FileOutcome &outcome, LogLevel *level)
{
    // A name cannot break a line of the log nor hold a terminal's escape sequence for
    // whoever reads it with cat or less.
    const QString name = printable(outcome.name);
    const QString reason = printable(outcome.reason);
    LogLevel ignored = LogLevel::Info;
    LogLevel &chosen = level ? *level : ignored;
    switch (outcome.state) {
    case transfer::TransferState::Completed:
        chosen = LogLevel::Info;
        return QStringLiteral("Finished Transfer: ") + name + QStringLiteral(" (") +
               QString::number(outcome.bytes) +
               (outcome.overwrote ? QStringLiteral(" bytes, overwritten)")
                                  : QStringLiteral(" bytes)"));
    case transfer::TransferState::Skipped:
        chosen = LogLevel::Warning;
        return QStringLiteral("Skipped: %1 (%2)").arg(name, reason);
    case transfer::TransferState::Failed:
        chosen = LogLevel::Error;
        return QStringLiteral("Failed Transfer: %1: %2").arg(name, reason);
    default:
        chosen = LogLevel::Warning;
        return QStringLiteral("%1: %2 %3")
            .arg(transfer::stateName(outcome.state), name, reason)
            .trimmed();
    }
}

void RunLog::logNotice(const QString &text)
{
    // A notice names files ("Renamed: a -> b"): one line, as on the console.
    write(text.startsWith(QLatin1String("Warning")) ? LogLevel::Warning : LogLevel::Info,
          printable(text));
}

void RunLog::logSummary(const transfer::TransferSummary &summary)
{
    if (!summary.fatalError.isEmpty())
        write(LogLevel::Error,
              QStringLiteral("The job could not run: ") + printable(summary.fatalError));
    for (const QString &pattern : summary.unmatchedPatterns)
        write(LogLevel::Error,
              QStringLiteral("Pattern \"%1\" matched nothing").arg(printable(pattern)));
    for (const QString &name : summary.missingNames)
        write(LogLevel::Error,
              QStringLiteral("Not copied: %1 is no longer at the source").arg(printable(name)));
    // The summary is written at every level: a log without its outcome is of no use.
    const LogLevel level = m_level;
    const QString text =
        QStringLiteral("Summary%1: %2 transferred, %3 succeeded, %4, "
                       "%5 skipped, %6 renamed, %7 bytes in %8 ms")
            .arg(summary.dryRun ? QStringLiteral(" (dry run)") : QString())
            .arg(summary.transferred())
            .arg(summary.succeeded)
            .arg(summary.cancelled > 0 ? QStringLiteral("%1 failed, %2 cancelled")
                                             .arg(summary.failed)
                                             .arg(summary.cancelled)
                                       : QStringLiteral("%1 failed").arg(summary.failed))
            .arg(summary.skipped)
            .arg(summary.renamed)
            .arg(summary.bytes)
            .arg(summary.elapsedMs);
    write(std::min(level, summary.ok() ? LogLevel::Info : LogLevel::Error), text);
    flush();
}

void RunLog::captureEngineMessages(RunLog *log)
{
    if (log && !g_capturingLog) {
        g_previousHandler = qInstallMessageHandler(engineMessageHandler);
    } else if (!log && g_capturingLog) {
        qInstallMessageHandler(g_previousHandler);
        g_previousHandler = nullptr;
    }
    g_capturingLog = log;
    if (log && log->enabled(LogLevel::Debug))
        QLoggingCategory::setFilterRules(QStringLiteral("blobferry.*.debug=true"));
}

QStringList RunLog::prune(const QString &directory, qint64 maxAgeDays, qint64 maxTotalBytes,
                          const QDateTime &now)
{
    QStringList deleted;
    QFileInfoList logs;
    const QFileInfoList entries =
        QDir(directory).entryInfoList(QDir::Files | QDir::Hidden, QDir::Time); // newest first
    for (const QFileInfo &entry : entries)
        if (logName().match(entry.fileName()).hasMatch())
            logs.append(entry);

    const QDateTime oldest = now.addDays(-maxAgeDays);
    qint64 kept = 0;
    bool full = false; // once the newest logs fill the budget, every older one goes
    for (const QFileInfo &log : logs) {
        const bool tooOld = maxAgeDays >= 0 && log.lastModified() < oldest;
        full = full || (maxTotalBytes >= 0 && kept + log.size() > maxTotalBytes);
        if ((tooOld || full) && QFile::remove(log.absoluteFilePath())) {
            deleted.append(log.fileName());
            continue;
        }
        kept += log.size();
    }
    return deleted;
}

} // namespace blobferry::log
