// SPDX-License-Identifier: MIT
#include "InterruptWatcher.h"

#include <QSocketNotifier>
#include <QThread>
#include <csignal>
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

namespace blobferry::cli {

namespace {

int g_pipe[2] = {-1, -1};

// Async-signal-safe: one write(2) of the signal's number; errno is left as it was.
void onSignal(int number)
{
    const int saved = errno;
    const unsigned char byte = static_cast<unsigned char>(number);
    [[maybe_unused]] const ssize_t written = ::write(g_pipe[1], &byte, 1);
    errno = saved;
}

void install(int number, void (*handler)(int), int flags)
{
    struct sigaction action = {};
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = flags;
    ::sigaction(number, &action, nullptr);
}

} // namespace

InterruptWatcher::InterruptWatcher(QObject *parent)
    : QObject(parent)
{
    if (::pipe2(g_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return; // no watcher: the signals keep their default action
    m_notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &InterruptWatcher::readPipe);
    // SA_RESETHAND: the second signal finds the default action. No SA_RESTART: a prompt
    // blocked reading the terminal gets EINTR and takes it as no answer.
    install(SIGINT, onSignal, SA_RESETHAND);
    install(SIGTERM, onSignal, SA_RESETHAND);
}

InterruptWatcher::~InterruptWatcher()
{
    if (g_pipe[0] < 0)
        return;
    install(SIGINT, SIG_DFL, 0);
    install(SIGTERM, SIG_DFL, 0);
    delete m_notifier;
    ::close(g_pipe[0]);
    ::close(g_pipe[1]);
    g_pipe[0] = g_pipe[1] = -1;
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

void InterruptWatcher::readPipe()
{
    unsigned char byte = 0;
    while (::read(g_pipe[0], &byte, 1) == 1) {
        if (m_signal != 0)
            continue; // the same interruption, or the second one that is ending the process
        m_signal = byte;
        Q_EMIT interrupted(m_signal);
    }
}

} // namespace blobferry::cli
