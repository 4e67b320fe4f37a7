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
    // Named blobs (the window's selection): each name is listed as a prefix, as a download
    // does, so renaming one blob does not list its whole folder; the engine keeps exact names.
    const bool named = !m_spec.onlyNames.isEmpty();
    return new BlobEnumerator(*m_parts.resources->copySource, m_parts.resources->requester,
                              m_spec.retry, blobDirectory(m_spec.source),
                              named ? m_spec.onlyNames : m_spec.patterns, named || m_spec.recursive,
                              m_parts.owner);
}

FileTransfer *CopyFactory::make(const SourceItem &item)
{
    const QString blobName = blobDirectory(m_spec.destination) +
                             m_spec.renames.value(item.relativeName, item.relativeName);
    if (m_parts.mirror)
        m_parts.mirror->keep(blobName);
    const JobResources &resources = *m_parts.resources;
    const azure::BlobRequests *source =
        resources.copySourceUrl ? resources.copySourceUrl.get() : resources.copySource.get();
    return new CopyTransfer(item, blobName, source, context(), m_parts.owner);
}

} // namespace blobferry::transfer
