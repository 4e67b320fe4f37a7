// SPDX-License-Identifier: MIT
#include "TestTree.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRandomGenerator>
#include <catch2/catch.hpp>

namespace blobferry::test {

TestTree::TestTree()
{
    REQUIRE(m_dir.isValid());
}

QString TestTree::filePath(const QString &relative) const
{
    return QDir(m_dir.path()).filePath(relative);
}

QByteArray TestTree::contentFor(const QString &relative, qint64 size)
{
    QRandomGenerator generator(qHash(relative) ^ quint32(size));
    QByteArray data(size, Qt::Uninitialized);
    auto *words = reinterpret_cast<quint32 *>(data.data());
    generator.fillRange(words, size / 4);
    for (qint64 i = size / 4 * 4; i < size; ++i)
        data[i] = char(generator.generate());
    return data;
}

void TestTree::write(const QString &relative, qint64 size) const
{
    writeText(relative, contentFor(relative, size));
}

void TestTree::writeText(const QString &relative, const QByteArray &content) const
{
    const QString path = filePath(relative);
    REQUIRE(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    REQUIRE(file.write(content) == content.size());
}

QStringList TestTree::files() const
{
    return filesUnder(m_dir.path());
}

QStringList filesUnder(const QString &root)
{
    QStringList out;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    const QDir base(root);
    while (it.hasNext())
        out.append(base.relativeFilePath(it.next()));
    out.sort();
    return out;
}

QStringList treeDifferences(const QString &a, const QString &b)
{
    QStringList differences;
    const QStringList left = filesUnder(a);
    const QStringList right = filesUnder(b);
    for (const QString &name : left) {
        if (!right.contains(name)) {
            differences.append(QStringLiteral("only in first: ") + name);
            continue;
        }
        QFile x(QDir(a).filePath(name));
        QFile y(QDir(b).filePath(name));
        if (!x.open(QIODevice::ReadOnly) || !y.open(QIODevice::ReadOnly)) {
            differences.append(QStringLiteral("unreadable: ") + name);
            continue;
        }
        while (!x.atEnd() || !y.atEnd()) {
            if (x.read(1 << 20) != y.read(1 << 20)) {
                differences.append(QStringLiteral("bytes differ: ") + name);
                break;
            }
        }
    }
    for (const QString &name : right)
        if (!left.contains(name))
            differences.append(QStringLiteral("only in second: ") + name);
    return differences;
}

} // namespace blobferry::test
