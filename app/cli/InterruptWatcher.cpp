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
volatile sig_atomic_t g_caught = 0;

// sigemptyset and sigaction are async-signal-safe.
void install(int number, void (*handler)(int))
{
    struct sigaction action = {};
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    // No SA_RESTART: a prompt blocked reading the terminal gets EINTR and takes it as no
    // answer.
    action.sa_flags = 0;
    ::sigaction(number, &action, nullptr);
}

// Async-signal-safe: the default action back for both signals, so the next one of either
// ends the process; then one write(2) of the signal's number. errno is left as it was.
void onSignal(int number)
{
    const int saved = errno;
    install(SIGINT, SIG_DFL);
    install(SIGTERM, SIG_DFL);
    g_caught = 1;
    const unsigned char byte = static_cast<unsigned char>(number);
    [[maybe_unused]] const ssize_t written = ::write(g_pipe[1], &byte, 1);
    errno = saved;
}

} // namespace

InterruptWatcher::InterruptWatcher(QObject *parent)
    : QObject(parent)
{
    if (::pipe2(g_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return; // no watcher: the signals keep their default action
    m_notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &InterruptWatcher::readPipe);
    install(SIGINT, onSignal);
    install(SIGTERM, onSignal);
}

InterruptWatcher::~InterruptWatcher()
{
    if (g_pipe[0] < 0)
        return;
    install(SIGINT, SIG_DFL);
    install(SIGTERM, SIG_DFL);
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
