// SPDX-License-Identifier: MIT
#include "log/RunLog.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using blobferry::log::LogLevel;
using blobferry::log::LogPolicy;
using blobferry::log::RunLog;
using blobferry::transfer::FileOutcome;
using blobferry::transfer::TransferState;

namespace {

// A file of size bytes whose modification time is ageDays before now.
void makeFile(const QDir &dir, const QString &name, qint64 size, int ageDays, const QDateTime &now)
{
    QFile file(dir.filePath(name));
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(size, 'x'));
    file.close();
    REQUIRE(file.open(QIODevice::ReadWrite));
    REQUIRE(file.setFileTime(now.addDays(-ageDays), QFileDevice::FileModificationTime));
}

QString logName(int n)
{
    return QStringLiteral("blobferry-cli-20260101T0000%1Z-%2.log")
        .arg(n, 2, 10, QLatin1Char('0'))
        .arg(100 + n);
}

QString readAll(const QString &path)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    return QString::fromUtf8(file.readAll());
}

} // namespace

TEST_CASE("logs older than the age limit go, then the oldest beyond the size budget", "[log]")
{
    QTemporaryDir temp;
    const QDir dir(temp.path());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    makeFile(dir, logName(1), 100, 0, now); // newest
    makeFile(dir, logName(2), 100, 1, now);
    makeFile(dir, logName(3), 100, 2, now); // does not fit in 250 bytes with the two above
    makeFile(dir, logName(4), 10, 3, now);  // small, but older than one that did not fit
    makeFile(dir, logName(5), 10, 40, now); // too old
    makeFile(dir, QStringLiteral("notes.txt"), 5000, 400, now); // not a log: never touched
    makeFile(dir, QStringLiteral("blobferry.journal"), 5000, 400, now);

    const QStringList deleted = RunLog::prune(temp.path(), 30, 250, now);
    CHECK(deleted.size() == 3);
    CHECK(dir.exists(logName(1)));
    CHECK(dir.exists(logName(2)));
    CHECK_FALSE(dir.exists(logName(3)));
    CHECK_FALSE(dir.exists(logName(4)));
    CHECK_FALSE(dir.exists(logName(5)));
    CHECK(dir.exists(QStringLiteral("notes.txt")));
    CHECK(dir.exists(QStringLiteral("blobferry.journal")));
}

TEST_CASE("opening a log prunes the directory and creates a private file", "[log]")
{
    QTemporaryDir temp;
    const QDir dir(temp.filePath(QStringLiteral("logs")));
    REQUIRE(dir.mkpath(QStringLiteral(".")));
    makeFile(dir, logName(1), 10, 31, QDateTime::currentDateTimeUtc());
    RunLog log;
    LogPolicy policy;
    policy.directory = dir.path();
    QString error;
    REQUIRE(log.open(policy, QStringLiteral("blobferry-cli"), &error));
    CHECK_FALSE(dir.exists(logName(1)));
    CHECK(QFileInfo(log.path()).fileName().startsWith(QStringLiteral("blobferry-cli-")));
    CHECK(QFile::permissions(log.path()) == (QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                             QFileDevice::ReadUser | QFileDevice::WriteUser));
}

TEST_CASE("registered secrets and secret-shaped values are masked", "[log]")
{
    RunLog log;
    log.addSecret(QStringLiteral("hunter2-proxy"));
    CHECK(log.redact(QStringLiteral("password hunter2-proxy in text")) ==
          QStringLiteral("password *** in text"));
    CHECK(
        log.redact(QStringLiteral("https://a.blob.core.windows.net/c?sv=2020&sig=AbC%2Bd&sp=r")) ==
        QStringLiteral("https://a.blob.core.windows.net/c?sv=2020&sig=***&sp=r"));
    CHECK(log.redact(
              QStringLiteral("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=Zm9v;")) ==
          QStringLiteral("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=***;"));
    CHECK(log.redact(QStringLiteral("--proxy socks5://bob:pa55@h:1080")) ==
          QStringLiteral("--proxy socks5://bob:***@h:1080"));
    CHECK(log.redact(QStringLiteral("Authorization: SharedKey acct:c2lnbmF0dXJl")) ==
          QStringLiteral("Authorization: SharedKey acct:***"));
}

TEST_CASE("the level chooses what is written, and the summary is always there", "[log]")
{
    QTemporaryDir temp;
    RunLog log;
    LogPolicy policy;
    policy.directory = temp.path();
    policy.level = LogLevel::Error;
    QString error;
    REQUIRE(log.open(policy, QStringLiteral("blobferry-cli"), &error));
    log.logOutcome(FileOutcome{QStringLiteral("ok.txt"), TransferState::Completed, {}, 3, false});
    log.logOutcome(FileOutcome{QStringLiteral("same.txt"), TransferState::Skipped,
                               QStringLiteral("identical"), 0, false});
    log.logOutcome(FileOutcome{QStringLiteral("bad\n.txt"), TransferState::Failed,
                               QStringLiteral("403 AuthorizationFailure"), 0, false});
    blobferry::transfer::TransferSummary summary;
    summary.succeeded = 1;
    summary.failed = 1;
    log.logSummary(summary);

    const QString text = readAll(log.path());
    CHECK_FALSE(text.contains(QStringLiteral("ok.txt")));
    CHECK_FALSE(text.contains(QStringLiteral("same.txt")));
    CHECK(text.contains(
        QStringLiteral("ERROR   Failed Transfer: bad\\x0A.txt: 403 AuthorizationFailure")));
    CHECK(text.contains(QStringLiteral("Summary: 2 transferred, 1 succeeded, 1 failed")));
    CHECK(text.count(QLatin1Char('\n')) == 2);
}

TEST_CASE("a log level is one of four words", "[log]")
{
    CHECK(RunLog::parseLevel(QStringLiteral("DEBUG")) == LogLevel::Debug);
    CHECK(RunLog::parseLevel(QStringLiteral("warning")) == LogLevel::Warning);
    CHECK_FALSE(RunLog::parseLevel(QStringLiteral("verbose")).has_value());
}
