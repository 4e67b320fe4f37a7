// SPDX-License-Identifier: MIT
#include "BlockPlan.h"

#include <algorithm>

namespace blobferry::transfer {

namespace {
constexpr qint64 kMiB = 1024 * 1024;
}

BlockPlan::BlockPlan(qint64 fileSize, qint64 preferredBlockSize)
    : m_fileSize(std::max<qint64>(0, fileSize))
    , m_blockSize(std::clamp<qint64>(preferredBlockSize, 1, kMaxBlockSize))
{
    if (m_fileSize <= m_blockSize) {
        m_singleShot = true;
        m_blockCount = m_fileSize > 0 ? 1 : 0;
        return;
    }
    const qint64 needed = (m_fileSize + kMaxBlocks - 1) / kMaxBlocks;
    if (needed > m_blockSize)
        m_blockSize = std::min(kMaxBlockSize, (needed + kMiB - 1) / kMiB * kMiB);
    m_possible = (m_fileSize + m_blockSize - 1) / m_blockSize <= kMaxBlocks;
    m_blockCount = int(std::min<qint64>(kMaxBlocks, (m_fileSize + m_blockSize - 1) / m_blockSize));
}

qint64 BlockPlan::lengthOf(int index) const
{
    return std::min(m_blockSize, m_fileSize - offsetOf(index));
}

QByteArray BlockPlan::blockId(const QByteArray &tag, int index)
{
    return (tag + '-' + QByteArray::number(index).rightJustified(6, '0')).toBase64();
}

} // namespace blobferry::transfer
