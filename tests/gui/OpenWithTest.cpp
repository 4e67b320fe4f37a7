// SPDX-License-Identifier: MIT
// Files handed to blobferry from outside: the "Upload to…" chooser a file manager's Open With
// and `blobferry FILE…` open, a second launch handing its files to the window already running,
// and the program's options answered without a display.
#include "AccountTreeModel.h"
#include "Accounts.h"
#include "SingleInstance.h"
#include "TransferQueueModel.h"
#include "UploadChooser.h"
#include "WindowDriver.h"
#include "support/TestService.h"
#include "support/TestTree.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <catch2/catch.hpp>
#include <future>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace blobferry;
using namespace blobferry::test;

namespace {

struct Launch
{
    int exitCode = -1;
    QString out;
    QString err;
};

// The real `blobferry` program with `args`, its environment changed by `env` (an empty value
// removes the variable); it must end within kWaitMs.
Launch launch(const QStringList &args, const QList<QPair<QString, QString>> &env,
              const QString &directory = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const auto &[name, value] : env) {
        if (value.isEmpty())
            environment.remove(name);
        else
            environment.insert(name, value);
    }
    process.setProcessEnvironment(environment);
    if (!directory.isEmpty())
        process.setWorkingDirectory(directory);
    process.start(QStringLiteral(BLOBFERRY_GUI_PATH), args);
    REQUIRE(process.waitForStarted());
    // The event loop runs meanwhile: the launch may be talking to an instance in this process.
    const bool ended =
        QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, kWaitMs);
    if (!ended)
        process.kill();
    REQUIRE(ended);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromLocal8Bit(process.readAllStandardOutput()),
            QString::fromLocal8Bit(process.readAllStandardError())};
}

const QList<QPair<QString, QString>> kNoDisplay{{QStringLiteral("DISPLAY"), {}},
                                                {QStringLiteral("WAYLAND_DISPLAY"), {}},
                                                {QStringLiteral("QT_QPA_PLATFORM"), {}}};

} // namespace

TEST_CASE("open with: files handed over ask where they go, then upload into the container and "
          "folder chosen")
{
    TestService service;
    pointEmulatorAt(service);
    const QString emulator = QString::fromLatin1(ui::Account::kEmulatorId);
    const QString shown = service.uniqueContainer(QStringLiteral("shown"));
    const QString chosen = service.uniqueContainer(QStringLiteral("chosen"));
    service.createContainer(shown);
    service.createContainer(chosen);
    TestTree local;
    local.write(QStringLiteral("IMG_0001.CR2"), 3 * 1024 * 1024 + 5);
    local.write(QStringLiteral("shoot/IMG_0002.CR2"), 1024 * 1024);
    auto window = openWindow();
    waitForContainer(*window, emulator, chosen);
    window->openContainer(emulator, shown, QStringLiteral("inbox/"));

    window->offerUpload({QUrl::fromLocalFile(local.filePath(QStringLiteral("IMG_0001.CR2"))),
                         QUrl::fromLocalFile(local.filePath(QStringLiteral("shoot")))});
    ui::UploadChooser *chooser = window->uploadChooser();
    REQUIRE(chooser);
    REQUIRE(QTest::qWaitForWindowExposed(chooser));
    // It starts where the window is, and nothing has moved yet.
    CHECK(chooser->container() == shown);
    CHECK(chooser->folder() == QStringLiteral("inbox/"));
    CHECK(window->queue()->rowCount() == 0);
    // The summary says what is about to go.
    const QString summary = ui::describeItems(chooser->items());
    CHECK(summary.contains(QStringLiteral("1 file")));
    CHECK(summary.contains(QStringLiteral("1 folder")));

    // An account row is not a destination: Upload is greyed out until a container is chosen.
    auto *tree = chooser->findChild<QTreeView *>();
    auto *model = static_cast<ui::AccountTreeModel *>(tree->model());
    QPushButton *upload = nullptr;
    for (QAbstractButton *button : chooser->findChild<QDialogButtonBox *>()->buttons())
        if (button->accessibleName() == QStringLiteral("Upload"))
            upload = qobject_cast<QPushButton *>(button);
    REQUIRE(upload);
    tree->setCurrentIndex(model->accountIndex(emulator));
    CHECK_FALSE(upload->isEnabled());
    tree->setCurrentIndex(model->containerIndex(emulator, chosen));
    CHECK(upload->isEnabled());
    auto *folder = chooser->findChild<QLineEdit *>();
    folder->clear();
    QTest::keyClicks(folder, QStringLiteral("/handed/over"));
    QTest::mouseClick(upload, Qt::LeftButton);

    waitForCompleted(*window, 2);
    CHECK_FALSE(window->uploadChooser());
    CHECK(service.getBlob(chosen, QStringLiteral("handed/over/IMG_0001.CR2")) ==
          readFile(local.filePath(QStringLiteral("IMG_0001.CR2"))));
    CHECK(service.getBlob(chosen, QStringLiteral("handed/over/shoot/IMG_0002.CR2")) ==
          readFile(local.filePath(QStringLiteral("shoot/IMG_0002.CR2"))));
    CHECK(service.listBlobs(shown).isEmpty());
}

