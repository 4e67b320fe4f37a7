// SPDX-License-Identifier: MIT
#include "ContentHash.h"

#include "SourceFile.h"

#include <QFile>

namespace blobferry::transfer {

bool hashRange(const QString &path, qint64 offset, qint64 length, Md5 *hash, Md5 *alsoFeed,
               QString *error)
{
    QFile file(path);
    QString why;
    if (!openSourceFile(file, QIODevice::Unbuffered, &why)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, why);
        return false;
    }
    if (!file.seek(offset)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    QByteArray buffer(std::min<qint64>(length, 1024 * 1024), Qt::Uninitialized);
    qint64 left = length;
    while (left > 0) {
        const qint64 n = file.read(buffer.data(), std::min<qint64>(left, buffer.size()));
        if (n <= 0) {
            *error = QStringLiteral("%1 became shorter while it was being read").arg(path);
            return false;
        }
        const QByteArrayView bytes(buffer.constData(), n);
        if (alsoFeed)
            Md5::addToBoth(*hash, *alsoFeed, bytes); // two hashes for the price of one
        else
            hash->addData(bytes);
        left -= n;
    }
    return true;
}

QByteArray md5OfRange(const QString &path, qint64 offset, qint64 length, QString *error)
{
    Md5 hash;
    if (!hashRange(path, offset, length, &hash, nullptr, error))
        return {};
    return hash.result();
}

} // namespace blobferry::transfer
