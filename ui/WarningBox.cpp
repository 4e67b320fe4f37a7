// SPDX-License-Identifier: MIT
#include "WarningBox.h"

#include <QMessageBox>

namespace blobferry::ui {

QMessageBox *showWarning(QWidget *parent, const QString &title, const QString &text)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, parent);
    box->setObjectName(QStringLiteral("warningBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    return box;
}

} // namespace blobferry::ui
