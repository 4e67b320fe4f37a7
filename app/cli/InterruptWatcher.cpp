// SPDX-License-Identifier: MIT
#include "InterruptWatcher.h"

#include <QSocketNotifier>
#include <QThread>
#include <cerrno>
#include <csignal>
#include <ctime>
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

namespace blobferry::cli {

namespace {

int g_pipe[2] = {-1, -1};
volatile sig_atomic_t g_caught = 0;
timespec g_firstAt = {}; // when the first signal came; written before g_caught is set

// A second signal this soon after the first is the same interruption delivered twice:
// timeout(1), systemd and `kill -- -PGID` signal the process and then its whole group, a
// few microseconds apart. Half a second is far beyond that gap even on a loaded machine, and
// shorter than anyone takes to read "again to quit at once" and press Ctrl-C again.
constexpr long long kSameInterruptNs = 500'000'000;

// sigemptyset, sigaddset and sigaction are async-signal-safe.
void install(int number, void (*handler)(int))
{
    struct sigaction action = {};
    action.sa_handler = handler;
    // Neither signal interrupts the handler of the other: the first one is recorded whole.
    sigemptyset(&action.sa_mask);
    sigaddset(&action.sa_mask, SIGINT);
    sigaddset(&action.sa_mask, SIGTERM);
    // No SA_RESTART: a prompt waiting in poll(2) on the thread that takes the signal returns
    // at once (ConsolePrompt also checks the flag between short waits).
    action.sa_flags = 0;
    ::sigaction(number, &action, nullptr);
}

// Async-signal-safe (clock_gettime, write, sigaction, raise). The first signal: its time and
// one write(2) of its number. A later one, half a second on or more: the default action back
// for both signals and this one raised again, so it ends the process as the handler returns.
// errno is left as it was.
void onSignal(int number)
{
    const int saved = errno;
    timespec now = {};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    if (g_caught == 0) {
        g_firstAt = now;
        g_caught = 1;
        const unsigned char byte = static_cast<unsigned char>(number);
        [[maybe_unused]] const ssize_t written = ::write(g_pipe[1], &byte, 1);
    } else {
        const long long elapsed =
            (now.tv_sec - g_firstAt.tv_sec) * 1'000'000'000LL + (now.tv_nsec - g_firstAt.tv_nsec);
        if (elapsed >= kSameInterruptNs) {
            install(SIGINT, SIG_DFL);
            install(SIGTERM, SIG_DFL);
            ::raise(number); // blocked while this handler runs: delivered when it returns
        }
    }
    errno = saved;
}

} // namespace

InterruptWatcher::InterruptWatcher(QObject *parent)
    : QObject(parent)
{
    if (::pipe2(g_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return; // no watcher: the signals keep their default action
    m_notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &InterruptWatcher::takePending);
    install(SIGINT, onSignal);
    install(SIGTERM, onSignal);
}

InterruptWatcher::~InterruptWatcher()
{
    if (g_pipe[0] < 0)
        return;
    // Once interrupted, the handler stays: the process is ending with its summary and 128 +
    // the signal, a late second signal of timeout's or a group kill's pair within half a
    // second must not turn that into a death by signal, and a user's second Ctrl-C later
    // still ends a shutdown that hangs. (The handler writes to the pipe only before.)
    if (g_caught == 0) {
        install(SIGINT, SIG_DFL);
        install(SIGTERM, SIG_DFL);
    }
    delete m_notifier;
    ::close(g_pipe[0]);
    ::close(g_pipe[1]);
    g_pipe[0] = g_pipe[1] = -1;
}

bool InterruptWatcher::caught()
{
    return g_caught != 0;
}

void InterruptWatcher::startShielded(QThread *thread)
{
    sigset_t blocked;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGINT);
    sigaddset(&blocked, SIGTERM);
    sigset_t previous;
    ::pthread_sigmask(SIG_BLOCK, &blocked, &previous); // a new thread inherits the mask
    thread->start();
    ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
}

void InterruptWatcher::takePending()
{
    if (g_pipe[0] < 0)
        return;
    unsigned char byte = 0;
    while (::read(g_pipe[0], &byte, 1) == 1) {
        if (m_signal != 0)
            continue; // the same interruption, or the second one that is ending the process
        m_signal = byte;
        Q_EMIT interrupted(m_signal);
    }
}

} // namespace blobferry::cli
