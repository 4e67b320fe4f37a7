// SPDX-License-Identifier: MIT
#include "JobScheduler.h"

#include <algorithm>

namespace blobferry::ui {

JobScheduler::JobScheduler(Start start)
    : m_start(std::move(start))
{}

void JobScheduler::setLimit(int jobsAtOnce)
{
    m_limit = std::max(1, jobsAtOnce);
}

void JobScheduler::add(int id)
{
    if (!m_order.contains(id))
        m_order.append(id);
}

void JobScheduler::wait(int id)
{
    add(id);
    if (!m_running.contains(id))
        m_waiting.insert(id);
}

void JobScheduler::unwait(int id)
{
    m_waiting.remove(id);
}

void JobScheduler::ended(int id)
{
    m_running.remove(id);
    fill();
}

void JobScheduler::remove(int id)
{
    m_order.removeOne(id);
    m_waiting.remove(id);
    m_running.remove(id);
}

void JobScheduler::fill()
{
    if (m_filling)
        return; // the loop below sees what changed
    m_filling = true;
    while (m_running.size() < m_limit && !m_waiting.isEmpty()) {
        const auto next = std::find_if(m_order.cbegin(), m_order.cend(),
                                       [this](int id) { return m_waiting.contains(id); });
        if (next == m_order.cend())
            break;
        const int id = *next;
        m_waiting.remove(id);
        m_running.insert(id);
        m_start(id);
    }
    m_filling = false;
}

void JobScheduler::move(const QList<int> &ids, bool toTop)
{
    QList<int> moved;
    QList<int> rest;
    for (int id : std::as_const(m_order))
        (ids.contains(id) ? moved : rest).append(id);
    m_order = toTop ? moved + rest : rest + moved;
}

} // namespace blobferry::ui
