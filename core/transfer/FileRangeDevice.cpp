// SPDX-License-Identifier: MIT
#include "FileRangeDevice.h"

namespace blobferry::transfer {

FileRangeDevice::FileRangeDevice(const QString &path, qint64 offset, qint64 length, QObject *parent)
    : QIODevice(parent)
    , m_file(path)
    , m_offset(offset)
    , m_length(length)
{}

bool FileRangeDevice::open(OpenMode mode)
{
    if ((mode & WriteOnly) || !m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        setErrorString(
            QStringLiteral("cannot read %1: %2").arg(m_file.fileName(), m_file.errorString()));
        return false;
    }
    if (m_file.size() < m_offset + m_length) {
        setErrorString(
            QStringLiteral("%1 became shorter while it was being sent").arg(m_file.fileName()));
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
    if (pos < 0 || pos > m_length)
        return false;
    return QIODevice::seek(pos) && m_file.seek(m_offset + pos);
}

qint64 FileRangeDevice::readData(char *data, qint64 maxSize)
{
    const qint64 left = m_length - pos();
    if (left <= 0)
        return -1;
    return m_file.read(data, std::min(maxSize, left));
}

} // namespace blobferry::transfer
