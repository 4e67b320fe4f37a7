// SPDX-License-Identifier: MIT
// The answers a job's user gave: what a resumed job's new engine is told instead of asking.
#include "transfer/ConflictAnswers.h"

#include <catch2/catch.hpp>

using blobferry::transfer::Conflict;
using blobferry::transfer::ConflictAnswer;
using blobferry::transfer::ConflictAnswers;

namespace {

Conflict conflict(const QString &destination)
{
    Conflict c;
    c.destination = destination;
    return c;
}

} // namespace

TEST_CASE("an answer given for a file is given again for that file, and for no other",
          "[conflictanswers]")
{
    ConflictAnswers answers;
    CHECK(answers.isEmpty());
    answers.remember(conflict(QStringLiteral("up/big.bin")), ConflictAnswer::Yes);
    answers.remember(conflict(QStringLiteral("up/notes.txt")), ConflictAnswer::No);
    CHECK_FALSE(answers.isEmpty());
    CHECK(answers.recall(conflict(QStringLiteral("up/big.bin"))) == ConflictAnswer::Yes);
    CHECK(answers.recall(conflict(QStringLiteral("up/notes.txt"))) == ConflictAnswer::No);
    CHECK_FALSE(answers.recall(conflict(QStringLiteral("up/other.bin"))));
}

TEST_CASE("Cancel is no answer and is not kept", "[conflictanswers]")
{
    ConflictAnswers answers;
    answers.remember(conflict(QStringLiteral("a")), ConflictAnswer::Cancel);
    CHECK(answers.isEmpty());
    CHECK_FALSE(answers.recall(conflict(QStringLiteral("a"))));
}

TEST_CASE("an answer for all comes back as itself while no file has an answer of its own",
          "[conflictanswers]")
{
    ConflictAnswers answers;
    answers.remember(conflict(QStringLiteral("a")), ConflictAnswer::KeepBothAll);
    CHECK(answers.forAll() == ConflictAnswer::KeepBothAll);
    CHECK(answers.perFile().isEmpty());
    CHECK(answers.recall(conflict(QStringLiteral("a"))) == ConflictAnswer::KeepBothAll);
    CHECK(answers.recall(conflict(QStringLiteral("z"))) == ConflictAnswer::KeepBothAll);
}

TEST_CASE("files answered one by one before an answer for all keep their own answers, and the "
          "rest get the one for all, file by file",
          "[conflictanswers]")
{
    ConflictAnswers answers;
    answers.remember(conflict(QStringLiteral("a")), ConflictAnswer::Yes);
    answers.remember(conflict(QStringLiteral("b")), ConflictAnswer::None);
    CHECK(answers.recall(conflict(QStringLiteral("a"))) == ConflictAnswer::Yes);
    // One file at a time: a standing "skip all" in the engine would skip "a" unasked.
    CHECK(answers.recall(conflict(QStringLiteral("b"))) == ConflictAnswer::No);
    CHECK(answers.recall(conflict(QStringLiteral("c"))) == ConflictAnswer::No);

    ConflictAnswers newer;
    newer.remember(conflict(QStringLiteral("a")), ConflictAnswer::No);
    newer.remember(conflict(QStringLiteral("b")), ConflictAnswer::IfNewerAll);
    CHECK(newer.recall(conflict(QStringLiteral("a"))) == ConflictAnswer::No);
    CHECK(newer.recall(conflict(QStringLiteral("c"))) == ConflictAnswer::IfNewer);
}

TEST_CASE("every answer has a name that reads back as it, and Cancel and unknown names have "
          "none",
          "[conflictanswers]")
{
    for (ConflictAnswer answer :
         {ConflictAnswer::Yes, ConflictAnswer::No, ConflictAnswer::All, ConflictAnswer::None,
          ConflictAnswer::KeepBoth, ConflictAnswer::KeepBothAll, ConflictAnswer::IfNewer,
          ConflictAnswer::IfNewerAll}) {
        const QString name = ConflictAnswers::name(answer);
        INFO(name.toStdString());
        CHECK_FALSE(name.isEmpty());
        CHECK(ConflictAnswers::fromName(name) == answer);
    }
    CHECK(ConflictAnswers::name(ConflictAnswer::Cancel).isEmpty());
    CHECK_FALSE(ConflictAnswers::fromName(QString()));
    CHECK_FALSE(ConflictAnswers::fromName(QStringLiteral("overwrite-sometimes")));
    CHECK(ConflictAnswers::name(ConflictAnswer::Yes) == QStringLiteral("overwrite"));
    CHECK(ConflictAnswers::name(ConflictAnswer::None) == QStringLiteral("skip-all"));
}
