// SPDX-License-Identifier: MIT
// LocalNamePlanner in an ordered listing forgets the names of directories the listing has left,
// and the names it has passed inside a directory.
// These tests hold it to the planner that keeps everything: the same plan for every blob of
// random sorted listings full of names that meet (translations, "(n)", a beside a/b, empty
// segments, files that were there before, files written and moved on disk), the same manifest,
// and far fewer names held.
#include "transfer/LocalNamePlanner.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <algorithm>
#include <catch2/catch.hpp>

using blobferry::transfer::LocalNamePlanner;
using blobferry::transfer::NameManifest;
using blobferry::transfer::NameMapper;

namespace {

// Joined, not QString::arg: the names hold '%'.
QString describe(const LocalNamePlanner::Plan &plan)
{
    QString text = QStringLiteral("ticket=") + QString::number(plan.ticket) +
                   QStringLiteral(" path=[") + plan.relativePath + QStringLiteral("] dir=") +
                   QString::number(plan.isDirectory) + QStringLiteral(" renamed=") +
                   QString::number(plan.renamed) + QStringLiteral(" error=[") + plan.error +
                   QStringLiteral("]");
    for (const auto &relocation : plan.relocations)
        text += QStringLiteral(" moved ") + QString::number(relocation.ticket) +
                QStringLiteral(" [") + relocation.blobName + QStringLiteral("] ") +
                relocation.from + QStringLiteral(" -> ") + relocation.to +
                QStringLiteral(" first=") + QString::number(relocation.firstRename);
    return text;
}

QString describe(const NameManifest &manifest)
{
    QStringList lines;
    for (auto it = manifest.files().cbegin(); it != manifest.files().cend(); ++it)
        lines << QStringLiteral("file ") + it.key() + QStringLiteral(" <- ") + it.value();
    for (auto it = manifest.folders().cbegin(); it != manifest.folders().cend(); ++it)
        lines << QStringLiteral("folder ") + it.key() + QStringLiteral(" <- ") +
                     it.value().join(u',');
    lines.sort();
    return lines.join(u'\n');
}

// A planner with its own destination, and what the engine would do with its plans.
struct Side
{
    QTemporaryDir dir;
    LocalNamePlanner planner;
    QHash<int, QString> inFlight; // ticket -> relative path

    explicit Side(bool ordered)
        : planner(dir.path(), NameMapper(), false)
    {
        planner.setOrderedListing(ordered);
    }
    LocalNamePlanner::Plan plan(const QString &name, qint64 size)
    {
        LocalNamePlanner::Plan plan = planner.plan(name, size);
        for (const auto &relocation : plan.relocations)
            if (inFlight.contains(relocation.ticket))
                inFlight[relocation.ticket] = relocation.to;
        if (plan.isDirectory && plan.error.isEmpty())
            QDir().mkpath(planner.absolutePath(plan.relativePath));
        if (plan.ticket >= 0)
            inFlight.insert(plan.ticket, plan.relativePath);
        return plan;
    }
    // The download of this ticket ends: written (the file appears) or failed.
    void finish(int ticket, bool written)
    {
        const QString path = planner.absolutePath(inFlight.take(ticket));
        QFile file(path);
        if (written && QDir().mkpath(QFileInfo(path).absolutePath()) &&
            file.open(QIODevice::WriteOnly)) {
            file.close();
            planner.written(ticket);
        } else {
            planner.abandoned(ticket);
        }
    }
};

QString randomName(QRandomGenerator &random)
{
    static const QStringList segments{
        QStringLiteral("a"),     QStringLiteral("b"),      QStringLiteral("B"),
        QStringLiteral("a.txt"), QStringLiteral("a(1)"),   QStringLiteral("a(1).txt"),
        QStringLiteral("a(2)"),  QStringLiteral("."),      QStringLiteral(".."),
        QStringLiteral("dot"),   QStringLiteral("a%2F"),   QStringLiteral("-x"),
        QStringLiteral("x-"),    QStringLiteral(" "),      QStringLiteral("a.bfpart"),
        QStringLiteral(""),      QString::fromUtf8("é"),   QStringLiteral(".blobferry-names.json"),
        QStringLiteral("a~1"),   QStringLiteral("dotdot"), QString(QChar(0xFFFD)),
        QStringLiteral("a0"),    QStringLiteral("a-b"),    QStringLiteral("ab"),
        QStringLiteral("b.txt"), QStringLiteral("/"),      QString::fromUtf8("\xF0\x9F\x93\xB7")};
    QStringList parts;
    const int depth = 1 + int(random.bounded(4));
    for (int i = 0; i < depth; ++i)
        parts << segments.at(int(random.bounded(int(segments.size()))));
    QString name = parts.join(u'/');
    if (random.bounded(8) == 0)
        name += u'/';
    return name;
}

} // namespace

