// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace blobferry::journal {

// What makes two runs "the same job", so a journal is only ever resumed by the job that wrote
// it. Holds no secret: blob locations are stored without their query (a SAS), so a fresh SAS
// on the re-run still resumes.
struct JobIdentity
{
    QString source;
    QString destination;
    QStringList patterns;
    bool recursive = false;
    qint64 blockSize = 0;
    QString blobType;

    QJsonObject toJson() const;
    static JobIdentity fromJson(const QJsonObject &object);
    // Empty when equal, otherwise which field differs and how, for the refusal message.
    QString differenceFrom(const JobIdentity &other) const;
    // A short stable name for the default journal file.
    QString fileStem() const;
};

} // namespace blobferry::journal
