// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>
#include <QTemporaryDir>

// A scratch directory with files of chosen sizes and pseudo-random content.
namespace blobferry::test {

class TestTree final
{
public:
    TestTree();

    QString path() const { return m_dir.path(); }
    QString filePath(const QString &relative) const;
    // Writes `size` bytes derived from the name (same name, same bytes), creating folders.
    void write(const QString &relative, qint64 size) const;
    void writeText(const QString &relative, const QByteArray &content) const;
    // Relative paths of every file below, sorted.
    QStringList files() const;

    static QByteArray contentFor(const QString &relative, qint64 size);

private:
    QTemporaryDir m_dir;
};

// Files present in one tree and not the other, or with different bytes; empty when equal.
QStringList treeDifferences(const QString &a, const QString &b);
QStringList filesUnder(const QString &root);

} // namespace blobferry::test
