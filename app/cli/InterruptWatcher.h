// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

class QSocketNotifier;
class QThread;

namespace blobferry::cli {

// Turns SIGINT (Ctrl-C) and SIGTERM into a signal of the main thread's event loop, so the job
// can stop the way a cancel does: the files in flight end, a download's part file goes (or
// stays for a /Z journal, which is kept), the run log and the summary are written. A second
// signal (either) ends the process at once, unless it comes within half a second of the
// first: then it is the same interruption delivered twice (timeout(1) signals the command and
// then its process group) and is ignored.
//
// One instance at a time: the handler writes to a pipe this object owns.
class InterruptWatcher final : public QObject
{
    Q_OBJECT
public:
    explicit InterruptWatcher(QObject *parent = nullptr);
    ~InterruptWatcher() override;

    // The signal that arrived first; 0 while none has.
    int signalNumber() const { return m_signal; }
    // A signal has arrived, though the event loop may not have seen it yet: for code that is
    // about to block (a prompt), which would otherwise wait with the signal unheard.
    static bool caught();

    // Starts `thread` with SIGINT and SIGTERM blocked in it, and so in every thread it starts
    // (Qt's network threads, the pool's): the signals reach this thread only, and no system
    // call elsewhere is cut short by one (the handler is installed without SA_RESTART).
    static void startShielded(QThread *thread);

    // Emits interrupted() now for a signal that arrived but that the event loop has not
    // delivered yet: a job that ends on its own just after a Ctrl-C (its files all cancelled
    // at the prompt, say) still reports the interruption before its summary.
    void takePending();

Q_SIGNALS:
    void interrupted(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
    int m_signal = 0;
};

} // namespace blobferry::cli
