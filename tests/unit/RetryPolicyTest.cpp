// SPDX-License-Identifier: MIT
// How long a failed request waits before its next try, and when it stops trying. The waits are
// read from the policy and from HttpJob's retrying signal, never measured with a clock.
#include "net/RetryPolicy.h"

#include "net/HttpJob.h"
#include "support/FakeAccessManager.h"

#include <QDateTime>
#include <QEventLoop>
#include <QLocale>
#include <QTimer>
#include <catch2/catch.hpp>
#include <limits>

using blobferry::net::HttpJob;
using blobferry::net::PreparedRequest;
using blobferry::net::RetryPolicy;
using blobferry::test::FakeAccessManager;

namespace {

using Answer = FakeAccessManager::Answer;

Answer busy(QList<QNetworkReply::RawHeaderPair> headers = {})
{
    headers.emplaceBack("x-ms-error-code", "ServerBusy");
    return Answer{503, headers, "<Error><Code>ServerBusy</Code></Error>"};
}

PreparedRequest getRequest()
{
    PreparedRequest prepared;
    prepared.request = QNetworkRequest(QUrl(QStringLiteral("http://fake.invalid/c/blob")));
    prepared.verb = "GET";
    return prepared;
}

struct Run
{
    QList<int> delays; // announced before each retry
    int requests = 0;
    blobferry::net::HttpResult result;
    bool finished = false;
};

// Runs one job against scripted answers until it finishes or has announced `stopAfterRetries`
// retries (then it is dropped, so a long server hint does not make the test wait).
Run runJob(const QList<Answer> &answers, RetryPolicy policy, int stopAfterRetries = 100,
           HttpJob::Factory factory = getRequest)
{
    FakeAccessManager nam;
    nam.setAnswers(answers);
    Run run;
    QEventLoop loop;
    {
        HttpJob job(&nam, std::move(factory), policy);
        QObject::connect(&job, &HttpJob::retrying, &loop, [&](int, int delayMs, const QString &) {
            run.delays.append(delayMs);
            if (run.delays.size() >= stopAfterRetries)
                loop.quit();
        });
        QObject::connect(&job, &HttpJob::finished, &loop, [&] {
            run.finished = true;
            run.result = job.result();
            loop.quit();
        });
        job.start();
        loop.exec();
    }
    run.requests = nam.requestCount();
    return run;
}

// A request as the Blob service's are sent: bodies asked for as stored.
PreparedRequest asStored(const QByteArray &verb)
{
    PreparedRequest prepared = getRequest();
    prepared.verb = verb;
    prepared.request.setRawHeader("Accept-Encoding", "identity");
    return prepared;
}

RetryPolicy quickPolicy(int maxTries)
{
    RetryPolicy policy;
    policy.maxTries = maxTries;
    policy.baseDelayMs = 1;
    policy.maxDelayMs = 4;
    return policy;
}

} // namespace

TEST_CASE("retry delays double from the base with +-20% jitter and stop growing at the cap",
          "[retry]")
{
    RetryPolicy policy; // 1 s doubling, capped at 15 s
    for (int attempt = 2; attempt <= 14; ++attempt) {
        const qint64 nominal = std::min<qint64>(1000LL << (attempt - 2), policy.maxDelayMs);
        for (int i = 0; i < 200; ++i) {
            const int delay = policy.delayBeforeAttempt(attempt, 0);
            INFO("attempt " << attempt << ": " << delay << " ms, nominal " << nominal);
            REQUIRE(delay >= nominal * 4 / 5);
            REQUIRE(delay <= std::min<qint64>(nominal * 6 / 5, policy.maxDelayMs));
        }
    }
    // Far past the cap the shift saturates instead of overflowing.
    CHECK(policy.delayBeforeAttempt(1000, 0) <= policy.maxDelayMs);
    CHECK(policy.delayBeforeAttempt(1000, 0) >= policy.maxDelayMs * 4 / 5);
}

