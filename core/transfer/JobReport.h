// SPDX-License-Identifier: MIT
#pragma once

#include "TransferEvents.h"
#include "TransferSpec.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <atomic>
#include <functional>

namespace blobferry::transfer {

class FileTransfer;

// What the front end is told about a job, and the summary it adds up to: each file's outcome
// (one by one, and gathered per pass of the event loop, with the flow control of
// acknowledge()), notices (after the outcomes before them), renames, retries and progress.
// The engine forwards its signals.
class JobReport final : public QObject
{
    Q_OBJECT
public:
    // Whether anyone listens to the engine's filesFinished / fileProgress: the batches and
    // the per-file progress are built only then.
    struct Listeners
    {
        std::function<bool()> batches;
        std::function<bool()> fileProgress;
    };
    JobReport(const TransferSpec &spec, Listeners listeners, QObject *parent = nullptr);

    void record(const FileOutcome &outcome);
    // Sends the outcomes gathered so far (filesFinished).
    void flush();
    // notice(), after the outcomes gathered so far.
    void say(const QString &text);
    // "Renamed: from -> to"; counted in the summary unless `count` is false.
    void renamed(const QString &from, const QString &to, bool count = true);
    // "Retrying (…)", at most every 30 s.
    void announceRetry(int nextAttempt, int delayMs, const QString &why);
    // The snapshot, with the bytes of the files still active.
    void emitProgress(const QList<FileTransfer *> &active);
    void addFinishedBytes(qint64 bytes) { m_bytesFinished += bytes; }

    // Flow control (TransferEngine::setOutcomeBacklog); 0: none.
    void setBacklog(int backlog) { m_backlog = backlog; }
    bool backlogged() const;
    // Thread-safe. True when this brought the backlog back under its limit.
    bool acknowledge(int count);

    ProgressSnapshot &snapshot() { return m_snapshot; }
    TransferSummary &summary() { return m_summary; }

Q_SIGNALS:
    void fileFinished(const blobferry::transfer::FileOutcome &outcome);
    void filesFinished(const QList<blobferry::transfer::FileOutcome> &outcomes);
    void notice(const QString &text);
    void progress(const blobferry::transfer::ProgressSnapshot &snapshot);
    void fileProgress(const QList<blobferry::transfer::FileProgress> &files);

private:
    const TransferSpec &m_spec;
    Listeners m_listeners;
    QList<FileOutcome> m_outcomes; // for filesFinished, not yet sent
    int m_backlog = 0;
    std::atomic<int> m_unacknowledged{0}; // sent through filesFinished, not yet acknowledged
    qint64 m_bytesFinished = 0;           // bytes of files that reached a final state
    QElapsedTimer m_retryAnnounced;       // when the last "Retrying" notice went out
    ProgressSnapshot m_snapshot;
    TransferSummary m_summary;
};

} // namespace blobferry::transfer
