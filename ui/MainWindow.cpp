// SPDX-License-Identifier: MIT
#include "MainWindow.h"

#include <QLabel>
#include <QStatusBar>

namespace blobferry::ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("blobferry"));
    auto *label = new QLabel(tr("<h2>blobferry %1</h2>"
                                "<p>The desktop transfer manager is being built.</p>"
                                "<p>Until then, copy with the command line:<br>"
                                "<code>scripts/run --cli &lt;Source&gt; &lt;Destination&gt; "
                                "[pattern ...] [options]</code></p>")
                                 .arg(QStringLiteral(BLOBFERRY_VERSION)),
                             this);
    label->setAlignment(Qt::AlignCenter);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setCentralWidget(label);
    statusBar()->showMessage(tr("Ready"));
    resize(720, 420);
}

} // namespace blobferry::ui
