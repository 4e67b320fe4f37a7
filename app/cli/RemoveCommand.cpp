// SPDX-License-Identifier: MIT
#include "RemoveCommand.h"

#include "ConsolePrompt.h"
#include "log/Printable.h"

#include <QJsonObject>

namespace blobferry::cli {

RemoveCommand::RemoveCommand(const CliRequest &request, FILE *in, FILE *out, FILE *err,
                             bool interactive)
    : BlobCommand(request, out, err)
    , m_in(in)
    , m_interactive(interactive)
{}

bool RemoveCommand::ask(qint64 count, const QString &where, FILE *in, FILE *out)
{
    return ConsolePrompt::askYesNo(
        QStringLiteral("Remove %1 blob(s), each with its snapshots, from %2?")
            .arg(count)
            .arg(log::printable(where)),
        in, out);
}

bool RemoveCommand::take(const QList<transfer::SourceItem> &items)
{
    // All of them before anything goes: the question says how many.
    for (const transfer::SourceItem &item : items)
        m_targets.append({item.blob.name, item.relativeName, item.blob.etag});
    return true;
}

void RemoveCommand::report(const QString &relative, bool ok, const QString &reason)
{
    const bool dryRun = m_request.spec.dryRun;
    if (m_request.jsonOutput) {
        QJsonObject object{{QStringLiteral("type"), QStringLiteral("deleted")},
                           {QStringLiteral("name"), relative},
                           {QStringLiteral("ok"), ok},
                           {QStringLiteral("dryRun"), dryRun}};
        if (!reason.isEmpty())
            object.insert(QStringLiteral("reason"), reason);
        printJson(object);
    }
    if (!ok)
        say(QStringLiteral("Failed to remove: %1: %2").arg(relative, reason));
    else if (m_request.jsonOutput)
        return;
    else if (dryRun)
        print(QStringLiteral("Would remove: ") + relative);
    else if (m_request.verbose)
        print(QStringLiteral("Removed: ") + relative);
}

void RemoveCommand::listed()
{
    const int patterns = patternStatus();
    if (m_targets.isEmpty() || patterns == 2) {
        if (patterns != 2)
            say(QStringLiteral("Nothing to remove: %1 holds no blob%2")
                    .arg(m_request.spec.source.blob->display(),
                         m_request.spec.recursive ? QString()
                                                  : QStringLiteral(" at its top level")));
        end();
        return;
    }
    if (m_request.spec.dryRun) {
        for (const Target &target : std::as_const(m_targets)) {
            report(target.relative, true, {});
            ++m_removed;
        }
        end();
        return;
    }
    if (!m_request.spec.deleteWithoutAsking &&
        !ask(m_targets.size(), m_request.spec.source.blob->display(), m_in, m_err)) {
        say(QStringLiteral("Nothing was removed."));
        m_targets.clear();
        end();
        return;
    }
    m_deletion = new azure::BlobDeletion(*m_service, m_request.spec.concurrency, this);
    connect(m_deletion, &azure::BlobDeletion::blobDone, this, &RemoveCommand::onDone);
    connect(m_deletion, &azure::BlobDeletion::finished, this, &RemoveCommand::end);
    for (const Target &target : std::as_const(m_targets)) {
        m_relative.insert(target.name, target.relative);
        m_deletion->add(target.name, target.etag);
    }
    m_targets.clear();
    m_deletion->start();
}

void RemoveCommand::onDone(const QString &name, azure::BlobDeletion::Result result,
                           const QString &error)
{
    const QString relative = m_relative.take(name);
    using Result = azure::BlobDeletion::Result;
    switch (result) {
    case Result::Deleted:
    case Result::Gone: // not there any more, as asked
        ++m_removed;
        report(relative, true, {});
        break;
    case Result::Changed:
        ++m_failed;
        report(relative, false,
               QStringLiteral("written since it was listed; kept (run the command again to "
                              "remove it as it is now)"));
        break;
    case Result::Failed:
        ++m_failed;
        report(relative, false, error);
        break;
    }
}

void RemoveCommand::end()
{
    const bool dryRun = m_request.spec.dryRun;
    if (m_request.jsonOutput) {
        printJson({{QStringLiteral("type"), QStringLiteral("summary")},
                   {QStringLiteral("removed"), m_removed},
                   {QStringLiteral("failed"), m_failed},
                   {QStringLiteral("dryRun"), dryRun}});
    } else {
        if (dryRun)
            print(QStringLiteral("Dry run: nothing was removed."));
        print(QStringLiteral("Remove summary:"));
        print(QStringLiteral("%1: %2")
                  .arg(dryRun ? QStringLiteral("Would remove") : QStringLiteral("Removed"))
                  .arg(m_removed));
        print(QStringLiteral("Failed: %1").arg(m_failed));
    }
    finish(m_failed > 0 ? 1 : patternStatus());
}

} // namespace blobferry::cli
