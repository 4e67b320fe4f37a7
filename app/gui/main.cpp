// SPDX-License-Identifier: MIT
// blobferry: the desktop transfer manager.
#include "MainWindow.h"

#include <QApplication>
#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("blobferry"));
    QApplication::setApplicationVersion(QStringLiteral(BLOBFERRY_VERSION));
    if (app.arguments().contains(QStringLiteral("--version"))) {
        std::printf("blobferry %s\n", BLOBFERRY_VERSION);
        return 0;
    }
    blobferry::ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
