// SPDX-License-Identifier: MIT
#include "ConflictPrompter.h"

#include "ConflictDialog.h"

#include <algorithm>

namespace blobferry::ui {

using transfer::ConflictAnswer;

ConflictPrompter::ConflictPrompter(QWidget *dialogParent, QObject *parent)
    : QObject(parent)
    , m_dialogParent(dialogParent)
{}

void ConflictPrompter::ask(int job, Direction direction, const transfer::Conflict &conflict,
                           Answer answer)
{
    if (m_conflictHook) {
        if (const auto choice = m_conflictHook(conflict)) {
            answer(*choice);
            return;
        }
    }
    m_conflicts.enqueue({job, direction, conflict, std::move(answer)});
    askNextConflict();
}

void ConflictPrompter::forgetJob(int job)
{
    m_conflicts.erase(std::remove_if(m_conflicts.begin(), m_conflicts.end(),
                                     [job](const PendingConflict &c) { return c.job == job; }),
                      m_conflicts.end());
}

void ConflictPrompter::askNextConflict()
{
    if (m_asking)
        return;
    // Questions answered meanwhile, through the job's record, are answered from it.
    while (!m_conflicts.isEmpty() && m_recall) {
        const auto given = m_recall(m_conflicts.head().job, m_conflicts.head().conflict);
        if (!given)
            break;
        m_conflicts.dequeue().answer(*given);
    }
    if (m_conflicts.isEmpty())
        return;
    const PendingConflict next = m_conflicts.dequeue();
    m_asking = true;
    auto *dialog = new ConflictDialog(next.conflict, next.direction, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConflictDialog::answered, this, [this, next](ConflictAnswer choice) {
        m_asking = false;
        next.answer(choice);
        QMetaObject::invokeMethod(this, &ConflictPrompter::askNextConflict, Qt::QueuedConnection);
    });
    dialog->open();
    Q_EMIT dialogOpened(dialog);
}

} // namespace blobferry::ui
