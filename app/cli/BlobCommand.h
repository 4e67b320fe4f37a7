// SPDX-License-Identifier: MIT
#pragma once

#include "CommandLine.h"
#include "azure/BlobService.h"
#include "transfer/PatternTally.h"
#include "transfer/SourceItem.h"

#include <QJsonObject>
#include <QObject>
#include <cstdio>
#include <memory>

class QEventLoop;

namespace blobferry::net {
class Requester;
}
namespace blobferry::transfer {
class BlobEnumerator;
}

namespace blobferry::cli {

// What --list, --remove and --set-tier share: the URL's blobs, chosen by the patterns (name
// prefixes) and /S exactly as a download from that URL would choose them — the same
// BlobEnumerator, page by page — and the patterns that matched nothing said as a transfer says
// them. Each command takes the pages and says when it is done, with its exit status:
//
//   run() ─► listing: take(page) … ─┬─ last page ─► listed() ─► … finish(status) ─► run() returns
//                                   └─ failure ───► "cannot list …", 2
class BlobCommand : public QObject
{
    Q_OBJECT
public:
    BlobCommand(const CliRequest &request, FILE *out, FILE *err);
    ~BlobCommand() override;

    // Runs the command to its end in a local event loop; the exit status (0, 1 some blobs
    // failed or a pattern matched nothing while others matched, 2 nothing could be done).
    int run();
    // The command of request.action; nullptr for a transfer.
    static std::unique_ptr<BlobCommand> make(const CliRequest &request, FILE *in, FILE *out,
                                             FILE *err, bool interactive);

protected:
    // One page of the listing, in name order. Return false to be asked again before the next
    // page is fetched (resume with fetchMore()).
    virtual bool take(const QList<transfer::SourceItem> &items) = 0;
    // The listing is complete; the command ends with finish().
    virtual void listed() = 0;

    void fetchMore();
    void finish(int status);
    // A line on standard error, escaped (names from the service never drive the terminal).
    void say(const QString &line);
    void print(const QString &line);           // on standard output, escaped
    void printJson(const QJsonObject &object); // one object a line on standard output
    // The status the patterns alone call for: 2 when none found anything, 1 when some did not.
    int patternStatus() const;

    const CliRequest m_request;
    std::unique_ptr<azure::BlobService> m_service;
    FILE *m_out;
    FILE *m_err;

private:
    void onBatch(const QList<transfer::SourceItem> &items, bool atEnd);

    net::Requester *m_requester = nullptr;
    transfer::BlobEnumerator *m_enumerator = nullptr;
    transfer::PatternTally m_tally;
    QStringList m_unmatched;
    bool m_atEnd = false;
    bool m_waiting = false; // take() asked to pause
    QEventLoop *m_loop = nullptr;
    int m_status = 0;
};

} // namespace blobferry::cli
