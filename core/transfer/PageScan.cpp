// SPDX-License-Identifier: MIT
#include "PageScan.h"

#include "SourceFile.h"

#include <QFile>
#include <cstring>

namespace blobferry::transfer {

bool PageScan::isDiskImage(const QString &fileName)
{
    return fileName.endsWith(QLatin1String(".vhd"), Qt::CaseInsensitive) ||
           fileName.endsWith(QLatin1String(".vhdx"), Qt::CaseInsensitive);
}

std::optional<PageScan::Span> PageScan::nonZeroSpan(const QString &path, qint64 offset,
                                                    qint64 fileBytes, qint64 length, QString *error)
{
    static const char zeros[kPage] = {};
    constexpr qint64 kChunk = 1024 * kPage; // 512 KiB, whole pages
    QFile file(path);
    QString why;
    if (!openSourceFile(file, QIODevice::ReadOnly, &why)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, why);
        return std::nullopt;
    }
    if (!file.seek(offset)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    Span span;
    bool found = false;
    QByteArray buffer;
    for (qint64 at = 0; at < fileBytes; at += kChunk) {
        const qint64 want = std::min(kChunk, fileBytes - at);
        buffer = file.read(want);
        if (buffer.size() != want) {
            *error = QStringLiteral("cannot read %1: %2")
                         .arg(path, file.error() != QFileDevice::NoError
                                        ? file.errorString()
                                        : QStringLiteral("the file became shorter"));
            return std::nullopt;
        }
        for (qint64 page = 0; page < want; page += kPage) {
            const qint64 size = std::min(kPage, want - page);
            if (std::memcmp(buffer.constData() + page, zeros, size_t(size)) == 0)
                continue;
            if (!found) {
                span.begin = at + page;
                found = true;
            }
            span.end = std::min(length, at + page + kPage);
        }
    }
    if (!found)
        span = Span{};
    return span;
}

} // namespace blobferry::transfer
