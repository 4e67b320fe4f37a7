// SPDX-License-Identifier: MIT
// Open (Enter on a blob) and the preview pane, in the real window against the run's Azurite.
// The desktop's opener is replaced by a function that records what it was asked to open.
#include "BlobListModel.h"
#include "WindowDriver.h"
#include "support/TestService.h"

#include <QBuffer>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <catch2/catch.hpp>

using namespace blobferry;
using namespace blobferry::test;

TEST_CASE("open: Enter on a blob opens its cached copy, reused until the blob changes")
{
    TestService service;
    const QString container = newContainer(service, "guiopen");
    service.putBlob(container, QStringLiteral("docs/readme.txt"), "read me first");
    auto window = openWindow();
    QList<QUrl> opened;
    bool canOpen = true;
    window->setFolderOpener([&](const QUrl &url) {
        opened.append(url);
        return canOpen;
    });
    openAndWait(*window, container, QStringLiteral("docs/"));
    selectRow(*window, QStringLiteral("docs/readme.txt"));
    QTest::keyClick(window->blobView(), Qt::Key_Return);
    REQUIRE(QTest::qWaitFor([&] { return opened.size() == 1; }, kWaitMs));
    const QString path = opened.first().toLocalFile();
    CHECK(path.startsWith(QStandardPaths::writableLocation(QStandardPaths::CacheLocation) +
                          QLatin1Char('/')));
    CHECK(path.endsWith(QStringLiteral("/readme.txt")));
    CHECK(readFile(path) == "read me first");

    // Again: the same file, not downloaded again.
    QTest::keyClick(window->blobView(), Qt::Key_Return);
    REQUIRE(QTest::qWaitFor([&] { return opened.size() == 2; }, kWaitMs));
    CHECK(opened.last().toLocalFile() == path);
    CHECK(logText(*window).contains(
        QStringLiteral("Opening docs/readme.txt (the copy already downloaded)")));

    // Changed in the service: its new bytes are fetched.
    service.putBlob(container, QStringLiteral("docs/readme.txt"), "read me, second edition");
    QTest::keyClick(window->blobView(), Qt::Key_Return);
    REQUIRE(QTest::qWaitFor([&] { return opened.size() == 3; }, kWaitMs));
    CHECK(readFile(path) == "read me, second edition");

    // No application for the type: a box says so and where the copy is.
    canOpen = false;
    QString said;
    answerNextModal([&](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        REQUIRE(box);
        said = box->text();
        box->accept();
    });
    QTest::keyClick(window->blobView(), Qt::Key_Return);
    REQUIRE(QTest::qWaitFor([&] { return !said.isEmpty(); }, kWaitMs));
    CHECK(said.startsWith(QStringLiteral("No application is set to open docs/readme.txt.")));
    CHECK(said.contains(QDir::toNativeSeparators(path)));
}

TEST_CASE("preview: the pane shows text in its encoding, images, and says when it cannot")
{
    TestService service;
    const QString container = newContainer(service, "guipreview");
    service.putBlob(container, QStringLiteral("notes.txt"), "grüße aus köln\nline two");
    service.putBlob(container, QStringLiteral("latin.txt"), "caf\xe9 cr\xe8me");
    QByteArray big;
    while (big.size() < 100 * 1024)
        big += "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde\n";
    service.putBlob(container, QStringLiteral("big.log"), big);
    QImage image(4, 3, QImage::Format_RGB32);
    image.fill(Qt::red);
    QBuffer png;
    png.open(QIODevice::WriteOnly);
    REQUIRE(image.save(&png, "PNG"));
    service.putBlob(container, QStringLiteral("red.png"), png.data());
    service.putBlob(container, QStringLiteral("data.bin"), QByteArray("\x00\x01\x02\x03", 4));
    auto window = openWindow();
    openAndWait(*window, container);

    auto *toggle = window->findChild<QAction *>(QStringLiteral("previewAction"));
    REQUIRE(toggle);
    CHECK(toggle->shortcut() == QKeySequence(Qt::Key_F3));
    toggle->trigger();
    auto *pane = window->findChild<QWidget *>(QStringLiteral("previewPane"));
    REQUIRE(pane);
    CHECK(pane->isVisible());
    auto *text = pane->findChild<QPlainTextEdit *>(QStringLiteral("previewText"));
    auto *picture = pane->findChild<QLabel *>(QStringLiteral("previewImage"));
    auto *message = pane->findChild<QLabel *>(QStringLiteral("previewMessage"));

    selectRow(*window, QStringLiteral("notes.txt"));
    REQUIRE(QTest::qWaitFor(
        [&] {
            return text->isVisible() && text->toPlainText().startsWith(QStringLiteral("grüße"));
        },
        kWaitMs));
    CHECK(text->toPlainText() == QStringLiteral("grüße aus köln\nline two"));

    selectRow(*window, QStringLiteral("latin.txt"));
    REQUIRE(QTest::qWaitFor(
        [&] { return text->isVisible() && text->toPlainText().contains(QStringLiteral("café")); },
        kWaitMs));
    CHECK(text->toPlainText() == QStringLiteral("[Not UTF-8: shown as Latin-1]\ncafé crème"));

    // Only the first 64 KiB is fetched, and the pane says so.
    selectRow(*window, QStringLiteral("big.log"));
    REQUIRE(QTest::qWaitFor(
        [&] {
            return text->isVisible() &&
                   text->toPlainText().startsWith(QStringLiteral("[The first"));
        },
        kWaitMs));
    const QString shown = text->toPlainText();
    CHECK(shown.section(QLatin1Char('\n'), 1) == QString::fromLatin1(big.left(64 * 1024)));

    selectRow(*window, QStringLiteral("red.png"));
    REQUIRE(QTest::qWaitFor([&] { return picture->isVisible(); }, kWaitMs));
    CHECK(picture->pixmap().size() == QSize(4, 3));
    CHECK(picture->pixmap().toImage().pixelColor(1, 1) == QColor(Qt::red));

    selectRow(*window, QStringLiteral("data.bin"));
    REQUIRE(QTest::qWaitFor(
        [&] {
            return message->isVisible() &&
                   message->text() == QStringLiteral("No preview for this type.");
        },
        kWaitMs));
}
