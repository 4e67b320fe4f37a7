// SPDX-License-Identifier: MIT
#include "FileRangeDevice.h"

#include "SourceFile.h"

#include <cstring>

namespace blobferry::transfer {

FileRangeDevice::FileRangeDevice(const QString &path, qint64 offset, qint64 length,
                                 qint64 paddedLength, QObject *parent)
    : QIODevice(parent)
    , m_path(path)
    , m_file(path)
    , m_offset(offset)
    , m_length(length)
    , m_padded(std::max(length, paddedLength))
{}

bool FileRangeDevice::open(OpenMode mode)
{
    QString why = QStringLiteral("a request body is read-only");
    if ((mode & WriteOnly) || !openSourceFile(m_file, QIODevice::Unbuffered, &why)) {
        setErrorString(QStringLiteral("cannot read %1: %2").arg(m_path, why));
        return false;
    }
    if (m_file.size() < m_offset + m_length) {
        setErrorString(QStringLiteral("%1 became shorter while it was being sent").arg(m_path));
        m_file.close();
        return false;
    }
    // Unbuffered: QIODevice's own buffer would copy every byte once more.
    return QIODevice::open(mode | QIODevice::Unbuffered) && seek(0);
}

void FileRangeDevice::close()
{
    m_file.close();
    QIODevice::close();
}

bool FileRangeDevice::seek(qint64 pos)
{
    if (pos < 0 || pos > m_padded)
        return false;
    return QIODevice::seek(pos) && m_file.seek(m_offset + std::min(pos, m_length));
}

qint64 FileRangeDevice::readData(char *data, qint64 maxSize)
{
    if (pos() >= m_padded)
        return -1;
    const qint64 left = m_length - pos();
    if (left > 0)
        return m_file.read(data, std::min(maxSize, left));
    const qint64 zeros = std::min(maxSize, m_padded - pos());
    std::memset(data, 0, size_t(zeros));
    return zeros;
}

} // namespace blobferry::transfer
