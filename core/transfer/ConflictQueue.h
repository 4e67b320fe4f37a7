// SPDX-License-Identifier: MIT
#pragma once

#include "ConflictPolicy.h"
#include "ConflictResolver.h"

#include <QObject>
#include <QPointer>
#include <QQueue>

namespace blobferry::transfer {

class FileTransfer;

// The conflicts of one job, asked about one at a time, and the job's ConflictPolicy with the
// standing answer the user gave. A transfer whose policy decision is Ask raises its conflict
// here; the queue asks the ConflictResolver about the first one waiting, applies the answer to
// that transfer and, for an answer "for all", records it in the policy (the transfers that
// settle later decide by it unasked) and answers the conflicts already waiting with it. A
// transfer that ended while it waited (cancelled) is dropped, never asked about.
//
// clang-format off
//
//   raise ─► waiting ─(nobody being asked)─► asking ─(answer)─► applied to its transfer ─┐
//             ▲  │                              (…All: the policy's standing answer, and   │
//             │  │                               the waiting ones answered with it)        │
//             │  └─(its transfer ended meanwhile)─► dropped, never asked about             │
//             └─────────────────────────────── the next one ◄──────────────────────────────┘
//   Cancel (the job is stopping): the asking transfer and every waiting or later one end
//   cancelled. Without a resolver every conflict is answered No.
//
// clang-format on
class ConflictQueue final : public QObject
{
    Q_OBJECT
public:
    // The resolver is used from this object's thread and must outlive it; null: nobody asks.
    ConflictQueue(const TransferSpec &spec, ConflictResolver *resolver, QObject *parent = nullptr);

    const ConflictPolicy &policy() const { return m_policy; }
    // `transfer` (in Settle) waits for the answer to `conflict`.
    void raise(FileTransfer *transfer, const Conflict &conflict);
    // Conflicts waiting to be asked about (not the one being asked).
    int waiting() const { return int(m_waiting.size()); }

private:
    struct Waiting
    {
        QPointer<FileTransfer> transfer;
        Conflict conflict;
    };

    void askNext();
    void answered(const Waiting &asked, ConflictAnswer answer);
    void apply(FileTransfer *transfer, const Conflict &conflict, ConflictAnswer answer);
    // A standing answer or Cancel: the ones waiting get it without a question.
    void answerWaiting(ConflictAnswer answer);

    ConflictPolicy m_policy;
    ConflictResolver *m_resolver;
    QQueue<Waiting> m_waiting;
    bool m_asking = false;
    bool m_stopping = false; // answered Cancel
};

} // namespace blobferry::transfer
