// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QSet>
#include <functional>

namespace blobferry::ui {

// The desktop queue's order and its budget of batches: which jobs wait to start, which of
// them goes first, and how many run at once. The jobs themselves (ids) are the manager's: it
// says when one wants to run (wait) or ended, and the scheduler calls `start` for the first
// waiting job in the queue's order while fewer than limit() run. Every job it knows has a
// place in that order, paused ones too, so a resumed job goes where it was; Move to top and
// Move to bottom change it.
//
// clang-format off
//   add() ──► Known ── wait() ──► Waiting ── fill(): a free place, first in order ──► Running
//               ▲  ◄── unwait() ───┘  (paused while waiting)                            │
//               └────────────────────────────── ended() ────────────────────────────────┘
//   remove(): forgotten, its place too (finished, or cancelled while it waited)
// clang-format on
class JobScheduler final
{
public:
    using Start = std::function<void(int id)>;

    explicit JobScheduler(Start start);

    // Jobs running at once (at least 1). fill() starts more when it grows.
    void setLimit(int jobsAtOnce);
    int limit() const { return m_limit; }

    // A place at the bottom, not waiting (a restored, paused job). Known ones keep theirs.
    void add(int id);
    // Wants to run: waits for a free place (added at the bottom when new). Call fill() after.
    void wait(int id);
    // No longer waits (paused); it keeps its place.
    void unwait(int id);
    // Its run ended (finished, failed or paused): its place frees and the next one starts.
    void ended(int id);
    void remove(int id);
    // Starts waiting jobs, first in order, while fewer than limit() run. Safe to call from
    // inside `start` (a job that fails at once ends there): the loop picks up the change.
    void fill();

    // The jobs among `ids` go first (or last) in the order, keeping their order among
    // themselves. Running ones move too: their place counts once they are paused again.
    void move(const QList<int> &ids, bool toTop);

    bool isWaiting(int id) const { return m_waiting.contains(id); }
    bool isRunning(int id) const { return m_running.contains(id); }
    // Every known job, first first (the queue file keeps it).
    const QList<int> &order() const { return m_order; }

private:
    Start m_start;
    int m_limit = 1;
    QList<int> m_order;
    QSet<int> m_waiting;
    QSet<int> m_running;
    bool m_filling = false;
};

} // namespace blobferry::ui
