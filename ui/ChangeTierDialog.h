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
    // count: the blobs selected; anyArchived: one of them is in Archive now.
    ChangeTierDialog(int count, bool anyArchived, QWidget *parent = nullptr);

    QByteArray tier() const;              // "Hot", "Cool", "Cold" or "Archive"
    QByteArray rehydratePriority() const; // "Standard", "High"; empty when nothing rehydrates

private:
    void update();

    QComboBox *m_tier;
    QComboBox *m_priority;
    QLabel *m_priorityLabel;
    bool m_anyArchived;
};

// Set Blob Tier for each of `blobs` of `container`, all at once through the window's requester
// (its budget bounds them); `done` gets one line per blob that failed ("NAME: why"), in
// `context`'s thread, unless `context` is gone by then.
void changeTiers(net::Requester *requester, const Connection &connection, const QString &container,
                 const QStringList &blobs, const QByteArray &tier,
                 const QByteArray &rehydratePriority, QObject *context,
                 std::function<void(const QStringList &failures)> done);

} // namespace blobferry::ui
