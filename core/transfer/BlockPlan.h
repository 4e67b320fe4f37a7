// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace blobferry::transfer {

// How a file of a given size is cut for upload: one Put Blob, or equal blocks (the last
// shorter) with no more than 50,000 of them, each id of the same length.
class BlockPlan final
{
public:
    static constexpr int kMaxBlocks = 50'000;
    static constexpr qint64 kMaxBlockSize = 4000LL * 1024 * 1024;

    // preferredBlockSize is raised (to a whole MiB) when the file would need too many blocks.
    // Files no larger than one block go in a single Put Blob.
    BlockPlan(qint64 fileSize, qint64 preferredBlockSize);

    bool isSingleShot() const { return m_singleShot; }
    qint64 fileSize() const { return m_fileSize; }
    qint64 blockSize() const { return m_blockSize; }
    int blockCount() const { return m_blockCount; }
    qint64 offsetOf(int index) const { return qint64(index) * m_blockSize; }
    qint64 lengthOf(int index) const;
    // False when the file is larger than 50,000 × 4000 MiB.
    bool isPossible() const { return m_possible; }

    // base64 of "<tag>-<index, 6 digits>": equal length for every block of a blob. The tag
    // ties the ids to one version of the file, so blocks left over from another are not reused.
    static QByteArray blockId(const QByteArray &tag, int index);

private:
    qint64 m_fileSize;
    qint64 m_blockSize;
    int m_blockCount = 0;
    bool m_singleShot = false;
    bool m_possible = true;
};

} // namespace blobferry::transfer
