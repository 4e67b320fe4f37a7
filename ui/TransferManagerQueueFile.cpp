// SPDX-License-Identifier: MIT
// TransferManager: the queue file (JSON), written a second after changes and read at start,
// so unfinished transfers come back paused after a quit or a crash. The rest is in
// TransferManager.cpp.
#include "TransferManager.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>
#include <algorithm>

namespace blobferry::ui {

using transfer::TransferState;

void TransferManager::saveQueue()
{
    // One pass over the rows (there may be 100,000): the jobs with something left to resume
    // or retry.
    QSet<int> kept;
    for (const QueueRow &row : m_queue->rows())
        if (TransferQueueModel::tabOf(row.state) != TransferQueueModel::Tab::Completed)
            kept.insert(row.job);
    QJsonArray jobs;
    for (const JobRecord &record : std::as_const(m_jobs)) {
        if (!kept.contains(record.id))
            continue;
        QJsonObject object;
        object.insert(QStringLiteral("id"), record.id);
        object.insert(QStringLiteral("direction"), record.direction == Direction::Upload
                                                       ? QStringLiteral("upload")
                                                       : QStringLiteral("download"));
        object.insert(QStringLiteral("account"), record.accountId);
        object.insert(QStringLiteral("container"), record.container);
        object.insert(QStringLiteral("blobPath"), record.blobPath);
        object.insert(QStringLiteral("localPath"), record.localPath);
        object.insert(QStringLiteral("onlyNames"), QJsonArray::fromStringList(record.onlyNames));
        object.insert(QStringLiteral("recursive"), record.recursive);
        object.insert(QStringLiteral("journal"), record.journalPath);
        object.insert(QStringLiteral("enumerated"), record.enumerated);
        object.insert(QStringLiteral("finished"), record.state == JobRecord::State::Finished);
        jobs.append(object);
    }
    QJsonArray rows;
    for (const QueueRow &row : m_queue->rows()) {
        if (TransferQueueModel::tabOf(row.state) == TransferQueueModel::Tab::Completed)
            continue;
        QJsonObject object;
        object.insert(QStringLiteral("job"), row.job);
        object.insert(QStringLiteral("name"), row.name);
        object.insert(QStringLiteral("size"), row.size);
        object.insert(QStringLiteral("done"), row.done);
        object.insert(QStringLiteral("state"), int(row.state));
        object.insert(QStringLiteral("status"), row.status);
        rows.append(object);
    }
    QJsonObject root;
    root.insert(QStringLiteral("jobs"), jobs);
    root.insert(QStringLiteral("rows"), rows);
    QDir().mkpath(QFileInfo(queueFile()).absolutePath());
    QSaveFile file(queueFile()); // all or nothing: a crash mid-write keeps the previous queue
    if (file.open(QIODevice::WriteOnly)) {
        file.write(QJsonDocument(root).toJson(QJsonDocument::Compact));
        if (!file.commit())
            Q_EMIT logLine(
                tr("Cannot save the queue to %1: %2").arg(queueFile(), file.errorString()));
    }
}

void TransferManager::restoreQueue()
{
    QFile file(queueFile());
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonArray jobs = root.value(QStringLiteral("jobs")).toArray();
    for (const QJsonValue &value : jobs) {
        const QJsonObject object = value.toObject();
        JobRecord record;
        record.id = object.value(QStringLiteral("id")).toInt();
        record.direction =
            object.value(QStringLiteral("direction")).toString() == QLatin1String("download")
                ? Direction::Download
                : Direction::Upload;
        record.accountId = object.value(QStringLiteral("account")).toString();
        record.container = object.value(QStringLiteral("container")).toString();
        record.blobPath = object.value(QStringLiteral("blobPath")).toString();
        record.localPath = object.value(QStringLiteral("localPath")).toString();
        for (const QJsonValue &name : object.value(QStringLiteral("onlyNames")).toArray())
            record.onlyNames.append(name.toString());
        record.recursive = object.value(QStringLiteral("recursive")).toBool();
        record.journalPath = object.value(QStringLiteral("journal")).toString();
        record.enumerated = object.value(QStringLiteral("enumerated")).toBool();
        record.state = object.value(QStringLiteral("finished")).toBool()
                           ? JobRecord::State::Finished
                           : JobRecord::State::Paused;
        if (record.id <= 0 || m_jobs.contains(record.id))
            continue;
        m_jobs.insert(record.id, record);
        m_nextId = std::max(m_nextId, record.id + 1);
    }
    QVector<QueueRow> rows;
    for (const QJsonValue &value : root.value(QStringLiteral("rows")).toArray()) {
        const QJsonObject object = value.toObject();
        QueueRow row;
        row.job = object.value(QStringLiteral("job")).toInt();
        const JobRecord *record = job(row.job);
        if (!record)
            continue;
        row.direction = record->direction;
        row.name = object.value(QStringLiteral("name")).toString();
        row.size = object.value(QStringLiteral("size")).toInteger();
        row.done = object.value(QStringLiteral("done")).toInteger();
        row.status = object.value(QStringLiteral("status")).toString();
        const auto state =
            TransferState(std::clamp(object.value(QStringLiteral("state")).toInt(), 0, 6));
        // Whatever was on its way when the program stopped waits for the user's resume.
        row.state = state == TransferState::Failed ? TransferState::Failed : TransferState::Paused;
        rows.append(row);
    }
    m_queue->restore(rows);
    if (!jobs.isEmpty())
        Q_EMIT logLine(tr("Restored %n unfinished file(s) from the last session, paused.", nullptr,
                          m_queue->count(TransferQueueModel::Tab::Queued)));
}

} // namespace blobferry::ui
