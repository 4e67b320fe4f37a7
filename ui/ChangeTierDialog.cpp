// SPDX-License-Identifier: MIT
#include "ChangeTierDialog.h"

#include "BlobOperations.h"
#include "Counted.h"
#include "log/Printable.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <memory>

namespace blobferry::ui {

ChangeTierDialog::ChangeTierDialog(int count, bool anyArchived, QWidget *parent, int folders)
    : QDialog(parent)
    , m_tier(new QComboBox(this))
    , m_priority(new QComboBox(this))
    , m_priorityLabel(new QLabel(tr("Rehydrate priority:"), this))
    , m_anyArchived(anyArchived)
{
    setWindowTitle(tr("Change tier"));
    setObjectName(QStringLiteral("changeTierDialog"));
    auto *layout = new QVBoxLayout(this);
    const QString blobs = counted(count, tr("1 blob"), tr("%1 blobs"));
    const QString under =
        counted(folders, tr("every blob in 1 folder"), tr("every blob in %1 folders"));
    const QString what = folders == 0 ? blobs
                         : count == 0 ? under
                                      : tr("%1 and %2").arg(blobs, under);
    layout->addWidget(new QLabel(tr("Move %1 to the tier:").arg(what), this));
    auto *form = new QFormLayout;
    m_tier->setObjectName(QStringLiteral("tierBox"));
    m_tier->setAccessibleName(tr("Tier"));
    m_tier->addItem(tr("Hot (frequent reads)"), QByteArrayLiteral("Hot"));
    m_tier->addItem(tr("Cool (30 days or more)"), QByteArrayLiteral("Cool"));
    m_tier->addItem(tr("Cold (90 days or more)"), QByteArrayLiteral("Cold"));
    m_tier->addItem(tr("Archive (offline: reading takes hours of rehydration)"),
                    QByteArrayLiteral("Archive"));
    form->addRow(tr("Tier:"), m_tier);
    m_priority->setObjectName(QStringLiteral("rehydratePriorityBox"));
    m_priority->setAccessibleName(tr("Rehydrate priority"));
    m_priority->addItem(tr("Standard (up to 15 hours)"), QByteArrayLiteral("Standard"));
    m_priority->addItem(tr("High (under an hour below 10 GiB, costs more)"),
                        QByteArrayLiteral("High"));
    m_priorityLabel->setBuddy(m_priority);
    form->addRow(m_priorityLabel, m_priority);
    layout->addLayout(form);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Change tier"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_tier, &QComboBox::currentIndexChanged, this, &ChangeTierDialog::update);
    update();
}

void ChangeTierDialog::update()
{
    // Only a blob leaving Archive rehydrates.
    const bool rehydrates = m_anyArchived && tier() != "Archive";
    m_priority->setVisible(rehydrates);
    m_priorityLabel->setVisible(rehydrates);
}

QByteArray ChangeTierDialog::tier() const
{
    return m_tier->currentData().toByteArray();
}

QByteArray ChangeTierDialog::rehydratePriority() const
{
    return m_anyArchived && tier() != "Archive" ? m_priority->currentData().toByteArray()
                                                : QByteArray();
}

} // namespace blobferry::ui
