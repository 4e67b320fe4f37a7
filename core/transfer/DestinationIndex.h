// SPDX-License-Identifier: MIT
#pragma once

#include "azure/BlobService.h"

#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <functional>

namespace blobferry::azure {
class ListingCursor;
}

namespace blobferry::transfer {

// What an upload's destination already holds, learnt from one streamed List Blobs (5,000
// names a request) instead of a HEAD per file.
//
// The listing arrives in name order, so after each page the index knows every name up to the
// last one listed: one it does not hold is absent. It keeps at most kMaxEntries entries and
// lists ahead only while it has room; when a question lies beyond the listing and the index
// is full, it forgets its smallest entries (the uploads have moved past them) and lists on.
// It answers "unknown", and the caller asks the service as before, for a name it forgot, one
// the listing does not cover (a deeper path than a top-level listing holds), one whose order
// the service may see differently from QString (characters from U+D800 up), and every name
// once listing failed (a SAS without list permission is the common case), came out of order,
// or was not paying for itself (a few files into a container of millions).
//
//   start ─► page ─► page ─► … ─► complete            answers: Present · Absent · Unknown
//              └── full: waits for a question past the listing, forgets, lists on
class DestinationIndex final : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxEntries = 20000;
    // After this many pages, while questions wait for more, the index must have answered one
    // question per kNamesPerAnswer names listed, or it gives way to HEADs: a page of 5,000
    // costs the service about what a few dozen HEADs do.
    static constexpr int kPagesOnTrial = 3;
    static constexpr int kNamesPerAnswer = 200;

    enum class Known
    {
        Unknown,
        Absent,
        Present
    };
    struct Answer
    {
        Known known = Known::Unknown;
        azure::BlobEntry entry; // when Present: name, size, Content-MD5, the incomplete mark,
                                // and fileModifiedMs (the recorded mtime, else Last-Modified)
    };
    using Callback = std::function<void(const Answer &)>;

    // `prefix` is "" or ends in '/'; without `recursive` only names directly under it count.
    // Its pages go through `requester`, in the same budget as the job's transfers.
    DestinationIndex(const azure::BlobRequests &requests, net::Requester *requester,
                     net::RetryPolicy retry, QString prefix, bool recursive,
                     QObject *parent = nullptr);

    // Smaller than the defaults in tests, to see paging and forgetting with few blobs.
    void setLimits(int maxEntries, int pageSize, int namesPerAnswer = kNamesPerAnswer)
    {
        m_maxEntries = maxEntries;
        m_pageSize = pageSize;
        m_namesPerAnswer = namesPerAnswer;
    }
    void start();
    // Answers at once when it can, else once the listing reaches the name; not at all once
    // `receiver` is gone.
    void find(const QString &blobName, QObject *receiver, Callback callback);

    // True when the name is certainly not there now (no waiting): a dry run's "would copy"
    // needs nothing more.
    bool knownAbsent(const QString &blobName);

    // For the tests and the log: how many lookups were answered without the service.
    int answered() const { return m_answered; }

private:
    struct Waiter
    {
        QString name;
        QPointer<QObject> receiver;
        Callback callback;
    };

    bool covers(const QString &name) const;
    bool listedPast(const QString &name) const;
    Answer answerFor(const QString &name);
    void fetchIfUseful();
    void onPage(const azure::BlobListPage &page, bool last);
    void onFailed(const azure::CallOutcome &outcome);
    void giveUp();
    void answerWaiters();

    const azure::BlobService m_service;
    const QString m_prefix;
    const bool m_recursive;

    // What a conflict decision needs of a blob, and no more: a listing's full entry held ~1.6 KB.
    struct Held
    {
        qint64 size = 0;
        qint64 modifiedMs = 0; // the file's recorded mtime, else Last-Modified
        QByteArray contentMd5;
        bool incomplete = false;
    };
    QMap<QString, Held> m_entries;
    QList<Waiter> m_waiters;
    azure::ListingCursor *m_cursor = nullptr; // made by the first fetch, at m_pageSize
    QString m_listedThrough;    // every name up to this one was listed (when m_listedAny)
    QString m_forgottenThrough; // names up to this one were forgotten (when m_forgotAny)
    bool m_listedAny = false;
    bool m_forgotAny = false;
    bool m_complete = false;
    bool m_failed = false;
    int m_answered = 0;
    int m_pages = 0;
    int m_maxEntries = kMaxEntries;
    int m_pageSize = 5000;
    int m_namesPerAnswer = kNamesPerAnswer;
};

} // namespace blobferry::transfer
