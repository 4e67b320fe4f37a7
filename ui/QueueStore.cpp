// SPDX-License-Identifier: MIT
#include "QueueStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>
#include <algorithm>

namespace blobferry::ui {

using transfer::TransferState;

namespace {

QString directionName(Direction direction)
{
    switch (direction) {
    case Direction::Upload:
        break;
    case Direction::Download:
        return QStringLiteral("download");
    case Direction::Copy:
        return QStringLiteral("copy");
    case Direction::Move:
        return QStringLiteral("move");
    }
    return QStringLiteral("upload");
}

Direction directionFrom(const QJsonValue &value)
{
    const QString name = value.toString();
    if (name == QLatin1String("download"))
        return Direction::Download;
    if (name == QLatin1String("copy"))
        return Direction::Copy;
    if (name == QLatin1String("move"))
        return Direction::Move;
    return Direction::Upload;
}

// {"all": "overwrite-all", "files": {"dir/a.txt": "skip", …}}; absent when nothing was asked.
QJsonObject answersToJson(const transfer::ConflictAnswers &answers)
{
    using transfer::ConflictAnswers;
    QJsonObject files;
    for (auto it = answers.perFile().cbegin(); it != answers.perFile().cend(); ++it)
        files.insert(it.key(), ConflictAnswers::name(it.value()));
    QJsonObject object;
    if (const auto forAll = answers.forAll())
        object.insert(QStringLiteral("all"), ConflictAnswers::name(*forAll));
    if (!files.isEmpty())
        object.insert(QStringLiteral("files"), files);
    return object;
}

// What it cannot read (a name from a later version) it leaves out: that file is asked again.
transfer::ConflictAnswers answersFromJson(const QJsonObject &object)
{
    using transfer::ConflictAnswers;
    ConflictAnswers answers;
    if (const auto forAll =
            ConflictAnswers::fromName(object.value(QStringLiteral("all")).toString()))
        answers.setForAll(*forAll);
    const QJsonObject files = object.value(QStringLiteral("files")).toObject();
    for (auto it = files.constBegin(); it != files.constEnd(); ++it)
        if (const auto answer = ConflictAnswers::fromName(it.value().toString()))
            answers.setPerFile(it.key(), *answer);
    return answers;
}

QJsonObject jobToJson(const JobRecord &record)
{
    QJsonObject object;
    object.insert(QStringLiteral("id"), record.id);
    object.insert(QStringLiteral("direction"), directionName(record.direction));
    object.insert(QStringLiteral("account"), record.accountId);
    object.insert(QStringLiteral("container"), record.container);
    object.insert(QStringLiteral("blobPath"), record.blobPath);
    object.insert(QStringLiteral("localPath"), record.localPath);
    if (record.isServerCopy()) { // the source account is named; its secrets stay in the keychain
        object.insert(QStringLiteral("sourceAccount"), record.sourceAccountId);
        object.insert(QStringLiteral("sourceContainer"), record.sourceContainer);
        object.insert(QStringLiteral("sourceBlobPath"), record.sourceBlobPath);
        if (!record.renameTo.isEmpty())
            object.insert(QStringLiteral("renameTo"), record.renameTo);
    }
    object.insert(QStringLiteral("onlyNames"), QJsonArray::fromStringList(record.onlyNames));
    if (!record.heldNames.isEmpty()) // files paused one by one: still held after a restart
        object.insert(QStringLiteral("held"), QJsonArray::fromStringList(record.heldNames));
    object.insert(QStringLiteral("recursive"), record.recursive);
    object.insert(QStringLiteral("journal"), record.journalPath);
    object.insert(QStringLiteral("enumerated"), record.enumerated);
    object.insert(QStringLiteral("finished"), record.state == JobRecord::State::Finished);
    if (!record.answers.isEmpty())
        object.insert(QStringLiteral("answers"), answersToJson(record.answers));
    return object;
}

JobRecord jobFromJson(const QJsonObject &object)
{
    JobRecord record;
    record.id = object.value(QStringLiteral("id")).toInt();
    record.direction = directionFrom(object.value(QStringLiteral("direction")));
    record.accountId = object.value(QStringLiteral("account")).toString();
    record.container = object.value(QStringLiteral("container")).toString();
    record.blobPath = object.value(QStringLiteral("blobPath")).toString();
    record.localPath = object.value(QStringLiteral("localPath")).toString();
    record.sourceAccountId = object.value(QStringLiteral("sourceAccount")).toString();
    record.sourceContainer = object.value(QStringLiteral("sourceContainer")).toString();
    record.sourceBlobPath = object.value(QStringLiteral("sourceBlobPath")).toString();
    record.renameTo = object.value(QStringLiteral("renameTo")).toString();
    for (const QJsonValue &name : object.value(QStringLiteral("onlyNames")).toArray())
        record.onlyNames.append(name.toString());
    // Absent in a queue file of an earlier version: nothing held.
    for (const QJsonValue &name : object.value(QStringLiteral("held")).toArray())
        record.heldNames.append(name.toString());
    record.recursive = object.value(QStringLiteral("recursive")).toBool();
    record.journalPath = object.value(QStringLiteral("journal")).toString();
    record.enumerated = object.value(QStringLiteral("enumerated")).toBool();
    record.answers = answersFromJson(object.value(QStringLiteral("answers")).toObject());
    record.state = object.value(QStringLiteral("finished")).toBool() ? JobRecord::State::Finished
                                                                     : JobRecord::State::Paused;
    return record;
}

QJsonObject rowToJson(const QueueRow &row)
{
    QJsonObject object;
    object.insert(QStringLiteral("job"), row.job);
    object.insert(QStringLiteral("name"), row.name);
    object.insert(QStringLiteral("size"), row.size);
    object.insert(QStringLiteral("done"), row.done);
    object.insert(QStringLiteral("state"), int(row.state));
    object.insert(QStringLiteral("status"), row.status);
    if (row.endedMs > 0)
        object.insert(QStringLiteral("ended"), row.endedMs);
    return object;
}

QJsonObject placesToJson(int job, const JobPlaces &places)
{
    QJsonObject object;
    object.insert(QStringLiteral("job"), job);
    object.insert(QStringLiteral("direction"), directionName(places.direction));
    object.insert(QStringLiteral("source"), places.source);
    object.insert(QStringLiteral("destination"), places.destination);
    return object;
}

} // namespace

QueueStore::QueueStore(QString path)
    : m_path(std::move(path))
{}

bool QueueStore::save(const QList<JobRecord> &jobs, const QVector<QueueRow> &rows, QString *error,
                      const QHash<int, JobPlaces> &places) const
{
    QJsonArray jobArray;
    for (const JobRecord &record : jobs)
        jobArray.append(jobToJson(record));
    const auto finished = std::count_if(rows.cbegin(), rows.cend(), [](const QueueRow &row) {
        return TransferQueueModel::isFinal(row.state);
    });
    qsizetype dropFinished = std::max<qsizetype>(0, finished - kMaxFinishedRows); // the oldest
    QJsonArray rowArray;
    QSet<int> placed; // jobs of finished rows, whose places are written
    for (const QueueRow &row : rows) {
        if (TransferQueueModel::isFinal(row.state)) {
            if (dropFinished > 0) {
                --dropFinished;
                continue;
            }
            placed.insert(row.job);
        }
        rowArray.append(rowToJson(row));
    }
    QJsonArray placeArray;
    for (int job : std::as_const(placed))
        if (places.contains(job))
            placeArray.append(placesToJson(job, places.value(job)));
    QJsonObject root;
    root.insert(QStringLiteral("jobs"), jobArray);
    root.insert(QStringLiteral("rows"), rowArray);
    root.insert(QStringLiteral("places"), placeArray);
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path); // all or nothing: a crash mid-write keeps the previous queue
    if (file.open(QIODevice::WriteOnly)) {
        file.write(QJsonDocument(root).toJson(QJsonDocument::Compact));
        if (file.commit())
            return true;
    }
    *error = file.errorString();
    return false;
}

