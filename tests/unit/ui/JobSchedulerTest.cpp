// SPDX-License-Identifier: MIT
// The queue's order of batches: which waiting job starts when a place frees.
#include "JobScheduler.h"

#include <catch2/catch.hpp>

using blobferry::ui::JobScheduler;

TEST_CASE("jobs beyond the limit wait and start in the queue's order as places free", "[scheduler]")
{
    QList<int> started;
    JobScheduler scheduler([&](int id) { started.append(id); });
    scheduler.setLimit(2);
    for (int id : {1, 2, 3, 4})
        scheduler.wait(id);
    scheduler.fill();
    CHECK(started == QList<int>{1, 2});
    CHECK(scheduler.isWaiting(3));
    scheduler.ended(2);
    CHECK(started == QList<int>{1, 2, 3});
    scheduler.setLimit(3);
    scheduler.fill();
    CHECK(started == QList<int>{1, 2, 3, 4});
}

TEST_CASE("move to top and bottom change which waiting job starts next, paused ones keep "
          "their place",
          "[scheduler]")
{
    QList<int> started;
    JobScheduler scheduler([&](int id) { started.append(id); });
    scheduler.setLimit(1);
    for (int id : {1, 2, 3, 4, 5})
        scheduler.wait(id);
    scheduler.fill();
    scheduler.move({4, 3}, true); // in their own order, before the running one: 3 4 1 2 5
    scheduler.move({2}, false);   // 3 4 1 5 2
    scheduler.unwait(3);          // paused: skipped, not forgotten
    CHECK(scheduler.order() == QList<int>{3, 4, 1, 5, 2});
    scheduler.ended(1);
    scheduler.ended(4);
    CHECK(started == QList<int>{1, 4, 5});
    scheduler.wait(3); // resumed: its place is still before 2
    scheduler.ended(5);
    CHECK(started == QList<int>{1, 4, 5, 3});
}

TEST_CASE("a job that ends while it is being started frees its place for the next one",
          "[scheduler]")
{
    QList<int> started;
    JobScheduler *self = nullptr;
    JobScheduler scheduler([&](int id) {
        started.append(id);
        if (id == 1)
            self->ended(1); // it could not start (its account is gone)
    });
    self = &scheduler;
    scheduler.setLimit(1);
    scheduler.wait(1);
    scheduler.wait(2);
    scheduler.fill();
    CHECK(started == QList<int>{1, 2});
    CHECK(scheduler.isRunning(2));
}
