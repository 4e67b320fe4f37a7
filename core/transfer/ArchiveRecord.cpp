// SPDX-License-Identifier: MIT
#include "ArchiveRecord.h"

#include "TransferSpec.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QSaveFile>

namespace blobferry::transfer {

namespace {

QString describe(const Endpoint &endpoint)
{
    // Without the query: a SAS is a secret, and a fresh one names the same place.
    return endpoint.isBlob() ? endpoint.blob->withSas({}).display() : endpoint.localPath;
}

} // namespace

QString ArchiveRecord::directory()
{
    QString base = QProcessEnvironment::systemEnvironment().value(QStringLiteral("XDG_STATE_HOME"));
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.local/state");
    return base + QStringLiteral("/blobferry/archive");
}

ArchiveRecord ArchiveRecord::load(const TransferSpec &spec, QString *error)
{
    ArchiveRecord record;
    record.m_skewMs = spec.clockSkewMs;
    record.m_blobSource = spec.source.isBlob();
    QStringList patterns = spec.patterns;
    patterns.sort();
    record.m_job = describe(spec.source) + QStringLiteral(" -> ") + describe(spec.destination) +
                   QStringLiteral(" [") + patterns.join(QLatin1Char(' ')) + QStringLiteral("]") +
                   (spec.recursive ? QStringLiteral(" /S") : QString());
    const QByteArray hash =
        QCryptographicHash::hash(record.m_job.toUtf8(), QCryptographicHash::Sha256).toHex();
    record.m_path = directory() + QLatin1Char('/') + QString::fromLatin1(hash.left(32)) +
                    QStringLiteral(".json");
    QFile file(record.m_path);
    if (!file.exists())
        return record;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the archive record %1: %2")
                     .arg(record.m_path, file.errorString());
        return record;
    }
    QJsonParseError parseError;
    const QJsonObject object = QJsonDocument::fromJson(file.readAll(), &parseError).object();
    const qint64 started =
        qint64(object.value(QStringLiteral("lastCompletedRunStartedMs")).toDouble(-1));
    if (parseError.error != QJsonParseError::NoError || started < 0) {
        *error = QStringLiteral("the archive record %1 is damaged; this run copies everything "
                                "and writes a new one")
                     .arg(record.m_path);
        return record;
    }
    record.m_lastRunMs = started;
    return record;
}

bool ArchiveRecord::changedSince(const SourceItem &item) const
{
    if (!m_lastRunMs)
        return true;
    if (m_blobSource) {
        const QDateTime changed =
            item.blob.lastModified.isValid() ? item.blob.lastModified : item.modified;
        return changed.toMSecsSinceEpoch() > *m_lastRunMs - m_skewMs;
    }
    if (item.folderMarker)
        return true;
    const QFileInfo info(item.localPath);
    const qint64 changed = std::max(info.lastModified().toMSecsSinceEpoch(),
                                    info.metadataChangeTime().toMSecsSinceEpoch());
    return changed >= *m_lastRunMs;
}

bool ArchiveRecord::save(qint64 startedMs, QString *error) const
{
    if (!QDir().mkpath(directory())) {
        *error = QStringLiteral("cannot create %1").arg(directory());
        return false;
    }
    QSaveFile file(m_path);
    const QJsonObject object{{QStringLiteral("job"), m_job},
                             {QStringLiteral("lastCompletedRunStartedMs"), double(startedMs)}};
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(object).toJson()) < 0 ||
        !file.commit()) {
        *error = QStringLiteral("cannot write the archive record %1: %2")
                     .arg(m_path, file.errorString());
        return false;
    }
    return true;
}

} // namespace blobferry::transfer
