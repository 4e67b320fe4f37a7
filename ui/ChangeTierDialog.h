// SPDX-License-Identifier: MIT
#pragma once

#include "Accounts.h"

#include <QDialog>
#include <QStringList>
#include <functional>

class QComboBox;
class QLabel;

namespace blobferry::net {
class Requester;
}

namespace blobferry::ui {

// Change tier…: the tier for the selected blobs (Hot, Cool, Cold, Archive) and, when some of
// them are in Archive and the tier chosen is not, how fast to rehydrate them (Standard: up to
// 15 hours; High: under an hour for blobs under 10 GiB).
class ChangeTierDialog final : public QDialog
{
    Q_OBJECT
public:
    // count: the blobs selected; folders: the folders selected (every blob under them moves);
    // anyArchived: one of them may be in Archive now.
    ChangeTierDialog(int count, bool anyArchived, QWidget *parent = nullptr, int folders = 0);

    QByteArray tier() const;              // "Hot", "Cool", "Cold" or "Archive"
    QByteArray rehydratePriority() const; // "Standard", "High"; empty when nothing rehydrates

private:
    void update();

    QComboBox *m_tier;
    QComboBox *m_priority;
    QLabel *m_priorityLabel;
    bool m_anyArchived;
};

} // namespace blobferry::ui
