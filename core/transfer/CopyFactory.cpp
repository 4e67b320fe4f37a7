// SPDX-License-Identifier: MIT
#include "CopyFactory.h"

#include "BlobEnumerator.h"
#include "CopyTransfer.h"
#include "MirrorStage.h"

namespace blobferry::transfer {

CopyFactory::CopyFactory(Parts parts)
    : TransferFactory(parts)
{}

Enumerator *CopyFactory::enumerator()
{
    return new BlobEnumerator(*m_parts.resources->copySource, m_parts.resources->requester,
                              m_spec.retry, blobDirectory(m_spec.source), m_spec.patterns,
                              m_spec.recursive, m_parts.owner);
}

FileTransfer *CopyFactory::make(const SourceItem &item)
{
    const QString blobName = blobDirectory(m_spec.destination) + item.relativeName;
    if (m_parts.mirror)
        m_parts.mirror->keep(blobName);
    const JobResources &resources = *m_parts.resources;
    const azure::BlobRequests *source =
        resources.copySourceUrl ? resources.copySourceUrl.get() : resources.copySource.get();
    return new CopyTransfer(item, blobName, source, context(), m_parts.owner);
}

} // namespace blobferry::transfer
