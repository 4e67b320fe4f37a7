// SPDX-License-Identifier: MIT
#pragma once

#include "transfer/ConflictResolver.h"
#include "transfer/DeletionConfirmer.h"

#include <QObject>
#include <QPointer>
#include <cstdio>

namespace blobferry::cli {

// Answers conflicts at the terminal: "Overwrite <dest>? (Yes/No/All/None)". Lives in the main
// thread, which has nothing else to do, so a blocking read there stalls no transfer. When
// standard input is not a terminal nobody can answer: every conflict is skipped and said so.
//
// It also asks a --mirror job's one question before deleting: "Delete N items …? (Yes/No)".
class ConsolePrompt final : public QObject,
                            public transfer::ConflictResolver,
                            public transfer::DeletionConfirmer
{
    Q_OBJECT
public:
    ConsolePrompt(FILE *in, FILE *out, bool interactive, QObject *parent = nullptr);

    // The object in whose thread answers are delivered (the engine).
    void setEngine(QObject *engine) { m_engine = engine; }
    void resolve(const transfer::Conflict &conflict,
                 std::function<void(transfer::ConflictAnswer)> answer) override;

    void confirmDeletion(int count, const QString &destination, bool blobs,
                         std::function<void(bool)> answer) override;

    // Prints `question` followed by " (Yes/No) " and reads until yes or no; EOF counts as no.
    static bool askYesNo(const QString &question, FILE *in, FILE *out);
    // The mirror's question, through askYesNo().
    static bool askDeletion(int count, const QString &destination, bool blobs, FILE *in, FILE *out);
    // Reads until a recognisable answer; EOF counts as None, Ctrl-C (or SIGTERM) as Cancel.
    static transfer::ConflictAnswer ask(const QString &destination, FILE *in, FILE *out);

private:
    FILE *m_in;
    FILE *m_out;
    bool m_interactive;
    QPointer<QObject> m_engine;
};

} // namespace blobferry::cli
