// SPDX-License-Identifier: MIT
#include "DownloadFactory.h"

#include "BlobEnumerator.h"
#include "DownloadTransfer.h"
#include "JobReport.h"
#include "LocalNamePlanner.h"
#include "MirrorStage.h"
#include "NameManifest.h"
#include "NameMapper.h"

#include <QDir>
#include <QLoggingCategory>
#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcEngine)

namespace blobferry::transfer {

namespace {

constexpr int kNamesSaveIntervalMs = 2000;
// From this many named blobs of one folder on, the folder is listed once rather than each
// name by itself: a page holds 5,000 names, so one listing costs fewer requests unless the
// folder is over 5,000 times the selection (the window's 500 selected files took 500 serial
// listings, and twice the CLI's time).
constexpr qsizetype kManyNames = 32;

} // namespace

DownloadFactory::DownloadFactory(Parts parts)
    : TransferFactory(parts)
{
    const QString root = m_spec.destination.localPath;
    const DestinationProbe::Result &probe = m_parts.resources->probe;
    NameRules rules;
    rules.windowsNames = m_spec.windowsNames || probe.windowsNames;
#ifdef Q_OS_WIN
    rules.windowsNames = true;
    rules.backslashSeparates = true;
#endif
    // A tree made for Windows must also avoid names that differ only in case.
    const bool caseInsensitive =
        m_spec.caseInsensitiveNames || m_spec.windowsNames || probe.caseInsensitive;
    qCDebug(lcEngine) << "destination" << probe.fileSystemType << "case-insensitive"
                      << caseInsensitive << "windows names" << rules.windowsNames;
    QString manifestError;
    NameManifest previous = NameManifest::load(root, &manifestError);
    if (!manifestError.isEmpty())
        m_parts.report->say(QStringLiteral("Warning: ") + manifestError);
    m_names = std::make_unique<LocalNamePlanner>(root, NameMapper(rules), caseInsensitive,
                                                 std::move(previous));
    m_namesSaved.start();
}

DownloadFactory::~DownloadFactory() = default;

Enumerator *DownloadFactory::enumerator()
{
    // Named blobs: each name is listed as a prefix (recursively, for names with '/'), or many
    // names of one folder in one listing of it; the engine keeps only exact matches.
    const bool named = !m_spec.onlyNames.isEmpty();
    const bool oneFolder =
        named && m_spec.onlyNames.size() >= kManyNames &&
        std::none_of(m_spec.onlyNames.cbegin(), m_spec.onlyNames.cend(),
                     [](const QString &name) { return name.contains(QLatin1Char('/')); });
    const QStringList prefixes =
        oneFolder ? QStringList() : (named ? m_spec.onlyNames : m_spec.patterns);
    // One prefix is one listing in name order: the planner can forget the directories it left.
    m_names->setOrderedListing(QSet<QString>(prefixes.cbegin(), prefixes.cend()).size() <= 1);
    return new BlobEnumerator(*m_parts.resources->blobs, m_parts.resources->requester, m_spec.retry,
                              blobDirectory(m_spec.source), prefixes,
                              !oneFolder && (named || m_spec.recursive), m_parts.owner);
}

FileTransfer *DownloadFactory::make(const SourceItem &item)
{
    if (const auto held = m_pausedTickets.constFind(item.relativeName);
        held != m_pausedTickets.cend()) {
        // Resumed: its path was planned when it first started (and moved with relocations).
        const int ticket = *held;
        m_pausedTickets.erase(held);
        auto *transfer = new DownloadTransfer(item, item.blob.name,
                                              m_names->absolutePath(m_names->pathOf(ticket)),
                                              context(), m_parts.owner);
        m_tickets.insert(transfer, ticket);
        m_downloads.insert(ticket, transfer);
        return transfer;
    }
    JobReport *report = m_parts.report;
    MirrorStage *mirror = m_parts.mirror;
    const QString sourceDirectory = blobDirectory(m_spec.source);
    const LocalNamePlanner::Plan plan = m_names->plan(item.relativeName, item.size);
    // Files of this job that gave their names to directories: moved already, or redirected now.
    for (const LocalNamePlanner::Relocation &relocation : plan.relocations) {
        if (DownloadTransfer *transfer = m_downloads.value(relocation.ticket))
            transfer->redirect(m_names->absolutePath(relocation.to));
        if (mirror) // the file's new name is the one a mirror must keep
            mirror->keep(relocation.to);
        report->renamed(sourceDirectory + relocation.blobName, relocation.to,
                        relocation.firstRename);
    }
    if (!plan.error.isEmpty()) {
        report->record({item.relativeName, TransferState::Failed, plan.error, 0});
        return nullptr;
    }
    if (mirror)
        mirror->keep(plan.relativePath);
    if (plan.invalidUnicode)
        report->say(QStringLiteral("Not valid UTF-8: %1 (written with %EF%BF%BD codes)")
                        .arg(item.blob.name));
    if (plan.isDirectory) {
        if (plan.renamed)
            report->renamed(item.blob.name, plan.relativePath + QLatin1Char('/'));
        --report->snapshot().filesSeen; // a folder marker: the folder is the content
        const QString directory = m_names->absolutePath(plan.relativePath);
        if (!m_spec.dryRun && !QDir().mkpath(directory))
            report->record({item.relativeName, TransferState::Failed,
                            QStringLiteral("cannot create directory %1").arg(directory), 0});
        return nullptr;
    }
    if (plan.renamed)
        report->renamed(item.blob.name, plan.relativePath);
    auto *transfer = new DownloadTransfer(
        item, item.blob.name, m_names->absolutePath(plan.relativePath), context(), m_parts.owner);
    m_tickets.insert(transfer, plan.ticket);
    m_downloads.insert(plan.ticket, transfer);
    return transfer;
}

void DownloadFactory::ended(FileTransfer *transfer)
{
    const auto ticket = m_tickets.constFind(transfer);
    if (ticket == m_tickets.cend())
        return;
    if (transfer->outcome().state == TransferState::Completed)
        m_names->written(*ticket);
    else
        m_names->abandoned(*ticket);
    m_downloads.remove(*ticket);
    m_tickets.erase(ticket);
    saveNames(false);
}

void DownloadFactory::paused(FileTransfer *transfer)
{
    const auto ticket = m_tickets.constFind(transfer);
    if (ticket == m_tickets.cend())
        return;
    m_pausedTickets.insert(transfer->item().relativeName, *ticket);
    m_downloads.remove(*ticket);
    m_tickets.erase(ticket);
}

void DownloadFactory::checkpoint()
{
    for (DownloadTransfer *download : std::as_const(m_downloads))
        download->checkpoint();
}

void DownloadFactory::saveNames(bool now)
{
    if (!m_names->manifestChanged() || m_spec.dryRun)
        return;
    // Often enough that a killed job leaves its renamings on record, seldom enough to be cheap.
    if (!now && m_namesSaved.elapsed() < kNamesSaveIntervalMs)
        return;
    QString error;
    if (!m_names->manifest().save(m_spec.destination.localPath, &error))
        m_parts.report->say(QStringLiteral("Warning: %1; an upload of this tree will keep the "
                                           "translated names")
                                .arg(error));
    m_names->markSaved();
    m_namesSaved.start();
}

} // namespace blobferry::transfer
