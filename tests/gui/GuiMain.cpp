// SPDX-License-Identifier: MIT
// Catch's main inside a QApplication: the desktop tests drive real widgets.
#define CATCH_CONFIG_RUNNER
#include <QApplication>
#include <catch2/catch.hpp>

int main(int argc, char *argv[])
{
    // CTest lists the tests at build time (--list-test-names-only, --list-reporters): that
    // needs no window system, so none is started and none complains.
    for (int i = 1; i < argc; ++i) {
        if (qstrncmp(argv[i], "--list-", 7) == 0)
            return Catch::Session().run(argc, argv);
    }
    // Without a display there is still a platform.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    return Catch::Session().run(argc, argv);
}
