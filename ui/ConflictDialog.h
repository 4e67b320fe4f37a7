// SPDX-License-Identifier: MIT
#pragma once

#include "TransferQueueModel.h"
#include "transfer/ConflictResolver.h"

#include <QDialog>

class QCheckBox;

namespace blobferry::ui {

// "This file already exists": both sides side by side (name, size, modified, MD5 when known)
// and the four answers, optionally for every remaining conflict of the batch (the job).
// Opened window-modal with open(), so nothing waits on it; answered() tells the choice. No
// button is the default: only a choice the user makes answers (Esc or closing it: Skip).
class ConflictDialog final : public QDialog
{
    Q_OBJECT
public:
    ConflictDialog(const transfer::Conflict &conflict, Direction direction,
                   QWidget *parent = nullptr);
    const transfer::Conflict &conflict() const { return m_conflict; }

Q_SIGNALS:
    void answered(blobferry::transfer::ConflictAnswer answer);

private:
    void choose(transfer::ConflictAnswer single, transfer::ConflictAnswer forAll);

    transfer::Conflict m_conflict;
    QCheckBox *m_forAll;
    bool m_done = false;
};

} // namespace blobferry::ui
