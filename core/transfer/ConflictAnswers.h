// SPDX-License-Identifier: MIT
#pragma once

#include "ConflictResolver.h"

#include <QHash>
#include <QString>
#include <optional>

namespace blobferry::transfer {

// What the user answered to a job's "already exists" questions: one answer per destination,
// and the one "for all". An answer belongs to the job, not to the engine that asked: a front
// end keeps these with the job (the desktop's queue file) and, when a resumed job's new engine
// asks again, gives the answer from here instead of asking.
class ConflictAnswers final
{
public:
    // Keeps `answer` to `conflict` (a "…All" answer also as the one for all); Cancel is no
    // answer and is not kept.
    void remember(const Conflict &conflict, ConflictAnswer answer);
    // The answer given before for this conflict's destination: its own answer first (given
    // before any "for all" one), else the one for all. That comes back as itself (so the
    // engine stops asking) when no file has an answer of its own, else as its one-file form,
    // so the files answered one by one still get their own answers.
    std::optional<ConflictAnswer> recall(const Conflict &conflict) const;

    bool isEmpty() const { return m_perFile.isEmpty() && !m_forAll; }
    const QHash<QString, ConflictAnswer> &perFile() const { return m_perFile; }
    std::optional<ConflictAnswer> forAll() const { return m_forAll; }
    void setPerFile(const QString &destination, ConflictAnswer answer);
    void setForAll(ConflictAnswer answer);

    // A stable name for a file ("overwrite", "skip-all", …); Cancel has none (empty).
    static QString name(ConflictAnswer answer);
    // The answer a name() stands for; nullopt for anything else.
    static std::optional<ConflictAnswer> fromName(const QString &name);
    // All, None, KeepBothAll, IfNewerAll.
    static bool isForAll(ConflictAnswer answer);

    bool operator==(const ConflictAnswers &other) const
    {
        return m_perFile == other.m_perFile && m_forAll == other.m_forAll;
    }

private:
    QHash<QString, ConflictAnswer> m_perFile; // by Conflict::destination
    std::optional<ConflictAnswer> m_forAll;
};

} // namespace blobferry::transfer