TEST_CASE("an ordered listing gets the same names while the planner forgets left directories",
          "[planner]")
{
    qsizetype released = 0;
    for (quint32 seed = 1; seed <= 50; ++seed) {
        QRandomGenerator random(seed);
        QStringList names;
        const int count = 20 + int(random.bounded(60));
        for (int i = 0; i < count; ++i)
            names << randomName(random);
        names.removeDuplicates();
        names.removeAll(QString());
        if (seed % 2) {
            std::sort(names.begin(), names.end()); // UTF-16 order, as Azurite lists them
        } else {
            // UTF-8 byte order, as Azure Storage lists them (they differ from U+D800 up).
            std::sort(names.begin(), names.end(),
                      [](const QString &a, const QString &b) { return a.toUtf8() < b.toUtf8(); });
        }

        Side all(false);
        Side ordered(true);
        // Files that were in the destination before: names around them get "(n)".
        const int before = int(random.bounded(8));
        for (int i = 0; i < before; ++i) {
            const QString name = randomName(random);
            for (Side *side : {&all, &ordered}) {
                const QString path = side->dir.path() + u'/' + name;
                QFile file(path);
                if (!name.endsWith(u'/') && QDir().mkpath(QFileInfo(path).absolutePath()) &&
                    file.open(QIODevice::WriteOnly))
                    file.close();
            }
        }
        QList<int> tickets;
        for (const QString &name : std::as_const(names)) {
            const qint64 size = name.endsWith(u'/') && random.bounded(2) ? 1 : 0;
            const QString expected = describe(all.plan(name, size));
            const QString got = describe(ordered.plan(name, size));
            INFO("seed " << seed << " name [" << name.toStdString() << "]");
            REQUIRE(got.toStdString() == expected.toStdString());
            // Some downloads end at once, others stay in flight for a while.
            const auto keys = all.inFlight.keys();
            for (const int ticket : keys) {
                const quint32 roll = random.bounded(4);
                if (roll == 0) {
                    all.finish(ticket, true);
                    ordered.finish(ticket, true);
                } else if (roll == 1) {
                    all.finish(ticket, false);
                    ordered.finish(ticket, false);
                }
            }
        }
        INFO("seed " << seed);
        CHECK(describe(ordered.planner.manifest()).toStdString() ==
              describe(all.planner.manifest()).toStdString());
        CHECK(ordered.planner.heldNames() <= all.planner.heldNames());
        released += all.planner.heldNames() - ordered.planner.heldNames();
    }
    CHECK(released > 0); // the listings did leave directories the planner could forget
}

