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

    explicit ConflictPrompter(QWidget *dialogParent, QObject *parent = nullptr);

    // Tests answer conflicts here instead of in the dialog; nullopt shows the dialog.
    void setConflictHook(ConflictHook hook) { m_conflictHook = std::move(hook); }

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
    QQueue<PendingConflict> m_conflicts;
    bool m_asking = false;
};

} // namespace blobferry::ui