TEST_CASE("the default retries wait out an outage of a minute, and not much more than 90 s",
          "[retry]")
{
    const RetryPolicy policy;
    qint64 shortest = std::numeric_limits<qint64>::max();
    qint64 longest = 0;
    for (int run = 0; run < 500; ++run) {
        qint64 waited = 0;
        for (int attempt = 2; attempt <= policy.maxTries; ++attempt)
            waited += policy.delayBeforeAttempt(attempt, 0);
        shortest = std::min(shortest, waited);
        longest = std::max(longest, waited);
    }
    INFO("the waits of a request that fails every try add up to " << shortest << " to " << longest
                                                                  << " ms");
    CHECK(shortest >= 60'000);
    CHECK(longest <= 95'000);
}

TEST_CASE("a server's retry hint is waited for in full, beyond the cap, up to ten minutes",
          "[retry]")
{
    RetryPolicy policy;
    for (int i = 0; i < 100; ++i)
        REQUIRE(policy.delayBeforeAttempt(2, 5'000) == 5'000); // the backoff alone is <= 1.2 s
    CHECK(policy.delayBeforeAttempt(2, 45'000) == 45'000);
    CHECK(policy.delayBeforeAttempt(2, 24LL * 3600 * 1000) == RetryPolicy::kMaxServerHintMs);
    CHECK(policy.delayBeforeAttempt(2, -5) <= 1'200);
}

TEST_CASE("HttpJob waits as long as x-ms-retry-after-ms asks", "[retry][httpjob]")
{
    const Run run = runJob({busy({{"x-ms-retry-after-ms", "2500"}})}, RetryPolicy{}, 1);
    CHECK(run.delays == QList<int>{2500});
}

TEST_CASE("HttpJob reads Retry-After as seconds and as an HTTP date", "[retry][httpjob]")
{
    const Run seconds = runJob({busy({{"Retry-After", "3"}})}, RetryPolicy{}, 1);
    CHECK(seconds.delays == QList<int>{3000});

    const QByteArray date = QLocale::c()
                                .toString(QDateTime::currentDateTimeUtc().addSecs(120),
                                          QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
                                .toLatin1();
    const Run dated = runJob({busy({{"Retry-After", date}})}, RetryPolicy{}, 1);
    REQUIRE(dated.delays.size() == 1);
    INFO("Retry-After: " << date.toStdString());
    CHECK(dated.delays[0] > 100'000); // about two minutes from now
    CHECK(dated.delays[0] <= 120'000);
}

TEST_CASE("HttpJob's delays grow from one retry to the next", "[retry][httpjob]")
{
    RetryPolicy policy;
    policy.maxTries = 5;
    policy.baseDelayMs = 10; // 10, 20, 40, 80 ms nominal: a quick test
    const Run run = runJob({busy()}, policy, 4);
    REQUIRE(run.delays.size() == 4);
    // Each nominal delay doubles; with +-20% jitter the ranges of successive attempts are apart.
    CHECK(run.delays[2] > run.delays[0]);
    CHECK(run.delays[3] > run.delays[1]);
    CHECK(run.delays[0] <= 15);
}

TEST_CASE("a 503 is retried until maxTries and the last answer is reported", "[retry][httpjob]")
{
    const Run run = runJob({busy()}, quickPolicy(4));
    REQUIRE(run.finished);
    CHECK(run.requests == 4);
    CHECK(run.delays.size() == 3);
    CHECK(run.result.status == 503);
    CHECK(run.result.attempts == 4);
}

TEST_CASE("a transient failure followed by success ends in success", "[retry][httpjob]")
{
    const Run run = runJob({busy(), Answer{500, {}, {}}, Answer{200, {}, "ok"}}, quickPolicy(5));
    REQUIRE(run.finished);
    CHECK(run.requests == 3);
    CHECK(run.result.ok());
    CHECK(run.result.body == "ok");
}

TEST_CASE("400 403 404 409 412 and 501 are answered once and never retried", "[retry][httpjob]")
{
    for (int status : {400, 403, 404, 409, 412, 501}) {
        INFO("status " << status);
        const Run run = runJob({Answer{status, {}, {}}, Answer{200, {}, {}}}, quickPolicy(5));
        REQUIRE(run.finished);
        CHECK(run.requests == 1);
        CHECK(run.delays.isEmpty());
        CHECK(run.result.status == status);
    }
}

TEST_CASE("408 500 502 503 and 504 are retried", "[retry][httpjob]")
{
    for (int status : {408, 500, 502, 503, 504}) {
        INFO("status " << status);
        const Run run = runJob({Answer{status, {}, {}}, Answer{201, {}, {}}}, quickPolicy(5));
        REQUIRE(run.finished);
        CHECK(run.requests == 2);
        CHECK(run.result.status == 201);
    }
}

TEST_CASE("HttpJob retries an answer its check refuses and reports the check's text at the end",
          "[retry]")
{
    for (const bool healsOnRetry : {true, false}) {
        INFO("heals on retry: " << healsOnRetry);
        FakeAccessManager nam;
        const Answer damaged{200, {}, "bXd"};
        nam.setAnswers(healsOnRetry ? QList<Answer>{damaged, Answer{200, {}, "bad"}}
                                    : QList<Answer>{damaged});
        QByteArray body; // what the sink got in the current attempt
        HttpJob job(
            &nam,
            [&body] {
                body.clear();
                return getRequest();
            },
            quickPolicy(3));
        job.setSink([&body](const QByteArray &chunk) {
            body += chunk;
            return QString();
        });
        job.setCheck([&body](const blobferry::net::HttpResult &) {
            return body == "bad" ? QString() : QStringLiteral("the bytes changed on the way");
        });
        QEventLoop loop;
        QObject::connect(&job, &HttpJob::finished, &loop, &QEventLoop::quit);
        job.start();
        loop.exec();
        CHECK(job.result().ok() == healsOnRetry);
        CHECK(nam.requestCount() == (healsOnRetry ? 2 : 3));
        CHECK(job.result().localError ==
              (healsOnRetry ? QString() : QStringLiteral("the bytes changed on the way")));
    }
}

TEST_CASE("an answer shorter than its Content-Length with no error from Qt is retried as a cut",
          "[retry][httpjob]")
{
    const QByteArray listing = "<EnumerationResults><Blobs/></EnumerationResults>";
    const QList<QNetworkReply::RawHeaderPair> announced{
        {"Content-Length", QByteArray::number(listing.size())}};
    const Answer cut{200, announced, listing.left(20)};
    const Answer whole{200, announced, listing};
    const Run run = runJob({cut, whole}, quickPolicy(5), 100, [] { return asStored("GET"); });
    REQUIRE(run.finished);
    CHECK(run.requests == 2);
    CHECK(run.result.ok());
    CHECK(run.result.body == listing);

    SECTION("and fails as a closed connection when every try is short")
    {
        const Run failed = runJob({cut}, quickPolicy(3), 100, [] { return asStored("GET"); });
        REQUIRE(failed.finished);
        CHECK(failed.requests == 3);
        CHECK(failed.result.status == 0);
        CHECK(failed.result.networkError == QNetworkReply::RemoteHostClosedError);
        CHECK(failed.result.networkErrorText ==
              QStringLiteral("the connection closed after 20 of the answer's %1 bytes")
                  .arg(listing.size()));
    }
}

TEST_CASE("a HEAD's Content-Length, and a body Qt may have inflated, are not taken for cuts",
          "[retry][httpjob]")
{
    const QList<QNetworkReply::RawHeaderPair> announced{{"Content-Length", "1048576"}};
    const Run head =
        runJob({Answer{200, announced, {}}}, quickPolicy(5), 100, [] { return asStored("HEAD"); });
    REQUIRE(head.finished);
    CHECK(head.requests == 1);
    CHECK(head.result.ok());

    // Without Accept-Encoding: identity, Qt inflates a gzip answer: its length is not the
    // announced one.
    const Run inflated =
        runJob({Answer{200, announced, "a few bytes"}}, quickPolicy(5), 100, getRequest);
    REQUIRE(inflated.finished);
    CHECK(inflated.requests == 1);
    CHECK(inflated.result.ok());
}
