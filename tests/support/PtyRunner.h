// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

// Runs blobferry-cli on a pseudo-terminal, as a person at a terminal would, answering each
// "Overwrite …? (Yes/No/All/None)" or "Mirror: delete …? (Yes/No)" prompt with the next of
// `answers`. An answer "\x03" is Ctrl-C typed at the prompt (the terminal sends SIGINT).
namespace blobferry::test {

struct PtyResult
{
    int exitCode = -1;
    QString screen;  // everything the terminal showed
    int prompts = 0; // how many questions were asked
};

PtyResult runCliOnPty(const QStringList &args, const QStringList &answers, int timeoutMs = 60'000);

} // namespace blobferry::test
