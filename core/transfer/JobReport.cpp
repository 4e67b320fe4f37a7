// SPDX-License-Identifier: MIT
#include "JobReport.h"

#include "FileTransfer.h"

#include <QTimer>

namespace blobferry::transfer {

JobReport::JobReport(const TransferSpec &spec, Listeners listeners, QObject *parent)
    : QObject(parent)
    , m_spec(spec)
    , m_listeners(std::move(listeners))
{}

void JobReport::renamed(const QString &from, const QString &to, bool count)
{
    say(QStringLiteral("Renamed: %1 -> %2").arg(from, to));
    if (count)
        ++m_summary.renamed;
}

void JobReport::record(const FileOutcome &outcome)
{
    switch (outcome.state) {
    case TransferState::Completed:
        ++m_summary.succeeded;
        m_summary.bytes += outcome.bytes;
        break;
    case TransferState::Skipped:
        ++m_summary.skipped;
        break;
    case TransferState::Cancelled:
        ++m_summary.cancelled;
        break;
    default:
        ++m_summary.failed;
        break;
    }
    ++m_snapshot.filesDone;
    Q_EMIT fileFinished(outcome);
    if (m_listeners.batches && m_listeners.batches()) {
        m_outcomes.append(outcome);
        if (m_outcomes.size() == 1)
            QTimer::singleShot(0, this, &JobReport::flush);
    }
}

void JobReport::flush()
{
    if (m_outcomes.isEmpty())
        return;
    m_unacknowledged += int(m_outcomes.size());
    Q_EMIT filesFinished(m_outcomes);
    m_outcomes.clear();
}

bool JobReport::backlogged() const
{
    return m_backlog > 0 && m_unacknowledged.load() >= m_backlog;
}

bool JobReport::acknowledge(int count)
{
    const int before = m_unacknowledged.fetch_sub(count);
    return m_backlog > 0 && before >= m_backlog && before - count < m_backlog;
}

void JobReport::say(const QString &text)
{
    flush(); // what happened before the notice is reported before it
    Q_EMIT notice(text);
}

void JobReport::announceRetry(int nextAttempt, int delayMs, const QString &why)
{
    // Once at the first retry and then at most every 30 s: enough to show the job is alive
    // and why it waits, without a line per request when a network drops under 64 of them.
    if (m_retryAnnounced.isValid() && m_retryAnnounced.elapsed() < 30'000)
        return;
    m_retryAnnounced.start();
    const bool answered = m_spec.retry.serviceAnswered && m_spec.retry.serviceAnswered->load();
    const QString patience =
        answered ? QStringLiteral("requests keep trying for about %1 s before they fail")
                       .arg(m_spec.retry.patienceMs() / 1000)
                 : QStringLiteral("the service has not answered yet");
    say(QStringLiteral("Retrying (%1): try %2 of %3 in %4 s; %5")
            .arg(why)
            .arg(nextAttempt)
            .arg(answered ? m_spec.retry.maxTries : m_spec.retry.triesFor(true))
            .arg(QString::number(delayMs / 1000.0, 'f', 1), patience));
}

void JobReport::emitProgress(const QList<FileTransfer *> &active)
{
    qint64 done = m_bytesFinished;
    for (const FileTransfer *transfer : active)
        done += transfer->bytesDone();
    m_snapshot.bytesDone = done;
    Q_EMIT progress(m_snapshot);
    if (m_listeners.fileProgress && m_listeners.fileProgress() && !active.isEmpty()) {
        QList<FileProgress> files;
        files.reserve(active.size());
        for (const FileTransfer *transfer : active)
            files.append({transfer->item().relativeName, transfer->bytesDone()});
        Q_EMIT fileProgress(files);
    }
}

} // namespace blobferry::transfer
