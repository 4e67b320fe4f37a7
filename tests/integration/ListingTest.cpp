// SPDX-License-Identifier: MIT
// BlobEnumerator against Azurite, in pages of a few blobs: every blob exactly once and in name
// order, whether the consumer asks for the next page at once (as MirrorCleaner does, from inside
// batchReady) or only after a while (as the engine does, when its queue runs low, by which time
// the page asked for in advance has arrived and waits).
#include "net/Requester.h"
#include "support/TestService.h"
#include "transfer/BlobEnumerator.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>
#include <algorithm>
#include <catch2/catch.hpp>

using namespace blobferry;
using namespace blobferry::test;

namespace {

struct Listing
{
    QStringList names;
    QList<int> batchSizes;
    bool atEnd = false;
    QString error;
};

// Lists through the enumerator; pauseMs > 0: the event loop runs that long between batches
// before the next fetchMore(), so the page fetched in advance is waiting when it is asked for.
Listing list(const TestService &service, const QString &container, const QStringList &prefixes,
             int pageSize, int pauseMs)
{
    net::RequesterSettings settings;
    settings.concurrency = 4;
    net::Requester requester(settings);
    transfer::BlobEnumerator enumerator(service.requests(container), &requester, net::RetryPolicy{},
                                        QString(), prefixes, true);
    enumerator.setPageSize(pageSize);
    Listing listing;
    QEventLoop loop;
    QObject::connect(&enumerator, &transfer::Enumerator::batchReady, &loop,
                     [&](const QList<transfer::SourceItem> &items, bool atEnd) {
                         for (const transfer::SourceItem &item : items)
                             listing.names << item.relativeName;
                         listing.batchSizes << int(items.size());
                         listing.atEnd = atEnd;
                         if (atEnd)
                             loop.quit();
                         else if (pauseMs == 0)
                             enumerator.fetchMore();
                         else
                             QTimer::singleShot(pauseMs, &enumerator,
                                                [&enumerator] { enumerator.fetchMore(); });
                     });
    QObject::connect(&enumerator, &transfer::Enumerator::failed, &loop, [&](const QString &error) {
        listing.error = error;
        loop.quit();
    });
    enumerator.fetchMore();
    loop.exec();
    return listing;
}

} // namespace

TEST_CASE("a listing of many pages gives every blob once, in order, pipelined or not", "[listing]")
{
    TestService service;
    const QString container = service.uniqueContainer(QStringLiteral("pages"));
    service.createContainer(container);
    QStringList expected;
    for (int i = 0; i < 23; ++i) {
        const QString name = QStringLiteral("d%1/f%2").arg(i % 4).arg(i, 2, 10, QLatin1Char('0'));
        service.putBlob(container, name, QByteArray::number(i));
        expected << name;
    }
    std::sort(expected.begin(), expected.end());

    for (const int pauseMs : {0, 150}) {
        INFO("pause " << pauseMs << " ms");
        const Listing listing = list(service, container, {}, 5, pauseMs);
        CHECK(listing.error.isEmpty());
        CHECK(listing.atEnd);
        CHECK(listing.names == expected);
        CHECK(listing.batchSizes == QList<int>{5, 5, 5, 5, 3});
    }

    // Several prefixes: one listing after the other, the end said once, after the last.
    const Listing some =
        list(service, container, {QStringLiteral("d3/"), QStringLiteral("d1/")}, 2, 50);
    QStringList d3AndD1;
    for (const QString &name : std::as_const(expected))
        if (name.startsWith(QLatin1String("d3/")))
            d3AndD1 << name;
    for (const QString &name : std::as_const(expected))
        if (name.startsWith(QLatin1String("d1/")))
            d3AndD1 << name;
    CHECK(some.error.isEmpty());
    CHECK(some.names == d3AndD1);
    CHECK(some.atEnd);
}

TEST_CASE("a listing that fails says so once, after the pages before it", "[listing]")
{
    TestService service;
    const Listing listing =
        list(service, service.uniqueContainer(QStringLiteral("none")), {}, 5, 0);
    CHECK(listing.names.isEmpty());
    CHECK_FALSE(listing.atEnd);
    CHECK(listing.error.contains(QLatin1String("cannot list")));
    CHECK(listing.error.contains(QLatin1String("404")));
}
