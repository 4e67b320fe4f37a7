// SPDX-License-Identifier: MIT
#include "BlobOpenCache.h"

#include "BlobFileFetch.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace blobferry::ui {

namespace {

QString hashed(const QString &text)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex().left(24));
}

// The blob's last segment as a file name of one segment: no separator, no "." or "..", no
// control character, not too long (the extension kept, which the desktop goes by).
QString safeFileName(const QString &blob)
{
    QString name = blob.section(QLatin1Char('/'), -1);
    for (QChar &c : name)
        if (c == QLatin1Char('\\') || c.unicode() < 0x20 || c == QChar(0x7f))
            c = QLatin1Char('_');
    if (name.isEmpty() || name == QLatin1String(".") || name == QLatin1String(".."))
        name = QStringLiteral("blob");
    if (name.size() > 120) {
        const QString suffix = QFileInfo(name).suffix().left(16);
        name = name.left(100) + (suffix.isEmpty() ? QString() : QLatin1Char('.') + suffix);
    }
    return name;
}

QString etagFile(const QString &path)
{
    return QFileInfo(path).dir().filePath(QStringLiteral(".etag"));
}

} // namespace

BlobOpenCache::BlobOpenCache(QString root)
    : m_root(std::move(root))
{}

QString BlobOpenCache::pathFor(const QString &accountId, const QString &container,
                               const QString &blob) const
{
    return QDir(m_root).filePath(hashed(accountId + QLatin1Char('\n') + container) +
                                 QLatin1Char('/') + hashed(blob) + QLatin1Char('/') +
                                 safeFileName(blob));
}

void BlobOpenCache::fetch(const azure::BlobService &service, const QString &accountId,
                          const QString &container, const QString &blob, QObject *context,
                          Done done) const
{
    const QString path = pathFor(accountId, container, blob);
    service.getDetails(
        blob, context,
        [service, blob, path, context, done = std::move(done)](const azure::CallOutcome &outcome,
                                                               const azure::BlobDetails &details) {
            if (!outcome.ok()) {
                done(path, outcome.error, false);
                return;
            }
            QFile recorded(etagFile(path));
            const QFileInfo copy(path);
            if (recorded.open(QIODevice::ReadOnly) && recorded.readAll() == details.etag &&
                copy.isFile() && copy.size() == details.size) {
                done(path, {}, true);
                return;
            }
            recorded.close();
            if (!QDir().mkpath(QFileInfo(path).path())) {
                done(path,
                     QCoreApplication::translate("BlobOpenCache", "cannot create the folder %1")
                         .arg(QFileInfo(path).path()),
                     false);
                return;
            }
            QFile::remove(etagFile(path)); // the copy no longer matches whatever it records
            fetchToFile(service, blob, {}, path, details.etag, context,
                        [path, etag = details.etag, done](const QString &error) {
                            if (error.isEmpty()) {
                                QSaveFile record(etagFile(path));
                                if (record.open(QIODevice::WriteOnly)) {
                                    record.write(etag);
                                    record.commit();
                                }
                            }
                            done(path, error, false);
                        });
        });
}

} // namespace blobferry::ui
