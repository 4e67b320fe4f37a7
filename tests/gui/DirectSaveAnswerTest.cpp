// SPDX-License-Identifier: MIT
// What the window answers a file manager that took a drag out as a direct save, for each place
// the file manager can name: saved ("S") into the right local folder, or refused so that
// nothing is written where the user did not drop.
#include "DirectSaveMimeData.h"

#include <QDir>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QUrl>
#include <catch2/catch.hpp>

using namespace blobferry::ui;

namespace {

struct Saves
{
    QStringList directories;
    bool accept = true;
    DirectSaveMimeData::SaveInto saveInto()
    {
        return [this](const QString &directory) {
            directories.append(directory);
            return accept;
        };
    }
};

} // namespace

TEST_CASE("direct save: a file URI in an existing local folder saves into that folder")
{
    QTemporaryDir root;
    REQUIRE(QDir(root.path()).mkpath(QStringLiteral("my files ü")));
    const QString folder = root.filePath(QStringLiteral("my files ü"));
    Saves saves;
    // As pcmanfm writes it: escaped, with the terminating zero stripped by the reader.
    const QByteArray uri = QUrl::fromLocalFile(folder + QStringLiteral("/a b.txt")).toEncoded();
    REQUIRE(uri.contains("%20"));
    CHECK(directSaveAnswer(uri, saves.saveInto()) == "S");
    CHECK(saves.directories == QStringList{folder});

    // file://this-host/… and file://localhost/… are this machine too.
    const QByteArray withHost =
        "file://" + QSysInfo::machineHostName().toUtf8() +
        QUrl::fromLocalFile(folder + QStringLiteral("/x")).path(QUrl::FullyEncoded).toUtf8();
    CHECK(directSaveAnswer(withHost, saves.saveInto()) == "S");
    CHECK(
        directSaveAnswer("file://localhost" +
                             QUrl::fromLocalFile(folder + QStringLiteral("/x")).toEncoded().mid(7),
                         saves.saveInto()) == "S");
    CHECK(saves.directories == QStringList{folder, folder, folder});
}

TEST_CASE("direct save: a place this machine cannot write answers F and saves nothing")
{
    Saves saves;
    CHECK(directSaveAnswer("sftp://server/home/me/a.txt", saves.saveInto()) == "F");
    CHECK(directSaveAnswer("file://some-other-host/tmp/a.txt", saves.saveInto()) == "F");
    CHECK(saves.directories.isEmpty());
}

TEST_CASE("direct save: no URI, a missing folder or a refused save answers E")
{
    QTemporaryDir root;
    Saves saves;
    CHECK(directSaveAnswer("", saves.saveInto()) == "E");
    CHECK(directSaveAnswer("report.bin", saves.saveInto()) == "E");
    CHECK(directSaveAnswer(
              QUrl::fromLocalFile(root.filePath(QStringLiteral("gone/a.txt"))).toEncoded(),
              saves.saveInto()) == "E");
    CHECK(saves.directories.isEmpty());
    saves.accept = false;
    CHECK(directSaveAnswer(QUrl::fromLocalFile(root.filePath(QStringLiteral("a.txt"))).toEncoded(),
                           saves.saveInto()) == "E");
    CHECK(saves.directories == QStringList{root.path()});
}
