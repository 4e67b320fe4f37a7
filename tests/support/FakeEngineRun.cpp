// SPDX-License-Identifier: MIT
#include "FakeEngineRun.h"

#include "support/FakeBlobService.h"

#include <QEventLoop>
#include <QFile>
#include <QTimer>

namespace blobferry::test {

using transfer::TransferSpec;

transfer::FileOutcome EngineRun::outcomeOf(const QString &name) const
{
    for (const transfer::FileOutcome &outcome : outcomes) {
        if (outcome.name == name)
            return outcome;
    }
    return {};
}

azure::BlobLocation fakeLocation()
{
    QString error;
    return *azure::BlobLocation::parse(
        QStringLiteral("http://127.0.0.1:10000/devstoreaccount1/") + kFakeContainer, &error);
}

azure::BlobLocation fakeFolder(const QString &name)
{
    QString error;
    return *azure::BlobLocation::parse(QStringLiteral("http://127.0.0.1:10000/devstoreaccount1/") +
                                           kFakeContainer + QLatin1Char('/') + name,
                                       &error);
}

TransferSpec quickSpec()
{
    TransferSpec spec;
    spec.recursive = true;
    spec.blockSize = kFakeBlock;
    spec.overwrite = transfer::OverwritePolicy::Always;
    // Retries at once: a test waits for no backoff.
    spec.retry.baseDelayMs = 1;
    spec.retry.maxDelayMs = 5;
    spec.retry.maxTries = 4;
    spec.retry.stallTimeoutMs = 200;
    return spec;
}

TransferSpec uploadSpec(const QString &from)
{
    TransferSpec spec = quickSpec();
    spec.source.localPath = from;
    spec.destination.blob = fakeLocation();
    return spec;
}

TransferSpec downloadSpec(const QString &to)
{
    TransferSpec spec = quickSpec();
    spec.source.blob = fakeLocation();
    spec.destination.localPath = to;
    return spec;
}

EngineRun runEngine(TransferSpec spec, FakeBlobStore *store, transfer::ConflictResolver *resolver,
                    transfer::TransferEngine **engineOut)
{
    spec.accessManagers = FakeBlobService::factory(store);
    transfer::TransferEngine engine(std::move(spec), resolver);
    if (engineOut)
        *engineOut = &engine;
    EngineRun run;
    QEventLoop loop;
    QObject::connect(
        &engine, &transfer::TransferEngine::fileFinished, &loop,
        [&run](const transfer::FileOutcome &outcome) { run.outcomes.append(outcome); });
    QObject::connect(&engine, &transfer::TransferEngine::notice, &loop,
                     [&run](const QString &text) { run.notices.append(text); });
    QObject::connect(&engine, &transfer::TransferEngine::finished, &loop,
                     [&](const transfer::TransferSummary &summary) {
                         run.summary = summary;
                         run.finished = true;
                         loop.quit();
                     });
    // Only a guard: an engine that never finishes fails the test instead of the suite hanging.
    QTimer::singleShot(30'000, &loop, &QEventLoop::quit);
    QMetaObject::invokeMethod(&engine, &transfer::TransferEngine::start, Qt::QueuedConnection);
    loop.exec();
    if (engineOut)
        *engineOut = nullptr;
    return run;
}

int countRequests(const QStringList &requests, const QByteArray &verb, const QString &part)
{
    const QString prefix = QString::fromLatin1(verb) + QLatin1Char(' ');
    int count = 0;
    for (const QString &request : requests)
        count += request.startsWith(prefix) && request.contains(part);
    return count;
}

int putBlocksIn(const QStringList &requests)
{
    return countRequests(requests, "PUT", QStringLiteral("comp=block&"));
}

FakeFault hangAndCancelAtBlock(int nth, transfer::TransferEngine *const *engine)
{
    auto seen = std::make_shared<int>(0);
    FakeFault hang;
    hang.kind = FakeFault::Kind::Hang;
    hang.matches = [nth, engine, seen](const QByteArray &verb, const QUrl &url) {
        if (!FakeFault::on("PUT", QStringLiteral("comp=block&"))(verb, url) || ++*seen < nth)
            return false;
        QTimer::singleShot(0, *engine, &transfer::TransferEngine::cancel);
        return true;
    };
    return hang;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void RecordingResolver::resolve(const transfer::Conflict &conflict,
                                std::function<void(transfer::ConflictAnswer)> answer)
{
    asked.append(conflict.destination);
    answer(m_answer);
}

} // namespace blobferry::test
