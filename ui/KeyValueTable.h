// SPDX-License-Identifier: MIT
#pragma once

#include "azure/BlobDetails.h"

#include <QWidget>

class QTableWidget;

namespace blobferry::ui {

// An editable two-column table of names and values (a blob's metadata or tags) with Add and
// Remove buttons. Rows whose name and value are both empty are ignored.
class KeyValueTable final : public QWidget
{
    Q_OBJECT
public:
    KeyValueTable(const QString &what, QWidget *parent = nullptr);

    void setPairs(const azure::KeyValues &pairs);
    azure::KeyValues pairs() const;
    QTableWidget *table() const { return m_table; }
    // Appends a row and returns its index (tests fill it in).
    int addRow(const QString &key = {}, const QString &value = {});

signals:
    void edited();

private:
    QTableWidget *m_table;
};

} // namespace blobferry::ui
