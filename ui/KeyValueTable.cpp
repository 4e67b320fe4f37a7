// SPDX-License-Identifier: MIT
#include "KeyValueTable.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace blobferry::ui {

KeyValueTable::KeyValueTable(const QString &what, QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, 2, this))
{
    m_table->setAccessibleName(what);
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto *add = new QPushButton(tr("Add"), this);
    add->setAccessibleName(tr("Add to %1").arg(what));
    auto *remove = new QPushButton(tr("Remove"), this);
    remove->setAccessibleName(tr("Remove from %1").arg(what));
    connect(add, &QPushButton::clicked, this, [this] {
        const int row = addRow();
        m_table->setCurrentCell(row, 0);
        m_table->editItem(m_table->item(row, 0));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row < 0)
            return;
        m_table->removeRow(row);
        emit edited();
    });
    connect(m_table, &QTableWidget::itemChanged, this, &KeyValueTable::edited);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
    layout->addLayout(buttons);
}

int KeyValueTable::addRow(const QString &key, const QString &value)
{
    const QSignalBlocker quiet(m_table);
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(key));
    m_table->setItem(row, 1, new QTableWidgetItem(value));
    emit edited();
    return row;
}

void KeyValueTable::setPairs(const azure::KeyValues &pairs)
{
    {
        const QSignalBlocker quiet(m_table);
        m_table->setRowCount(0);
    }
    for (const auto &[key, value] : pairs)
        addRow(key, value);
}

azure::KeyValues KeyValueTable::pairs() const
{
    azure::KeyValues result;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *key = m_table->item(row, 0);
        const QTableWidgetItem *value = m_table->item(row, 1);
        const QString keyText = key ? key->text().trimmed() : QString();
        const QString valueText = value ? value->text() : QString();
        if (!keyText.isEmpty() || !valueText.isEmpty())
            result.append({keyText, valueText});
    }
    return result;
}

} // namespace blobferry::ui
