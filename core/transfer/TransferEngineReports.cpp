// SPDX-License-Identifier: MIT
// TransferEngine: what it tells the front end (outcomes, batched outcomes and their flow
// control, notices, renames, progress). The rest is in TransferEngine.cpp.
#include "FileTransfer.h"
#include "TransferEngine.h"

#include <QMetaMethod>
#include <QTimer>

namespace blobferry::transfer {

void TransferEngine::reportRename(const QString &from, const QString &to, bool count)
{
    say(QStringLiteral("Renamed: %1 -> %2").arg(from, to));
    if (count)
        ++m_summary.renamed;
}

void TransferEngine::recordOutcome(const FileOutcome &outcome)
{
    switch (outcome.state) {
    case TransferState::Completed:
        ++m_summary.succeeded;
        m_summary.bytes += outcome.bytes;
        break;
    case TransferState::Skipped:
        ++m_summary.skipped;
        break;
    default:
        ++m_summary.failed;
        break;
    }
    ++m_snapshot.filesDone;
    Q_EMIT fileFinished(outcome);
    static const QMetaMethod batchSignal = QMetaMethod::fromSignal(&TransferEngine::filesFinished);
    if (isSignalConnected(batchSignal)) {
        m_outcomes.append(outcome);
        if (m_outcomes.size() == 1)
            QTimer::singleShot(0, this, &TransferEngine::flushOutcomes);
    }
}

void TransferEngine::flushOutcomes()
{
    if (m_outcomes.isEmpty())
        return;
    m_unacknowledged += int(m_outcomes.size());
    Q_EMIT filesFinished(m_outcomes);
    m_outcomes.clear();
}

void TransferEngine::acknowledgeOutcomes(int count)
{
    const int before = m_unacknowledged.fetch_sub(count);
    if (m_outcomeBacklog > 0 && before >= m_outcomeBacklog && before - count < m_outcomeBacklog)
        QMetaObject::invokeMethod(
            this, [this] { schedulePump(); }, Qt::QueuedConnection);
}

void TransferEngine::say(const QString &text)
{
    flushOutcomes(); // what happened before the notice is reported before it
    Q_EMIT notice(text);
}

void TransferEngine::announceRetry(int nextAttempt, int delayMs, const QString &why)
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

void TransferEngine::emitProgress()
{
    qint64 done = m_bytesFinished;
    for (const FileTransfer *transfer : std::as_const(m_active))
        done += transfer->bytesDone();
    m_snapshot.bytesDone = done;
    Q_EMIT progress(m_snapshot);
    static const QMetaMethod fileSignal = QMetaMethod::fromSignal(&TransferEngine::fileProgress);
    if (isSignalConnected(fileSignal) && !m_active.isEmpty()) {
        QList<FileProgress> files;
        files.reserve(m_active.size());
        for (const FileTransfer *transfer : std::as_const(m_active))
            files.append({transfer->item().relativeName, transfer->bytesDone()});
        Q_EMIT fileProgress(files);
    }
}

} // namespace blobferry::transfer
