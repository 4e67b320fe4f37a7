// SPDX-License-Identifier: MIT
#include "SetTierCommand.h"

#include <QJsonObject>

namespace blobferry::cli {

SetTierCommand::SetTierCommand(const CliRequest &request, FILE *out, FILE *err)
    : BlobCommand(request, out, err)
{}

bool SetTierCommand::take(const QList<transfer::SourceItem> &items)
{
    for (const transfer::SourceItem &item : items) {
        if (m_request.spec.dryRun) {
            ++m_set;
            report(item.relativeName, QStringLiteral("would set"), {});
        } else {
            m_queue.enqueue({item.blob.name, item.relativeName});
        }
    }
    pump();
    return m_queue.size() <= m_request.spec.concurrency;
}

void SetTierCommand::listed()
{
    m_listed = true;
    pump();
}

void SetTierCommand::pump()
{
    while (m_inFlight < m_request.spec.concurrency && !m_queue.isEmpty())
        send(m_queue.dequeue());
    if (!m_listed) {
        if (m_queue.size() <= m_request.spec.concurrency)
            fetchMore();
        return;
    }
    if (m_inFlight > 0 || !m_queue.isEmpty() || m_ended)
        return;
    m_ended = true;
    const QString tier = QString::fromLatin1(m_request.tier);
    if (m_request.jsonOutput) {
        printJson({{QStringLiteral("type"), QStringLiteral("summary")},
                   {QStringLiteral("tier"), tier},
                   {QStringLiteral("set"), m_set},
                   {QStringLiteral("rehydrating"), m_rehydrating},
                   {QStringLiteral("failed"), m_failed},
                   {QStringLiteral("dryRun"), m_request.spec.dryRun}});
    } else {
        if (m_request.spec.dryRun)
            print(QStringLiteral("Dry run: no tier was changed."));
        print(QStringLiteral("Tier summary (%1):").arg(tier));
        print(QStringLiteral("%1: %2")
                  .arg(m_request.spec.dryRun ? QStringLiteral("Would set") : QStringLiteral("Set"))
                  .arg(m_set));
        print(QStringLiteral("Rehydrating: %1").arg(m_rehydrating));
        print(QStringLiteral("Failed: %1").arg(m_failed));
    }
    finish(m_failed > 0 ? 1 : patternStatus());
}

void SetTierCommand::send(const Target &target)
{
    ++m_inFlight;
    m_service->setTier(target.name, m_request.tier, m_request.rehydratePriority, this,
                       [this, relative = target.relative](const azure::CallOutcome &outcome) {
                           --m_inFlight;
                           if (!outcome.ok()) {
                               ++m_failed;
                               report(relative, QStringLiteral("failed"), outcome.error);
                           } else if (outcome.status == 202) { // leaving Archive: hours
                               ++m_rehydrating;
                               report(relative, QStringLiteral("rehydrating"), {});
                           } else {
                               ++m_set;
                               report(relative, QStringLiteral("set"), {});
                           }
                           pump();
                       });
}

void SetTierCommand::report(const QString &relative, const QString &state, const QString &reason)
{
    if (m_request.jsonOutput) {
        QJsonObject object{{QStringLiteral("type"), QStringLiteral("tier")},
                           {QStringLiteral("name"), relative},
                           {QStringLiteral("tier"), QString::fromLatin1(m_request.tier)},
                           {QStringLiteral("state"), state}};
        if (!reason.isEmpty())
            object.insert(QStringLiteral("reason"), reason);
        printJson(object);
    }
    const QString tier = QString::fromLatin1(m_request.tier);
    if (state == QLatin1String("failed"))
        say(QStringLiteral("Failed to set tier %1: %2: %3").arg(tier, relative, reason));
    else if (m_request.jsonOutput)
        return;
    else if (state == QLatin1String("would set"))
        print(QStringLiteral("Would set tier %1: %2").arg(tier, relative));
    else if (state == QLatin1String("rehydrating"))
        print(QStringLiteral("Rehydrating to %1: %2").arg(tier, relative));
    else if (m_request.verbose)
        print(QStringLiteral("Set tier %1: %2").arg(tier, relative));
}

} // namespace blobferry::cli
