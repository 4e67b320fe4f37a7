// SPDX-License-Identifier: MIT
#pragma once

#include <QFile>
#include <QIODevice>

namespace blobferry::transfer {

// A read-only window [offset, offset + length) onto a file: the body of one Put Block,
// streamed from disk so no block is ever held whole in memory. With paddedLength > length the
// window reads on as zeros: a page blob's last page is zero-padded to 512 bytes.
class FileRangeDevice final : public QIODevice
{
    Q_OBJECT
public:
    FileRangeDevice(const QString &path, qint64 offset, qint64 length, qint64 paddedLength = -1,
                    QObject *parent = nullptr);

    bool open(OpenMode mode) override;
    void close() override;
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_padded; }
    bool seek(qint64 pos) override;
    bool atEnd() const override { return pos() >= m_padded; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    const QString m_path;
    QFile m_file;
    qint64 m_offset;
    qint64 m_length;
    qint64 m_padded;
};

} // namespace blobferry::transfer
