// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

class QSocketNotifier;

namespace blobferry::cli {

// Turns SIGINT (Ctrl-C) and SIGTERM into a signal of the main thread's event loop, so the job
// can stop the way a cancel does: the files in flight end, a download's part file goes (or
// stays for a /Z journal, which is kept), the run log and the summary are written. The first
// signal restores the default action, so a second one ends the process at once.
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

Q_SIGNALS:
    void interrupted(int signalNumber);

private:
    void readPipe();

    QSocketNotifier *m_notifier = nullptr;
    int m_signal = 0;
};

} // namespace blobferry::cli