QueueStore::Contents QueueStore::load() const
{
    Contents contents;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return contents;
    QJsonParseError parse;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parse);
    file.close();
    if (parse.error != QJsonParseError::NoError || !document.isObject()) {
        contents.problem = parse.error != QJsonParseError::NoError
                               ? parse.errorString()
                               : QStringLiteral("not a JSON object");
        contents.keptAside = keepAside(&contents.problem);
        return contents;
    }
    const QJsonObject root = document.object();
    QHash<int, Direction> directions; // of the jobs read, by id
    for (const QJsonValue &value : root.value(QStringLiteral("jobs")).toArray()) {
        const JobRecord record = jobFromJson(value.toObject());
        if (record.id <= 0 || directions.contains(record.id))
            continue;
        directions.insert(record.id, record.direction);
        contents.jobs.append(record);
    }
    for (const QJsonValue &value : root.value(QStringLiteral("places")).toArray()) {
        const QJsonObject object = value.toObject();
        JobPlaces places;
        places.direction = directionFrom(object.value(QStringLiteral("direction")));
        places.source = object.value(QStringLiteral("source")).toString();
        places.destination = object.value(QStringLiteral("destination")).toString();
        contents.places.insert(object.value(QStringLiteral("job")).toInt(), places);
    }
    for (const QJsonValue &value : root.value(QStringLiteral("rows")).toArray()) {
        const QJsonObject object = value.toObject();
        QueueRow row;
        row.job = object.value(QStringLiteral("job")).toInt();
        const auto state =
            TransferState(std::clamp(object.value(QStringLiteral("state")).toInt(), 0, 6));
        const bool finished = TransferQueueModel::isFinal(state);
        // Unfinished rows need their job to resume; history needs only where it went.
        if (const auto direction = directions.constFind(row.job); direction != directions.cend())
            row.direction = *direction;
        else if (const auto places = contents.places.constFind(row.job);
                 finished && places != contents.places.cend())
            row.direction = places->direction;
        else
            continue;
        row.name = object.value(QStringLiteral("name")).toString();
        row.size = object.value(QStringLiteral("size")).toInteger();
        row.done = object.value(QStringLiteral("done")).toInteger();
        row.status = object.value(QStringLiteral("status")).toString();
        row.endedMs = object.value(QStringLiteral("ended")).toInteger();
        // Whatever was on its way when the program stopped waits for the user's resume.
        row.state = finished ? state : TransferState::Paused;
        contents.rows.append(row);
    }
    return contents;
}

QString QueueStore::keepAside(QString *problem) const
{
    QString aside = m_path + QStringLiteral(".damaged");
    for (int n = 2; QFileInfo::exists(aside); ++n)
        aside = m_path + QStringLiteral(".damaged-%1").arg(n);
    if (QFile::rename(m_path, aside))
        return aside;
    *problem += QStringLiteral("; it could not be renamed to %1, and stays").arg(aside);
    return {};
}

} // namespace blobferry::ui
