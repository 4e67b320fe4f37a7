// SPDX-License-Identifier: MIT
// Catch's main inside a QCoreApplication: the engine and QNetworkAccessManager need one.
#define CATCH_CONFIG_RUNNER
#include <QCoreApplication>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // The programs the tests start write their run logs here, not into the user's state
    // directory (a test of the default place removes the variable from its environment).
    QTemporaryDir logs;
    if (qEnvironmentVariableIsEmpty("BLOBFERRY_LOG_DIR"))
        qputenv("BLOBFERRY_LOG_DIR", logs.path().toLocal8Bit());
    return Catch::Session().run(argc, argv);
}
