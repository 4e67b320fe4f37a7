// SPDX-License-Identifier: MIT
#pragma once

#include "support/FakeBlobStore.h"
#include "transfer/ConflictResolver.h"
#include "transfer/TransferEngine.h"

#include <QStringList>

// Runs the real TransferEngine in process against the fake Blob service, and what the tests of
// its jobs share: specs that retry at once, a resolver with a fixed answer, request counts.
namespace blobferry::test {

inline const QString kFakeContainer = QStringLiteral("box");
constexpr qint64 kFakeBlock = 64 * 1024; // several blocks for a file of a few hundred KiB

struct EngineRun
{
    bool finished = false;
    transfer::TransferSummary summary;
    QList<transfer::FileOutcome> outcomes;
    QStringList notices;

    // The outcome of the file named so; a Queued one when it has none.
    transfer::FileOutcome outcomeOf(const QString &name) const;
};

// The container kFakeContainer of the fake service, and a folder in it.
azure::BlobLocation fakeLocation();
azure::BlobLocation fakeFolder(const QString &name);
// Recursive, kFakeBlock blocks, /Y, retries at once.
transfer::TransferSpec quickSpec();
transfer::TransferSpec uploadSpec(const QString &from);
transfer::TransferSpec downloadSpec(const QString &to);

// `engineOut`, when given, points at the engine while it runs (for a fault that cancels it).
EngineRun runEngine(transfer::TransferSpec spec, FakeBlobStore *store,
                    transfer::ConflictResolver *resolver = nullptr,
                    transfer::TransferEngine **engineOut = nullptr);

// Requests in `requests` ("VERB path?query", as FakeBlobStore::requests) of `verb` whose
// path and query contain `part`.
int countRequests(const QStringList &requests, const QByteArray &verb, const QString &part);
int putBlocksIn(const QStringList &requests);
// The `nth` Put Block never answers, and the engine (*engine, as runEngine sets it) is
// cancelled once it was sent: an interrupted upload that leaves an unfinished journal.
FakeFault hangAndCancelAtBlock(int nth, transfer::TransferEngine *const *engine);
QByteArray readFile(const QString &path);

// Answers every conflict with a fixed answer and remembers what it was asked.
class RecordingResolver final : public transfer::ConflictResolver
{
public:
    explicit RecordingResolver(transfer::ConflictAnswer answer)
        : m_answer(answer)
    {}
    void resolve(const transfer::Conflict &conflict,
                 std::function<void(transfer::ConflictAnswer)> answer) override;
    QStringList asked;

private:
    transfer::ConflictAnswer m_answer;
};

} // namespace blobferry::test
