// SPDX-License-Identifier: MIT
#include "TransferFactory.h"

#include "JobReport.h"
#include "azure/BlobLocation.h"

namespace blobferry::transfer {

TransferFactory::TransferFactory(Parts parts)
    : m_parts(parts)
    , m_spec(*parts.spec)
{}

TransferFactory::~TransferFactory() = default;

void TransferFactory::notCopied(const SourceItem &item)
{
    FileOutcome outcome{item.relativeName, TransferState::Skipped, item.skipReason, 0};
    outcome.specialFile = true;
    m_parts.report->record(outcome);
}

bool TransferFactory::doneInEarlierRun(const SourceItem &item) const
{
    const journal::Journal *journal = m_parts.resources->journal.get();
    const journal::Journal::FileState *previous =
        journal ? journal->previous(item.relativeName) : nullptr;
    if (!previous || !previous->done || previous->size != item.size)
        return false;
    if (m_spec.destination.isBlob())
        return previous->modifiedMs == 0 ||
               previous->modifiedMs == item.modified.toMSecsSinceEpoch();
    return previous->etag.isEmpty() || previous->etag == item.blob.etag;
}

TransferContext TransferFactory::context(DestinationIndex *index) const
{
    const JobResources &resources = *m_parts.resources;
    return {&m_spec, resources.blobs.get(), resources.requester, resources.journal.get(),
            index,   m_parts.conflicts};
}

QString TransferFactory::blobDirectory(const Endpoint &endpoint)
{
    return azure::BlobLocation::asDirectory(endpoint.blob->path());
}

} // namespace blobferry::transfer