TEST_CASE("open with: Cancel in the chooser uploads nothing")
{
    TestService service;
    pointEmulatorAt(service);
    TestTree local;
    local.write(QStringLiteral("keep-local.txt"), 100);
    auto window = openWindow();
    window->offerUpload({QUrl::fromLocalFile(local.filePath(QStringLiteral("keep-local.txt")))});
    REQUIRE(window->uploadChooser());
    window->uploadChooser()->reject();
    QTest::qWait(200);
    CHECK(window->queue()->rowCount() == 0);
    CHECK_FALSE(window->uploadChooser());
}

TEST_CASE("one instance: a second launch hands its files to the running one and exits")
{
    QTemporaryDir runtime;
    const QString socket = runtime.filePath(QStringLiteral("blobferry.socket"));
    ui::SingleInstance first(socket);
    QString why;
    REQUIRE(first.listen(&why));
    QSignalSpy arrived(&first, &ui::SingleInstance::pathsArrived);
    TestTree local;
    local.write(QStringLiteral("from file manager.jpg"), 10);

    // What the desktop entry runs (Exec=blobferry %F), from another directory, by a
    // relative path: the running window gets the absolute path.
    QList<QPair<QString, QString>> env{
        {QStringLiteral("XDG_RUNTIME_DIR"), runtime.path()},
        {QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen")}};
    const Launch second =
        launch({QStringLiteral("from file manager.jpg")}, env, local.filePath(QString()));
    INFO(second.err.toStdString());
    CHECK(second.exitCode == 0);
    REQUIRE((arrived.size() == 1 || arrived.wait(kWaitMs)));
    CHECK(
        arrived.first().first().toStringList() ==
        QStringList{
            QFileInfo(local.filePath(QStringLiteral("from file manager.jpg"))).absoluteFilePath()});
}

TEST_CASE("one instance: the socket of a killed instance does not stop the next one")
{
    QTemporaryDir runtime;
    const QString socket = runtime.filePath(QStringLiteral("blobferry.socket"));
    // A bound Unix socket file nobody listens on: what SIGKILL leaves behind.
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, QFile::encodeName(socket).constData(),
                 sizeof(address.sun_path) - 1);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0);
    ::close(fd);
    REQUIRE(QFileInfo::exists(socket));

    ui::SingleInstance next(socket);
    CHECK_FALSE(next.handOver({QStringLiteral("/tmp/x")}, 1000));
    QString why;
    CHECK(next.listen(&why));
    INFO(why.toStdString());
    // A launch after it reaches it (from another thread: this one must answer).
    QSignalSpy arrived(&next, &ui::SingleInstance::pathsArrived);
    auto reached = std::async(
        std::launch::async, [&socket] { return ui::SingleInstance(socket).handOver({}, kWaitMs); });
    REQUIRE(QTest::qWaitFor(
        [&] { return reached.wait_for(std::chrono::seconds(0)) == std::future_status::ready; },
        kWaitMs));
    CHECK(reached.get());
    CHECK(arrived.size() == 1);
}

TEST_CASE("command line: --help and --version answer without a display, and a wrong option or no "
          "display is one line and exit 2")
{
    const Launch help = launch({QStringLiteral("--help")}, kNoDisplay);
    CHECK(help.exitCode == 0);
    CHECK(help.out.startsWith(QStringLiteral("Usage: blobferry [FILE|FOLDER]...")));
    CHECK(help.err.isEmpty());

    const Launch version = launch({QStringLiteral("--version")}, kNoDisplay);
    CHECK(version.exitCode == 0);
    CHECK(version.out == QStringLiteral("blobferry %1\n").arg(QStringLiteral(BLOBFERRY_VERSION)));

    const Launch wrong = launch({QStringLiteral("--uplaod"), QStringLiteral("x")}, kNoDisplay);
    CHECK(wrong.exitCode == 2);
    CHECK(wrong.err ==
          QStringLiteral("blobferry: unknown option --uplaod (blobferry --help lists them)\n"));

    const Launch headless = launch({QStringLiteral("photo.jpg")}, kNoDisplay);
    CHECK(headless.exitCode == 2);
    CHECK(headless.err.count(QLatin1Char('\n')) == 1);
    CHECK(headless.err.contains(QStringLiteral("no display")));
    CHECK(headless.err.contains(QStringLiteral("blobferry-cli")));
}
