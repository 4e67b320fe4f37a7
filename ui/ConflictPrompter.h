// SPDX-License-Identifier: MIT
#pragma once

#include "TransferQueueModel.h"
#include "transfer/ConflictResolver.h"

#include <QObject>
#include <QPointer>
#include <QQueue>
#include <functional>
#include <optional>

class QWidget;

namespace blobferry::ui {

// The window's conflict questions: one ConflictDialog at a time (opened window-modal with
// open(), so nothing waits on it), the others queued in the order they came. Tests answer
// through a hook instead, or click the dialog dialogOpened() hands them.
class ConflictPrompter final : public QObject
{
    Q_OBJECT
public:
    using ConflictHook =
        std::function<std::optional<transfer::ConflictAnswer>(const transfer::Conflict &)>;
    using Answer = std::function<void(transfer::ConflictAnswer)>;
    // The answer a job already holds for a conflict (given in an earlier dialog), if any.
    using Recall =
        std::function<std::optional<transfer::ConflictAnswer>(int job, const transfer::Conflict &)>;

    explicit ConflictPrompter(QWidget *dialogParent, QObject *parent = nullptr);

    // Tests answer conflicts here instead of in the dialog; nullopt shows the dialog.
    void setConflictHook(ConflictHook hook) { m_conflictHook = std::move(hook); }

    // Consulted before each queued question is shown: a resumed job may ask again about a file
    // whose first question was still open, and the answer to that one then covers both.
    void setRecall(Recall recall) { m_recall = std::move(recall); }
    // Questions waiting behind the open dialog.
    int waiting() const { return int(m_conflicts.size()); }

    // Asks about a conflict of `job` (its direction names the two sides) and hands the choice
    // to answer, on this thread.
    void ask(int job, Direction direction, const transfer::Conflict &conflict, Answer answer);
    // Questions of a job whose engine ended: nobody is left to answer them.
    void forgetJob(int job);

Q_SIGNALS:
    // A ConflictDialog is up (tests click it).
    void dialogOpened(QWidget *dialog);

private:
    struct PendingConflict
    {
        int job = 0;
        Direction direction = Direction::Upload;
        transfer::Conflict conflict;
        Answer answer;
    };

    void askNextConflict();

    QPointer<QWidget> m_dialogParent;
    ConflictHook m_conflictHook;
    Recall m_recall;
    QQueue<PendingConflict> m_conflicts;
    bool m_asking = false;
};

} // namespace blobferry::ui
