// SPDX-License-Identifier: MIT
#pragma once

#include "JobResources.h"
#include "TransferSpec.h"

#include <QObject>
#include <QPointer>

namespace blobferry::net {
class HttpJob;
}
namespace blobferry::journal {
struct JobIdentity;
}

namespace blobferry::transfer {

// Everything a job needs before its first file, in the order a failure is reported: the TLS
// settings (--ca-file), the requester (unless one was injected), the requests of the blob
// side (a copy's read-only SAS of its source), the restart journal (/Z), the local side (an
// upload's source directory; a download's destination, created and probed) and the
// destination container, created when missing. A failure is one line a user can act on.
//
// clang-format off
//
//   run ─► TLS ─► requester, requests ─► journal ─► local side ─► container ─► ready()
//           └───────────────────────────────┴───────────┴─────────────┴──► failed(line)
//   cancel() while the container is created: the request is aborted, no signal follows.
//
// clang-format on
class JobPreflight final : public QObject
{
    Q_OBJECT
public:
    // spec: the engine's, read when run. requester: the injected one, or null to build the
    // job's own from the spec, as a child of `parent` (the engine).
    JobPreflight(const TransferSpec &spec, net::Requester *requester, QObject *parent);

    void run();
    // Stops where it is: a container creation in flight is aborted; ready() and failed() no
    // longer come. take() still hands over what was prepared (the journal, to keep).
    void cancel();
    // What was prepared; after ready() (or failed(), or cancel(): what there is).
    JobResources take() { return std::move(m_resources); }

    // The job as the journal knows it: sides without their SAS, patterns, /S, block size.
    static journal::JobIdentity jobIdentity(const TransferSpec &spec);

Q_SIGNALS:
    void notice(const QString &text);
    void ready();
    void failed(const QString &error);

private:
    void makeRequests();
    bool openJournal(QString *error);
    bool checkLocalSide(QString *error);
    // The destination container, created when missing (409: it exists); then ready().
    void ensureContainer();
    void fail(const QString &error);

    const TransferSpec &m_spec;
    net::Requester *m_injected;
    JobResources m_resources;
    QPointer<net::HttpJob> m_creating; // the container's creation, while in flight
    bool m_cancelled = false;
};

} // namespace blobferry::transfer
