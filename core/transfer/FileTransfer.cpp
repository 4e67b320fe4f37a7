// SPDX-License-Identifier: MIT
#include "FileTransfer.h"

#include "azure/AzureError.h"
#include "net/NetworkPool.h"

namespace blobferry::transfer {

FileTransfer::FileTransfer(SourceItem item, TransferContext context, QObject *parent)
    : QObject(parent)
    , m_item(std::move(item))
    , m_context(context)
{
    m_outcome.name = m_item.relativeName;
    m_outcome.state = TransferState::Active;
}

void FileTransfer::startNextRequest()
{
    Request request = takeNextRequest();
    QNetworkAccessManager *nam = m_context.pool->acquire();
    auto *job = new net::HttpJob(nam, std::move(request.factory), m_context.spec->retry, this);
    if (request.sink)
        job->setSink(std::move(request.sink));
    m_jobs.insert(job);
    connect(job, &net::HttpJob::finished, this, [this, job, nam, done = std::move(request.done)] {
        m_context.pool->release(nam);
        m_jobs.remove(job);
        job->deleteLater();
        if (!m_done)
            done(job->result());
        Q_EMIT requestFinished();
    });
    job->start();
}

void FileTransfer::cancel()
{
    if (m_done)
        return;
    end(TransferState::Cancelled, QStringLiteral("cancelled"));
}

void FileTransfer::complete()
{
    end(TransferState::Completed, {});
}

void FileTransfer::skip(const QString &reason)
{
    end(TransferState::Skipped, reason);
}

void FileTransfer::fail(const QString &reason)
{
    m_failed = true;
    end(TransferState::Failed, reason);
}

void FileTransfer::failRequest(const QString &what, const net::HttpResult &result, const QUrl &url)
{
    const QString why = azure::describeFailure(result, url);
    fail(what.isEmpty() ? why : what + QStringLiteral(": ") + why);
}

void FileTransfer::end(TransferState state, const QString &reason)
{
    if (m_done)
        return;
    m_done = true;
    m_outcome.state = state;
    m_outcome.reason = reason;
    m_outcome.bytes = state == TransferState::Completed ? m_item.size : m_bytesDone;
    // Requests still running for this file are pointless now; their slots free as they end.
    const auto running = m_jobs; // abort() may finish a job at once and shrink m_jobs
    for (net::HttpJob *job : running)
        job->abort();
    if (state != TransferState::Completed)
        cleanUp();
    Q_EMIT finished();
}

} // namespace blobferry::transfer
