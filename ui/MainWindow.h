// SPDX-License-Identifier: MIT
#pragma once

#include <QMainWindow>

namespace blobferry::ui {

// The desktop window. For now a placeholder that points to the command line; the transfer
// manager (accounts, container browser, queue) replaces its centre.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace blobferry::ui
