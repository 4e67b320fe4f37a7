// SPDX-License-Identifier: MIT
#include "ConsolePrompt.h"

#include "InterruptWatcher.h"
#include "log/Printable.h"

#include <QMetaObject>

namespace blobferry::cli {

using transfer::ConflictAnswer;

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
        if (!std::fgets(line, sizeof line, in)) {
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
        // Ctrl-C cuts the read short (EINTR): that is no answer, and the file is cancelled
        // with the rest of the job rather than counted as skipped by choice.
        if (InterruptWatcher::caught() || !std::fgets(line, sizeof line, in)) {
            std::fprintf(out, "\n");
            std::fflush(out);
            return InterruptWatcher::caught() ? ConflictAnswer::Cancel : ConflictAnswer::None;
        }
        const QString reply = QString::fromLocal8Bit(line).trimmed().toLower();
        if (reply == QLatin1String("y") || reply == QLatin1String("yes"))
            return ConflictAnswer::Yes;
        if (reply == QLatin1String("n") || reply == QLatin1String("no"))
            return ConflictAnswer::No;
        if (reply == QLatin1String("a") || reply == QLatin1String("all"))
            return ConflictAnswer::All;
        if (reply == QLatin1String("none"))
            return ConflictAnswer::None;
    }
}

} // namespace blobferry::cli
