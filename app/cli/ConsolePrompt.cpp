// SPDX-License-Identifier: MIT
#include "ConsolePrompt.h"

#include "InterruptWatcher.h"
#include "log/Printable.h"

#include <QMetaObject>
#include <cerrno>
#include <poll.h>

namespace blobferry::cli {

using transfer::ConflictAnswer;

namespace {

enum class Reply
{
    Line,
    EndOfInput,
    Interrupted,
};

// One line of the answer. It waits in short poll()s, not in a blocking read: Ctrl-C may be
// delivered to any of the process's threads, and only one blocked in read(2) on this very
// thread would see EINTR; the watcher's flag is seen wherever the signal landed. Standard
// input is unbuffered (main), so nothing typed ahead waits in stdio where poll cannot see it.
Reply readReply(FILE *in, char *line, int size)
{
    constexpr int kCheckMs = 100;
    pollfd readable = {::fileno(in), POLLIN, 0};
    for (;;) {
        if (InterruptWatcher::caught())
            return Reply::Interrupted;
        const int ready = ::poll(&readable, 1, kCheckMs);
        if (ready > 0)
            break;
        if (ready < 0 && errno != EINTR)
            return Reply::EndOfInput;
    }
    if (std::fgets(line, size, in))
        return Reply::Line;
    return InterruptWatcher::caught() ? Reply::Interrupted : Reply::EndOfInput;
}

} // namespace

ConsolePrompt::ConsolePrompt(FILE *in, FILE *out, bool interactive, QObject *parent)
    : QObject(parent)
    , m_in(in)
    , m_out(out)
    , m_interactive(interactive)
{}

void ConsolePrompt::resolve(const transfer::Conflict &conflict,
                            std::function<void(ConflictAnswer)> answer)
{
    // Called in the engine's thread: hop to ours to ask, hop back to answer.
    QMetaObject::invokeMethod(this, [this, conflict, answer = std::move(answer)] {
        std::fflush(stdout); // the files reported so far come before the question
        ConflictAnswer choice = ConflictAnswer::No;
        if (InterruptWatcher::caught()) {
            choice = ConflictAnswer::Cancel; // the job is being stopped: no question now
        } else if (m_interactive) {
            choice = ask(conflict.destination, m_in, m_out);
        } else {
            std::fprintf(m_out,
                         "Skipped existing %s: nobody can answer the overwrite question "
                         "(use --yes to overwrite)\n",
                         log::printable(conflict.destination).toLocal8Bit().constData());
            std::fflush(m_out);
        }
        if (m_engine)
            QMetaObject::invokeMethod(m_engine, [answer, choice] { answer(choice); });
    });
}

void ConsolePrompt::confirmDeletion(int count, const QString &destination, bool blobs,
                                    std::function<void(bool)> answer)
{
    QMetaObject::invokeMethod(this, [this, count, destination, blobs, answer = std::move(answer)] {
        std::fflush(stdout);
        // Without a terminal nobody can say yes: keep everything (the CLI refuses such a job
        // up front unless --yes is given, so this is the last line of defence).
        const bool yes = m_interactive && !InterruptWatcher::caught() &&
                         askDeletion(count, destination, blobs, m_in, m_out);
        if (m_engine)
            QMetaObject::invokeMethod(m_engine, [answer, yes] { answer(yes); });
    });
}

bool ConsolePrompt::askDeletion(int count, const QString &destination, bool blobs, FILE *in,
                                FILE *out)
{
    return askYesNo(QStringLiteral("Mirror: delete %1 %2 from %3 that the source no longer has?")
                        .arg(count)
                        .arg(blobs ? QStringLiteral("blob(s), each with its snapshots,")
                                   : QStringLiteral("item(s)"),
                             log::printable(destination)),
                    in, out);
}

bool ConsolePrompt::askYesNo(const QString &question, FILE *in, FILE *out)
{
    for (;;) {
        std::fprintf(out, "%s (Yes/No) ", question.toLocal8Bit().constData());
        std::fflush(out);
        char line[64];
        if (readReply(in, line, sizeof line) != Reply::Line) {
            std::fprintf(out, "\n");
            return false;
        }
        const QString reply = QString::fromLocal8Bit(line).trimmed().toLower();
        if (reply == QLatin1String("y") || reply == QLatin1String("yes"))
            return true;
        if (reply == QLatin1String("n") || reply == QLatin1String("no"))
            return false;
    }
}

ConflictAnswer ConsolePrompt::ask(const QString &destination, FILE *in, FILE *out)
{
    for (;;) {
        std::fprintf(out, "Overwrite %s? (Yes/No/All/None) ",
                     log::printable(destination).toLocal8Bit().constData());
        std::fflush(out);
        char line[64];
        // Ctrl-C is no answer: the file is cancelled with the rest of the job rather than
        // counted as skipped by choice.
        const Reply reply = readReply(in, line, sizeof line);
        if (reply != Reply::Line) {
            std::fprintf(out, "\n");
            std::fflush(out);
            return reply == Reply::Interrupted ? ConflictAnswer::Cancel : ConflictAnswer::None;
        }
        const QString answer = QString::fromLocal8Bit(line).trimmed().toLower();
        if (answer == QLatin1String("y") || answer == QLatin1String("yes"))
            return ConflictAnswer::Yes;
        if (answer == QLatin1String("n") || answer == QLatin1String("no"))
            return ConflictAnswer::No;
        if (answer == QLatin1String("a") || answer == QLatin1String("all"))
            return ConflictAnswer::All;
        if (answer == QLatin1String("none"))
            return ConflictAnswer::None;
    }
}

} // namespace blobferry::cli
