// SPDX-License-Identifier: MIT
// The job's conflict queue and policy, driven through the real engine against the fake Blob
// service: one question at a time, the answers "for all" applied to the conflicts already
// waiting and to the later ones without a question, a cancelled file's question never shown,
// and a default rule that never asks.
#include "support/FakeEngineRun.h"
#include "support/TestTree.h"

#include <QFile>
#include <QTimer>
#include <catch2/catch.hpp>

using namespace blobferry;
using namespace blobferry::test;
using transfer::ConflictAnswer;
using transfer::OverwritePolicy;
using transfer::TransferSpec;
using transfer::TransferState;

namespace {

// Answers each question later (after `delayMs`, as a person would), never inside resolve(),
// and remembers what it was asked and how many questions were open at once. `beforeAnswer`
// runs just before each answer goes back.
class SlowResolver final : public transfer::ConflictResolver
{
public:
    explicit SlowResolver(ConflictAnswer answer, int delayMs = 50)
        : m_answer(answer)
        , m_delayMs(delayMs)
    {}
    void resolve(const transfer::Conflict &conflict,
                 std::function<void(ConflictAnswer)> answer) override
    {
        asked.append(conflict.destination);
        mostOpen = std::max(mostOpen, ++m_open);
        QTimer::singleShot(m_delayMs, [this, answer = std::move(answer)] {
            if (beforeAnswer)
                beforeAnswer();
            --m_open;
            answer(m_answer);
        });
    }

    QStringList asked;
    int mostOpen = 0;
    std::function<void()> beforeAnswer;

private:
    ConflictAnswer m_answer;
    int m_delayMs;
    int m_open = 0;
};

const QStringList kNames{QStringLiteral("a.txt"), QStringLiteral("b.txt"), QStringLiteral("c.txt"),
                         QStringLiteral("d.txt")};

// Local files kNames, each with a blob of the same name already in the fake service.
struct Clash
{
    TestTree tree;
    FakeBlobStore store;

    Clash()
    {
        for (const QString &name : kNames) {
            tree.writeText(name, "new " + name.toUtf8());
            store.putBlob(kFakeContainer, name, "old " + name.toUtf8());
        }
    }
    QByteArray blob(const QString &name) const
    {
        const FakeBlob *found = store.blob(kFakeContainer, name);
        return found ? found->data : QByteArray("(none)");
    }
    TransferSpec spec(OverwritePolicy overwrite) const
    {
        TransferSpec spec = uploadSpec(tree.path());
        spec.overwrite = overwrite;
        return spec;
    }
    void setModified(const QString &name, const QDateTime &when) const
    {
        QFile file(tree.filePath(name));
        REQUIRE(file.open(QIODevice::ReadWrite));
        REQUIRE(file.setFileTime(when, QFileDevice::FileModificationTime));
    }
};

} // namespace

TEST_CASE("conflicts are asked about one at a time, each answer applied to its own file",
          "[conflictqueue]")
{
    Clash clash;
    SlowResolver yes(ConflictAnswer::Yes);

    const EngineRun run = runEngine(clash.spec(OverwritePolicy::Ask), &clash.store, &yes);
    REQUIRE(run.finished);
    QStringList asked = yes.asked;
    asked.sort();
    CHECK(asked == kNames);
    CHECK(yes.mostOpen == 1);
    CHECK(run.summary.succeeded == 4);
    for (const QString &name : kNames) {
        CHECK(clash.blob(name) == "new " + name.toUtf8());
        CHECK(run.outcomeOf(name).overwrote);
    }
}

TEST_CASE("All overwrites the conflicts waiting and the later ones without asking",
          "[conflictqueue]")
{
    Clash clash;
    SlowResolver all(ConflictAnswer::All);

    const EngineRun run = runEngine(clash.spec(OverwritePolicy::Ask), &clash.store, &all);
    REQUIRE(run.finished);
    CHECK(all.asked.size() == 1);
    CHECK(run.summary.succeeded == 4);
    CHECK(run.summary.skipped == 0);
    for (const QString &name : kNames)
        CHECK(clash.blob(name) == "new " + name.toUtf8());
}

TEST_CASE("None skips the rest: counted as skipped, their blobs untouched", "[conflictqueue]")
{
    Clash clash;
    clash.tree.writeText(QStringLiteral("fresh.txt"), "fresh");
    SlowResolver none(ConflictAnswer::None);

    const EngineRun run = runEngine(clash.spec(OverwritePolicy::Ask), &clash.store, &none);
    REQUIRE(run.finished);
    CHECK(none.asked.size() == 1);
    CHECK(run.summary.skipped == 4);
    CHECK(run.summary.succeeded == 1); // the file the destination lacked
    CHECK(run.summary.failed == 0);
    for (const QString &name : kNames) {
        CHECK(clash.blob(name) == "old " + name.toUtf8());
        CHECK(run.outcomeOf(name).state == TransferState::Skipped);
    }
    CHECK(clash.blob(QStringLiteral("fresh.txt")) == "fresh");
    // Nothing of theirs went out: no block, no blob under their names.
    CHECK(countRequests(clash.store.requests(), "PUT", QStringLiteral("/box/a.txt")) +
              countRequests(clash.store.requests(), "PUT", QStringLiteral("/box/b.txt")) +
              countRequests(clash.store.requests(), "PUT", QStringLiteral("/box/c.txt")) +
              countRequests(clash.store.requests(), "PUT", QStringLiteral("/box/d.txt")) ==
          0);
}

