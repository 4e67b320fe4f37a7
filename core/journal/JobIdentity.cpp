// SPDX-License-Identifier: MIT
#include "JobIdentity.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace blobferry::journal {

QJsonObject JobIdentity::toJson() const
{
    return QJsonObject{{QStringLiteral("source"), source},
                       {QStringLiteral("destination"), destination},
                       {QStringLiteral("patterns"), QJsonArray::fromStringList(patterns)},
                       {QStringLiteral("recursive"), recursive},
                       {QStringLiteral("blockSize"), blockSize},
                       {QStringLiteral("blobType"), blobType}};
}

JobIdentity JobIdentity::fromJson(const QJsonObject &object)
{
    JobIdentity identity;
    identity.source = object.value(QStringLiteral("source")).toString();
    identity.destination = object.value(QStringLiteral("destination")).toString();
    for (const auto &value : object.value(QStringLiteral("patterns")).toArray())
        identity.patterns.append(value.toString());
    identity.recursive = object.value(QStringLiteral("recursive")).toBool();
    identity.blockSize = object.value(QStringLiteral("blockSize")).toInteger();
    identity.blobType = object.value(QStringLiteral("blobType")).toString();
    return identity;
}

QString JobIdentity::differenceFrom(const JobIdentity &other) const
{
    auto differs = [](const char *what, const QString &mine, const QString &theirs) {
        return QStringLiteral("its %1 is %2, not %3")
            .arg(QLatin1String(what), theirs.isEmpty() ? QStringLiteral("(none)") : theirs,
                 mine.isEmpty() ? QStringLiteral("(none)") : mine);
    };
    if (source != other.source)
        return differs("source", source, other.source);
    if (destination != other.destination)
        return differs("destination", destination, other.destination);
    if (patterns != other.patterns)
        return differs("pattern list", patterns.join(QLatin1Char(' ')),
                       other.patterns.join(QLatin1Char(' ')));
    if (recursive != other.recursive)
        return differs("recursive option", recursive ? QStringLiteral("/S") : QString(),
                       other.recursive ? QStringLiteral("/S") : QString());
    if (blockSize != other.blockSize)
        return differs("block size", QString::number(blockSize), QString::number(other.blockSize));
    if (blobType != other.blobType)
        return differs("blob type", blobType, other.blobType);
    return {};
}

QString JobIdentity::fileStem() const
{
    const QByteArray canonical = QJsonDocument(toJson()).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(
        QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex().left(16));
}

} // namespace blobferry::journal
