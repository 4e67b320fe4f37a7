// SPDX-License-Identifier: MIT
#include "ConflictAnswers.h"

#include <array>
#include <utility>

namespace blobferry::transfer {

namespace {

// Written to files: names, never the enum's numbers, so a reordering reads nothing wrong.
constexpr std::array<std::pair<ConflictAnswer, const char *>, 8> kNames{{
    {ConflictAnswer::Yes, "overwrite"},
    {ConflictAnswer::No, "skip"},
    {ConflictAnswer::All, "overwrite-all"},
    {ConflictAnswer::None, "skip-all"},
    {ConflictAnswer::KeepBoth, "keep-both"},
    {ConflictAnswer::KeepBothAll, "keep-both-all"},
    {ConflictAnswer::IfNewer, "if-newer"},
    {ConflictAnswer::IfNewerAll, "if-newer-all"},
}};

// The answer "for all" as it applies to one file.
ConflictAnswer oneFileForm(ConflictAnswer answer)
{
    switch (answer) {
    case ConflictAnswer::All:
        return ConflictAnswer::Yes;
    case ConflictAnswer::None:
        return ConflictAnswer::No;
    case ConflictAnswer::KeepBothAll:
        return ConflictAnswer::KeepBoth;
    case ConflictAnswer::IfNewerAll:
        return ConflictAnswer::IfNewer;
    default:
        return answer;
    }
}

} // namespace

bool ConflictAnswers::isForAll(ConflictAnswer answer)
{
    return answer == ConflictAnswer::All || answer == ConflictAnswer::None ||
           answer == ConflictAnswer::KeepBothAll || answer == ConflictAnswer::IfNewerAll;
}

void ConflictAnswers::remember(const Conflict &conflict, ConflictAnswer answer)
{
    if (answer == ConflictAnswer::Cancel)
        return;
    if (isForAll(answer))
        m_forAll = answer;
    else
        m_perFile.insert(conflict.destination, answer);
}

std::optional<ConflictAnswer> ConflictAnswers::recall(const Conflict &conflict) const
{
    if (const auto own = m_perFile.constFind(conflict.destination); own != m_perFile.cend())
        return *own;
    if (!m_forAll)
        return std::nullopt;
    return m_perFile.isEmpty() ? *m_forAll : oneFileForm(*m_forAll);
}

void ConflictAnswers::setPerFile(const QString &destination, ConflictAnswer answer)
{
    if (answer != ConflictAnswer::Cancel && !isForAll(answer))
        m_perFile.insert(destination, answer);
}

void ConflictAnswers::setForAll(ConflictAnswer answer)
{
    if (isForAll(answer))
        m_forAll = answer;
}

QString ConflictAnswers::name(ConflictAnswer answer)
{
    for (const auto &[value, text] : kNames)
        if (value == answer)
            return QString::fromLatin1(text);
    return {};
}

std::optional<ConflictAnswer> ConflictAnswers::fromName(const QString &name)
{
    for (const auto &[value, text] : kNames)
        if (name == QLatin1String(text))
            return value;
    return std::nullopt;
}

} // namespace blobferry::transfer