TEST_CASE("KeepBothAll writes every file beside its blob as name(1)", "[conflictqueue]")
{
    Clash clash;
    SlowResolver keepBoth(ConflictAnswer::KeepBothAll);

    const EngineRun run = runEngine(clash.spec(OverwritePolicy::Ask), &clash.store, &keepBoth);
    REQUIRE(run.finished);
    CHECK(keepBoth.asked.size() == 1);
    CHECK(run.summary.succeeded == 4);
    for (const QString &name : kNames) {
        CHECK(clash.blob(name) == "old " + name.toUtf8());
        const QString kept =
            QString(name).replace(QStringLiteral(".txt"), QStringLiteral("(1).txt"));
        CHECK(clash.blob(kept) == "new " + name.toUtf8());
        CHECK_FALSE(run.outcomeOf(name).overwrote);
    }
}

TEST_CASE("IfNewerAll overwrites only the files newer than their blobs", "[conflictqueue]")
{
    Clash clash;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // a and c are newer than the blobs (written just now by the fake service), b and d older.
    clash.setModified(QStringLiteral("a.txt"), now.addSecs(3600));
    clash.setModified(QStringLiteral("b.txt"), now.addDays(-1));
    clash.setModified(QStringLiteral("c.txt"), now.addSecs(3600));
    clash.setModified(QStringLiteral("d.txt"), now.addDays(-1));
    SlowResolver ifNewer(ConflictAnswer::IfNewerAll);

    const EngineRun run = runEngine(clash.spec(OverwritePolicy::Ask), &clash.store, &ifNewer);
    REQUIRE(run.finished);
    CHECK(ifNewer.asked.size() == 1);
    CHECK(run.summary.succeeded == 2);
    CHECK(run.summary.skipped == 2);
    CHECK(clash.blob(QStringLiteral("a.txt")) == "new a.txt");
    CHECK(clash.blob(QStringLiteral("b.txt")) == "old b.txt");
    CHECK(clash.blob(QStringLiteral("c.txt")) == "new c.txt");
    CHECK(clash.blob(QStringLiteral("d.txt")) == "old d.txt");
    CHECK(run.outcomeOf(QStringLiteral("b.txt")).state == TransferState::Skipped);
    CHECK(run.outcomeOf(QStringLiteral("d.txt")).reason.contains(QStringLiteral("not newer")));
}

TEST_CASE("a file cancelled while its question waited is never asked about", "[conflictqueue]")
{
    Clash clash;
    SlowResolver yes(ConflictAnswer::Yes, 300);
    transfer::TransferEngine *engine = nullptr;
    QString cancelled;
    // While the first question is open the other three wait behind it; one of them is
    // cancelled (the desktop's "cancel" on its row) before the first answer comes.
    yes.beforeAnswer = [&] {
        if (!cancelled.isEmpty())
            return;
        for (const QString &name : kNames) {
            if (!yes.asked.contains(name)) {
                cancelled = name;
                engine->cancelFile(name);
                return;
            }
        }
    };

    const EngineRun run = runEngine(clash.spec(OverwritePolicy::Ask), &clash.store, &yes, &engine);
    REQUIRE(run.finished);
    REQUIRE_FALSE(cancelled.isEmpty());
    CHECK(yes.asked.size() == 3);
    CHECK_FALSE(yes.asked.contains(cancelled));
    CHECK(yes.mostOpen == 1);
    CHECK(run.outcomeOf(cancelled).state == TransferState::Cancelled);
    CHECK(clash.blob(cancelled) == "old " + cancelled.toUtf8());
    CHECK(run.summary.succeeded == 3);
}

TEST_CASE("a job whose rule answers for the user (overwrite, skip, keep both, if newer) never "
          "asks",
          "[conflictqueue]")
{
    struct Case
    {
        OverwritePolicy rule;
        QByteArray aAfter;  // a.txt is newer than its blob
        QByteArray bAfter;  // b.txt is older than its blob
        QByteArray a1After; // a(1).txt
    };
    const Case cases[] = {
        {OverwritePolicy::Always, "new a.txt", "new b.txt", "(none)"},
        {OverwritePolicy::Never, "old a.txt", "old b.txt", "(none)"},
        {OverwritePolicy::KeepBoth, "old a.txt", "old b.txt", "new a.txt"},
        {OverwritePolicy::IfNewer, "new a.txt", "old b.txt", "(none)"},
    };
    for (const Case &c : cases) {
        INFO("rule " << int(c.rule));
        Clash clash;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        clash.setModified(QStringLiteral("a.txt"), now.addSecs(3600));
        clash.setModified(QStringLiteral("b.txt"), now.addDays(-1));
        RecordingResolver resolver(ConflictAnswer::Yes);

        const EngineRun run = runEngine(clash.spec(c.rule), &clash.store, &resolver);
        REQUIRE(run.finished);
        CHECK(resolver.asked.isEmpty());
        CHECK(clash.blob(QStringLiteral("a.txt")) == c.aAfter);
        CHECK(clash.blob(QStringLiteral("b.txt")) == c.bAfter);
        CHECK(clash.blob(QStringLiteral("a(1).txt")) == c.a1After);
        CHECK(run.summary.failed == 0);
    }
}

TEST_CASE("Ctrl-C's answer ends the asked file and the waiting ones cancelled, not skipped",
          "[conflictqueue]")
{
    Clash clash;
    SlowResolver stop(ConflictAnswer::Cancel);

    const EngineRun run = runEngine(clash.spec(OverwritePolicy::Ask), &clash.store, &stop);
    REQUIRE(run.finished);
    CHECK(stop.asked.size() == 1);
    CHECK(run.summary.skipped == 0);
    for (const QString &name : kNames) {
        CHECK(run.outcomeOf(name).state == TransferState::Cancelled);
        CHECK(clash.blob(name) == "old " + name.toUtf8());
    }
    CHECK(run.outcomeOf(stop.asked.value(0)).reason ==
          QStringLiteral("cancelled while its overwrite question waited"));
}
