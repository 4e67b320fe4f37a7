// SPDX-License-Identifier: MIT
#include "ConflictQueue.h"

#include "FileTransfer.h"

#include <utility>

namespace blobferry::transfer {

ConflictQueue::ConflictQueue(const TransferSpec &spec, ConflictResolver *resolver, QObject *parent)
    : QObject(parent)
    , m_policy(spec)
    , m_resolver(resolver)
{}

void ConflictQueue::raise(FileTransfer *transfer, const Conflict &conflict)
{
    if (m_stopping) {
        apply(transfer, conflict, ConflictAnswer::Cancel);
        return;
    }
    m_waiting.enqueue({transfer, conflict});
    askNext();
}

void ConflictQueue::askNext()
{
    while (!m_asking && !m_waiting.isEmpty()) {
        const Waiting next = m_waiting.dequeue();
        if (!next.transfer || next.transfer->isDone())
            continue; // cancelled while it waited: nothing to ask
        if (!m_resolver) {
            apply(next.transfer, next.conflict, ConflictAnswer::No);
            continue;
        }
        m_asking = true;
        // The answer may come at once (inside resolve()) or much later, after this queue, or
        // the transfer, is gone.
        QPointer<ConflictQueue> self(this);
        m_resolver->resolve(next.conflict, [self, next](ConflictAnswer answer) {
            if (self)
                self->answered(next, answer);
        });
    }
}

void ConflictQueue::answered(const Waiting &asked, ConflictAnswer answer)
{
    m_asking = false;
    // In force before anything moves on: a transfer settling now decides by it.
    bool forAll = false;
    if (answer == ConflictAnswer::Cancel)
        forAll = m_stopping = true;
    else
        forAll = m_policy.setStandingAnswer(answer);
    if (asked.transfer && !asked.transfer->isDone())
        apply(asked.transfer, asked.conflict, answer);
    if (forAll)
        answerWaiting(answer);
    askNext();
}

void ConflictQueue::answerWaiting(ConflictAnswer answer)
{
    // Taken whole first: applying an answer may raise a conflict again (a race re-check).
    const QQueue<Waiting> waiting = std::exchange(m_waiting, {});
    for (const Waiting &next : waiting) {
        if (next.transfer && !next.transfer->isDone())
            apply(next.transfer, next.conflict, answer);
    }
}

void ConflictQueue::apply(FileTransfer *transfer, const Conflict &conflict, ConflictAnswer answer)
{
    if (answer == ConflictAnswer::Cancel) {
        transfer->cancel(QStringLiteral("cancelled while its overwrite question waited"));
        return;
    }
    transfer->settleAs(m_policy.decide(answer, conflict));
}

} // namespace blobferry::transfer
