// SPDX-License-Identifier: MIT
// Random blob names from an alphabet of everything awkward, planned and written the way a
// download writes them (some complete at once, some still in flight while later names arrive):
// nothing may land outside the destination, every blob must have its own file, and reading the
// names back through the manifest must give the originals.
#include "transfer/DownloadTransfer.h"
#include "transfer/LocalNamePlanner.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using blobferry::transfer::DownloadTransfer;
using blobferry::transfer::LocalNamePlanner;
using blobferry::transfer::NameManifest;
using blobferry::transfer::NameMapper;
using blobferry::transfer::NameRules;

namespace {

constexpr int kNamesPerRun = 250;
constexpr int kMaxNameChars = 200; // keeps whole paths below PATH_MAX even when all are codes

QStringList alphabet()
{
    QStringList tokens;
    for (const char *ascii :
         {"/", "/",   "/",   ".",   ".",    "..", "\\", ":",    "*",   "?", "\"",
          "<", ">",   "|",   " ",   "a",    "b",  "A",  "B",    "%",   "(", ")",
          "~", "con", "CON", "nul", ".txt", "\t", "\n", "\x01", "\x1f"})
        tokens.append(QString::fromUtf8(ascii));
    tokens.append(QString(QChar(0)));
    tokens.append(QString::fromUtf8("\xc3\xa9"));         // é
    tokens.append(QString::fromUtf8("\xc3\x89"));         // É
    tokens.append(QString::fromUtf8("\xe6\x97\xa5"));     // 日
    tokens.append(QString::fromUtf8("\xf0\x9f\x98\x80")); // 😀, a surrogate pair
    tokens.append(QString::fromUtf8("\xef\xbc\x8e"));     // full-width dot
    tokens.append(QString::fromUtf8("\xef\xbf\xbd"));     // U+FFFD
    tokens.append(QString(QChar(0xD800)));                // lone surrogates
    tokens.append(QString(QChar(0xDFFF)));
    return tokens;
}

QString randomName(QRandomGenerator &random, const QStringList &tokens)
{
    QString name;
    const int count = 1 + int(random.bounded(12));
    for (int i = 0; i < count; ++i) {
        const QString &token = tokens.at(int(random.bounded(int(tokens.size()))));
        // Now and then a long run, to overflow a segment.
        name += random.bounded(10) == 0 ? token.repeated(50 + int(random.bounded(250))) : token;
    }
    return name.left(kMaxNameChars);
}

// File content that holds any QString exactly, lone surrogates included.
QByteArray contentOf(const QString &name)
{
    return QByteArray(reinterpret_cast<const char *>(name.utf16()),
                      name.size() * qsizetype(sizeof(char16_t)));
}

QString nameOf(const QByteArray &content)
{
    return QString(reinterpret_cast<const QChar *>(content.constData()),
                   content.size() / qsizetype(sizeof(char16_t)));
}

void writeFile(const QString &path, const QByteArray &content)
{
    REQUIRE(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    REQUIRE(file.write(content) == content.size());
}

QStringList entriesUnder(const QString &root)
{
    QStringList out;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        out.append(it.next().mid(root.size() + 1));
    return out;
}

void checkRandomNames(NameRules rules, bool caseInsensitive, quint32 seed)
{
    INFO("seed " << seed << " windows " << rules.windowsNames << " case-insensitive "
                 << caseInsensitive);
    QTemporaryDir parent;
    REQUIRE(parent.isValid());
    const QString root = QDir(parent.path()).filePath(QStringLiteral("dest"));
    REQUIRE(QDir().mkpath(root));
    const QString cleanRoot = QDir::cleanPath(root) + QLatin1Char('/');

    QRandomGenerator random(seed);
    const QStringList tokens = alphabet();
    LocalNamePlanner planner(root, NameMapper(rules), caseInsensitive);
    QSet<QString> seen;
    QStringList files;            // blob names planned as files
    QSet<QString> markers;        // blob names planned as folders
    QHash<int, QString> inFlight; // ticket -> blob name, still in its part file
    QHash<int, QString> partOf;   // ticket -> its part file
    while (seen.size() < kNamesPerRun) {
        const QString name = randomName(random, tokens);
        if (seen.contains(name)) // blob names are unique within a container
            continue;
        seen.insert(name);
        const qint64 size = random.bounded(2);
        const auto plan = planner.plan(name, size);
        INFO("blob name " << name.toStdString() << " -> " << plan.relativePath.toStdString());
        INFO("error: " << plan.error.toStdString());
        REQUIRE(plan.error.isEmpty());
        const QString absolute = planner.absolutePath(plan.relativePath);
        if (!plan.relativePath.isEmpty()) {
            CHECK(NameMapper::staysInside(plan.relativePath));
            CHECK(QDir::cleanPath(absolute).startsWith(cleanRoot));
        }
        if (plan.isDirectory) {
            markers.insert(name);
            REQUIRE(QDir().mkpath(absolute));
            continue;
        }
        files.append(name);
        // As a download does: the part file first, renamed to the (current) path at the end.
        const QString part = DownloadTransfer::partPath(absolute);
        writeFile(part, contentOf(name));
        if (random.bounded(3) == 0) {
            inFlight.insert(plan.ticket, name);
            partOf.insert(plan.ticket, part);
            continue;
        }
        REQUIRE(QFile::rename(part, absolute));
        planner.written(plan.ticket);
    }
    for (auto it = inFlight.cbegin(); it != inFlight.cend(); ++it) {
        const QString target = planner.absolutePath(planner.pathOf(it.key()));
        REQUIRE(QFile::rename(partOf.value(it.key()), target));
        planner.written(it.key());
    }

    // Nothing outside: the parent holds the destination and nothing else.
    CHECK(QDir(parent.path())
              .entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot) ==
          QStringList{QStringLiteral("dest")});

    QString error;
    REQUIRE(planner.manifest().save(root, &error));
    const NameManifest manifest = NameManifest::load(root, &error);
    REQUIRE(error.isEmpty());

    // Every file on disk reads back, through the manifest, as the blob it holds.
    QStringList restored;
    QSet<QString> folded;
    for (const QString &path : entriesUnder(root)) {
        if (QFileInfo(planner.absolutePath(path)).isDir() || path == NameManifest::fileName())
            continue;
        QFile file(planner.absolutePath(path));
        REQUIRE(file.open(QIODevice::ReadOnly));
        const QString original = nameOf(file.readAll());
        const QString recorded = manifest.blobNameOf(path);
        CHECK((recorded.isEmpty() ? path : recorded) == original);
        restored.append(original);
        folded.insert(caseInsensitive ? path.toCaseFolded() : path);
    }
    CHECK(folded.size() == restored.size()); // unique even where case does not count
    const QSet<QString> restoredFiles(restored.cbegin(), restored.cend());
    const QSet<QString> plannedFiles(files.cbegin(), files.cend());
    CHECK(restored.size() == files.size());
    CHECK((restoredFiles - plannedFiles).size() == 0);
    CHECK((plannedFiles - restoredFiles).size() == 0);

    QSet<QString> restoredMarkers;
    for (const QStringList &names : manifest.folders())
        for (const QString &name : names)
            restoredMarkers.insert(name);
    // Compared as counts of what differs: Catch cannot print sets of QStrings.
    CHECK((restoredMarkers - markers).size() == 0);
    CHECK((markers - restoredMarkers).size() == 0);
}

} // namespace

TEST_CASE("random names stay inside the destination and come back through the manifest",
          "[names][property]")
{
    const quint32 seed = QRandomGenerator::global()->generate();
    NameRules posix;
    NameRules windows;
    windows.windowsNames = true;
    checkRandomNames(posix, false, seed);
    checkRandomNames(posix, true, seed + 1);
    checkRandomNames(windows, false, seed + 2);
    checkRandomNames(windows, true, seed + 3);
}

TEST_CASE("random names with fixed seeds", "[names][property]")
{
    for (const quint32 seed : {1u, 20240601u}) {
        NameRules windows;
        windows.windowsNames = true;
        checkRandomNames(NameRules{}, seed % 2 == 0, seed);
        checkRandomNames(windows, seed % 2 == 1, seed);
    }
}