TEST_CASE("an ordered listing of many folders holds the names of the open ones only", "[planner]")
{
    QTemporaryDir dir;
    LocalNamePlanner planner(dir.path(), NameMapper(), false);
    planner.setOrderedListing(true);
    qsizetype most = 0;
    for (int folder = 0; folder < 100; ++folder) {
        for (int file = 0; file < 20; ++file) {
            const QString name = QStringLiteral("top/f%1/sub/file%2.txt")
                                     .arg(folder, 3, 10, QLatin1Char('0'))
                                     .arg(file, 2, 10, QLatin1Char('0'));
            const LocalNamePlanner::Plan plan = planner.plan(name, 1);
            REQUIRE(plan.error.isEmpty());
            REQUIRE(plan.relativePath == name);
            planner.written(plan.ticket);
            most = std::max(most, planner.heldNames());
        }
    }
    // The manifest file, top/, the open f*/sub/ and one file with its part file and ticket:
    // the folders and files the listing passed are forgotten, not only the folders it left.
    INFO("most names held: " << most);
    CHECK(most <= 10);

    // The same listing unordered holds every name of the job.
    QTemporaryDir other;
    LocalNamePlanner keeping(other.path(), NameMapper(), false);
    for (int folder = 0; folder < 100; ++folder)
        for (int file = 0; file < 20; ++file)
            keeping.plan(QStringLiteral("top/f%1/sub/file%2.txt")
                             .arg(folder, 3, 10, QLatin1Char('0'))
                             .arg(file),
                         1);
    CHECK(keeping.heldNames() > 4000);

    // Out of order (never from the service): refused rather than given a name that may be taken.
    const LocalNamePlanner::Plan late = planner.plan(QStringLiteral("top/f005/sub/file01.txt"), 1);
    CHECK(late.error.contains(QLatin1String("out of name order")));
    CHECK(late.ticket < 0);
}

TEST_CASE("an ordered listing of one flat folder holds the names in flight only", "[planner]")
{
    // 5,000 blobs at the top and 5,000 in one folder, each download taking a while (the engine
    // keeps 16 in flight): the names held follow what is in flight, not the folder's size.
    for (const QString &folder : {QString(), QStringLiteral("photos/2026/")}) {
        INFO("folder [" << folder.toStdString() << "]");
        QTemporaryDir dir;
        LocalNamePlanner planner(dir.path(), NameMapper(), false);
        planner.setOrderedListing(true);
        QList<int> inFlight;
        qsizetype most = 0;
        for (int file = 0; file < 5000; ++file) {
            // "IMG_0001.CR3" with its sidecar "IMG_0001.CR3.xmp" right after it.
            const QString name =
                folder + QStringLiteral("IMG_%1.CR3").arg(file / 2, 5, 10, QLatin1Char('0')) +
                (file % 2 ? QStringLiteral(".xmp") : QString());
            const LocalNamePlanner::Plan plan = planner.plan(name, 1);
            REQUIRE(plan.error.isEmpty());
            REQUIRE(plan.relativePath == name);
            REQUIRE(!plan.renamed);
            inFlight.append(plan.ticket);
            if (inFlight.size() == 16)
                planner.written(inFlight.takeFirst());
            most = std::max(most, planner.heldNames());
        }
        // The manifest file, the folders, each file in flight with its part file and ticket.
        CHECK(most < 100);
        // Out of order (never from the service): refused rather than given a name that may be
        // taken.
        const LocalNamePlanner::Plan late =
            planner.plan(folder + QStringLiteral("IMG_00001.CR3"), 1);
        CHECK(late.error.contains(QLatin1String("out of name order")));
        CHECK(late.ticket < 0);
    }
}

TEST_CASE("names inside a folder's listing that land outside it do not close it", "[planner]")
{
    // "x//" with bytes is the file x%2F at the top, but it is listed among x/'s names;
    // "x//b/1" lands in x/b though listed before x/a/. Both must leave x/ and x/b/ open.
    const QList<QPair<QString, qint64>> listing{
        {QStringLiteral("x/ /1"), 1}, {QStringLiteral("x//"), 1},  {QStringLiteral("x//b/1"), 1},
        {QStringLiteral("x/a/1"), 1}, {QStringLiteral("x/b/"), 0}, {QStringLiteral("x/b/2"), 1},
        {QStringLiteral("x/b/3"), 1}, {QStringLiteral("y/1"), 1}};
    Side all(false);
    Side ordered(true);
    for (const auto &[name, size] : listing) {
        INFO(name.toStdString());
        const LocalNamePlanner::Plan expected = all.plan(name, size);
        CHECK(expected.error.isEmpty());
        CHECK(describe(ordered.plan(name, size)).toStdString() == describe(expected).toStdString());
    }
}
