// SPDX-License-Identifier: MIT
#include "DestinationIndex.h"

#include "azure/ListingCursor.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcIndex, "blobferry.index", QtWarningMsg)

namespace blobferry::transfer {

namespace {

// UTF-8 byte order (the service's) and QString's UTF-16 order agree below the surrogates.
bool orderedAlike(const QString &name)
{
    for (const QChar c : name) {
        if (c.unicode() >= 0xD800)
            return false;
    }
    return true;
}

} // namespace

DestinationIndex::DestinationIndex(const azure::BlobRequests &requests, net::Requester *requester,
                                   net::RetryPolicy retry, QString prefix, bool recursive,
                                   QObject *parent)
    : QObject(parent)
    , m_service(requester, requests, retry)
    , m_prefix(std::move(prefix))
    , m_recursive(recursive)
{}

void DestinationIndex::start()
{
    fetchIfUseful();
}

void DestinationIndex::find(const QString &blobName, QObject *receiver, Callback callback)
{
    if (m_complete || m_failed || !covers(blobName) || listedPast(blobName) ||
        (m_forgotAny && blobName <= m_forgottenThrough)) {
        callback(answerFor(blobName));
        return;
    }
    m_waiters.append({blobName, receiver, std::move(callback)});
    if (m_entries.size() >= m_maxEntries) {
        // Every entry sorts before the name asked for (it lies past the listing): the uploads
        // have moved on from the smallest ones.
        while (m_entries.size() > m_maxEntries / 2) {
            m_forgottenThrough = m_entries.firstKey();
            m_forgotAny = true;
            m_entries.erase(m_entries.begin());
        }
    }
    fetchIfUseful();
}

bool DestinationIndex::knownAbsent(const QString &blobName)
{
    if (!m_complete && !listedPast(blobName))
        return false;
    return answerFor(blobName).known == Known::Absent;
}

bool DestinationIndex::covers(const QString &name) const
{
    if (!name.startsWith(m_prefix) || !orderedAlike(name))
        return false;
    return m_recursive || name.indexOf(QLatin1Char('/'), m_prefix.size()) < 0;
}

bool DestinationIndex::listedPast(const QString &name) const
{
    return m_listedAny && name <= m_listedThrough;
}

DestinationIndex::Answer DestinationIndex::answerFor(const QString &name)
{
    Answer answer;
    if (m_failed || !covers(name) || (m_forgotAny && name <= m_forgottenThrough))
        return answer;
    ++m_answered;
    const auto found = m_entries.constFind(name);
    if (found == m_entries.cend()) {
        answer.known = Known::Absent;
        return answer;
    }
    answer.known = Known::Present;
    answer.entry.name = name;
    answer.entry.size = found->size;
    answer.entry.fileModifiedMs = found->modifiedMs;
    answer.entry.contentMd5 = found->contentMd5;
    answer.entry.incomplete = found->incomplete;
    return answer;
}

void DestinationIndex::fetchIfUseful()
{
    if ((m_cursor && m_cursor->fetching()) || m_complete || m_failed)
        return;
    // Lists ahead while there is room; when full, only for a question past the listing.
    if (m_entries.size() >= m_maxEntries && m_waiters.isEmpty())
        return;
    if (!m_cursor) {
        m_cursor = new azure::ListingCursor(
            m_service, m_prefix, m_recursive ? QString() : QStringLiteral("/"), m_pageSize, this);
        connect(m_cursor, &azure::ListingCursor::pageReady, this, &DestinationIndex::onPage);
        connect(m_cursor, &azure::ListingCursor::failed, this, &DestinationIndex::onFailed);
    }
    m_cursor->next();
}

void DestinationIndex::onFailed(const azure::CallOutcome &outcome)
{
    if (outcome.status == 404) { // no container yet (a dry run creates none): nothing there
        m_complete = true;
        answerWaiters();
        return;
    }
    qCInfo(lcIndex) << "listing the destination failed; asking per file:" << outcome.status
                    << outcome.error;
    giveUp();
}

void DestinationIndex::onPage(const azure::BlobListPage &page, bool last)
{
    for (const azure::BlobEntry &blob : page.blobs) {
        if (m_listedAny && blob.name <= m_listedThrough) {
            qCInfo(lcIndex) << "the destination listed out of QString order; asking per file";
            giveUp();
            return;
        }
        m_listedThrough = blob.name;
        m_listedAny = true;
        if (orderedAlike(blob.name))
            m_entries.insert(blob.name, {blob.size, blob.fileModified().toMSecsSinceEpoch(),
                                         blob.contentMd5, blob.incomplete});
    }
    // Top-level listing: a virtual directory stands for every name under it.
    if (!page.prefixes.isEmpty() && (!m_listedAny || page.prefixes.last() > m_listedThrough)) {
        m_listedThrough = page.prefixes.last();
        m_listedAny = true;
    }
    m_complete = last;
    ++m_pages;
    answerWaiters();
    // A few files into a big container: the listing would walk thousands of names for each
    // one asked about. Past a few pages that answered little, a HEAD per file is cheaper.
    if (!m_complete && !m_waiters.isEmpty() && m_pages >= kPagesOnTrial &&
        qint64(m_answered) * m_namesPerAnswer < qint64(m_pages) * m_pageSize) {
        qCInfo(lcIndex) << "the destination holds far more than this job asks about; asking "
                           "per file";
        giveUp();
        return;
    }
    fetchIfUseful();
}

void DestinationIndex::giveUp()
{
    m_failed = true;
    m_entries.clear();
    answerWaiters();
}

void DestinationIndex::answerWaiters()
{
    QList<Waiter> waiting;
    waiting.swap(m_waiters);
    for (Waiter &waiter : waiting) {
        if (!waiter.receiver)
            continue;
        if (m_complete || m_failed || listedPast(waiter.name))
            waiter.callback(answerFor(waiter.name));
        else
            m_waiters.append(std::move(waiter));
    }
}

} // namespace blobferry::transfer
