// SPDX-License-Identifier: MIT
#include "UploadFactory.h"

#include "BlobNamePlanner.h"
#include "ConflictQueue.h"
#include "DestinationIndex.h"
#include "GzipCodec.h"
#include "JobReport.h"
#include "LocalEnumerator.h"
#include "MirrorStage.h"
#include "NameManifest.h"
#include "PageScan.h"
#include "PageUploadTransfer.h"
#include "PatternMatcher.h"
#include "UploadTransfer.h"

#include <algorithm>

namespace blobferry::transfer {

namespace {

// Below this many named files, an upload asks about each one instead of listing.
constexpr qsizetype kFewNames = 200;

} // namespace

UploadFactory::UploadFactory(Parts parts, std::function<void(const SourceItem &)> encode)
    : TransferFactory(parts)
    , m_encode(std::move(encode))
{
    QString manifestError;
    m_names = std::make_unique<BlobNamePlanner>(
        m_spec.source.localPath, NameManifest::load(m_spec.source.localPath, &manifestError));
    if (!manifestError.isEmpty())
        m_parts.report->say(QStringLiteral("Warning: ") + manifestError);
}

UploadFactory::~UploadFactory() = default;

QList<SourceItem> UploadFactory::initialItems()
{
    // Folder markers exist only as names: the manifest brings them back on a full upload.
    if (m_spec.recursive && m_spec.patterns.isEmpty() && m_spec.onlyNames.isEmpty())
        return m_names->folderMarkers();
    return {};
}

Enumerator *UploadFactory::enumerator()
{
    // Named files: list the tree (deep enough for their paths) and keep just those names.
    const bool named = !m_spec.onlyNames.isEmpty();
    const bool deep =
        m_spec.recursive ||
        (named && std::any_of(m_spec.onlyNames.cbegin(), m_spec.onlyNames.cend(),
                              [](const QString &name) { return name.contains(QLatin1Char('/')); }));
    // Block uploads look at their blob before sending (unless /Y alone): one listing answers
    // for thousands of files. (Page uploads ask the service themselves.)
    const bool looks = m_parts.conflicts ? m_parts.conflicts->policy().looksAtDestination()
                                         : ConflictPolicy(m_spec).looksAtDestination();
    // A few named files (a drop in the desktop) ask a HEAD each rather than list a folder.
    const bool few = named && m_spec.onlyNames.size() < kFewNames;
    if (looks && !few && m_spec.blobType != BlobType::Page) {
        m_index = new DestinationIndex(*m_parts.resources->blobs, m_parts.resources->requester,
                                       m_spec.retry, blobDirectory(m_spec.destination), deep,
                                       m_parts.owner);
        m_index->start();
    }
    auto *local = new LocalEnumerator(m_spec.source.localPath,
                                      named ? QStringList() : m_spec.patterns, deep, m_parts.owner);
    local->setFollowSymlinks(m_spec.followSymlinks);
    // Files the user named (a drop in the desktop, a file as <Source>) are read through links.
    local->setNamedFiles(named ? m_spec.onlyNames : PatternMatcher::literals(m_spec.patterns));
    return local;
}

bool UploadFactory::pageBlob(const SourceItem &item) const
{
    return m_spec.blobType == BlobType::Page ||
           (m_spec.detectPageBlobs && PageScan::isDiskImage(item.relativeName));
}

bool UploadFactory::gzipChosen(const SourceItem &item) const
{
    return !m_spec.gzipExtensions.isEmpty() && !m_spec.dryRun && item.encodedFrom.isEmpty() &&
           !item.folderMarker && item.problem.isEmpty() &&
           item.relativeName != NameManifest::fileName() &&
           GzipCodec::chosen(item.relativeName, m_spec.gzipExtensions) && !pageBlob(item);
}

FileTransfer *UploadFactory::make(const SourceItem &item)
{
    // --gzip: a chosen file comes back through the engine's queue once compressed.
    if (gzipChosen(item)) {
        m_encode(item);
        return nullptr;
    }
    JobReport *report = m_parts.report;
    const BlobNamePlanner::Plan plan = m_names->plan(item);
    if (plan.isManifest) { // the names of the tree, not a file of it
        --report->snapshot().filesSeen;
        report->snapshot().bytesKnown -= item.size;
        return nullptr;
    }
    if (!plan.error.isEmpty()) {
        report->record({item.relativeName, TransferState::Failed, plan.error, 0});
        return nullptr;
    }
    const QString blobName = blobDirectory(m_spec.destination) + plan.blobName;
    if (m_parts.mirror)
        m_parts.mirror->keep(blobName);
    if (plan.renamed)
        report->renamed(item.relativeName, blobName);
    if (m_spec.dryRun && m_index && m_index->knownAbsent(blobName)) {
        // What the transfer would conclude, without making one: a million-file dry run to a
        // new place costs the walk and the listing, nothing per file.
        report->record({item.relativeName, TransferState::Completed, {}, 0});
        return nullptr;
    }
    if (pageBlob(item))
        return new PageUploadTransfer(item, blobName, context(m_index), m_parts.owner);
    return new UploadTransfer(item, blobName, context(m_index), m_parts.owner);
}

void UploadFactory::notCopied(const SourceItem &item)
{
    // The source holds something by this name: a mirror keeps its blob (and the blobs under a
    // link to a directory) rather than delete what a --follow-symlinks run copied.
    if (m_parts.mirror) {
        const BlobNamePlanner::Plan plan = m_names->plan(item);
        if (plan.error.isEmpty() && !plan.isManifest) {
            const QString blobName = blobDirectory(m_spec.destination) + plan.blobName;
            if (item.skipsDirectory)
                m_parts.mirror->keepUnder(blobName + QLatin1Char('/'));
            else
                m_parts.mirror->keep(blobName);
        }
    }
    TransferFactory::notCopied(item);
}

} // namespace blobferry::transfer
