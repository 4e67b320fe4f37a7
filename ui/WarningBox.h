// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

class QMessageBox;
class QWidget;

namespace blobferry::ui {

// An error shown over the window the user acted in, not only as a Log tab line. It does not
// block: the window goes on (transfers, listings) while it is up, and it goes when closed.
// Its objectName is "warningBox" (tests find it).
QMessageBox *showWarning(QWidget *parent, const QString &title, const QString &text);

} // namespace blobferry::ui
