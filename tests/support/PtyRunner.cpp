// SPDX-License-Identifier: MIT
#include "PtyRunner.h"

#include <QElapsedTimer>
#include <csignal>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace blobferry::test {

namespace {

// The overwrite question, and the mirror's one question before deleting.
int promptsOn(const QByteArray &screen)
{
    return int(screen.count("(Yes/No/All/None)") + screen.count("(Yes/No) "));
}

} // namespace

PtyResult runCliOnPty(const QStringList &args, const QStringList &answers, int timeoutMs)
{
    std::vector<QByteArray> storage;
    storage.push_back(QByteArray(BLOBFERRY_CLI_PATH));
    for (const QString &arg : args)
        storage.push_back(arg.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &arg : storage)
        argv.push_back(arg.data());
    argv.push_back(nullptr);

    PtyResult result;
    int master = -1;
    const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
    if (pid < 0)
        return result;
    if (pid == 0) {
        execv(argv[0], argv.data());
        _exit(127);
    }

    QByteArray screen;
    int answered = 0;
    QElapsedTimer clock;
    clock.start();
    for (;;) {
        pollfd fd{master, POLLIN, 0};
        if (poll(&fd, 1, 200) > 0) {
            char buffer[4096];
            const ssize_t n = read(master, buffer, sizeof buffer);
            if (n <= 0)
                break; // EIO: the program closed the terminal
            screen.append(buffer, n);
        }
        // Answer each prompt once its question mark line is on the screen.
        const int asked = promptsOn(screen);
        if (asked > answered && answered < answers.size()) {
            QByteArray line = answers[answered].toLocal8Bit();
            if (!line.startsWith('\x03')) // Ctrl-C is a key, not a line
                line += '\n';
            if (write(master, line.constData(), size_t(line.size())) < 0)
                break;
            ++answered;
        }
        if (clock.elapsed() > timeoutMs) {
            kill(pid, SIGKILL);
            break;
        }
    }
    int status = 0;
    waitpid(pid, &status, 0);
    close(master);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.screen = QString::fromLocal8Bit(screen);
    result.prompts = promptsOn(screen);
    return result;
}

} // namespace blobferry::test
