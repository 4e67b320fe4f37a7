// SPDX-License-Identifier: MIT
// Uploads a directory, subdirectories included, with blobferry's engine: spec -> engine -> events.
//   BLOBFERRY_KEY=ACCOUNT_KEY upload-directory DIR CONTAINER_URL
#include "azure/BlobLocation.h"
#include "transfer/TransferEngine.h"

#include <QCoreApplication>
#include <QThread>
#include <cstdio>

using namespace blobferry;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QString error;
    const auto url = azure::BlobLocation::parse(app.arguments().value(2), &error);
    transfer::TransferSpec spec; // 1. what to copy where
    spec.source.localPath = app.arguments().value(1);
    spec.destination.blob = url;
    if (url)
        spec.destination.credential = azure::Credential::sharedKey(
            url->account(), qEnvironmentVariable("BLOBFERRY_KEY"), &error);
    spec.recursive = true;
    spec.overwrite = transfer::OverwritePolicy::Always;
    if (argc != 3 || !url || !spec.destination.credential.isValid()) {
        std::fprintf(stderr, "usage: BLOBFERRY_KEY=KEY upload-directory DIR CONTAINER_URL\n%s\n",
                     qPrintable(error));
        return 2;
    }

    auto *engine = new transfer::TransferEngine(spec, nullptr); // 2. the engine, in its thread
    QThread thread;
    engine->moveToThread(&thread);
    QObject::connect(&thread, &QThread::finished, engine, &QObject::deleteLater);
    QObject::connect(engine, &transfer::TransferEngine::fileFinished, &app, // 3. its events
                     [](const transfer::FileOutcome &file) {
                         std::printf("%s %s\n", qPrintable(transfer::stateName(file.state)),
                                     qPrintable(file.name));
                     });
    QObject::connect(engine, &transfer::TransferEngine::finished, &app,
                     [&](const transfer::TransferSummary &summary) {
                         std::printf("%d uploaded, %d failed %s\n", summary.succeeded,
                                     summary.failed, qPrintable(summary.fatalError));
                         app.exit(summary.ok() ? 0 : 1);
                     });
    thread.start();
    QMetaObject::invokeMethod(engine, &transfer::TransferEngine::start, Qt::QueuedConnection);
    const int status = QCoreApplication::exec();
    thread.quit();
    thread.wait();
    return status;
}
