// SPDX-License-Identifier: MIT
// blobferry: the desktop transfer manager.
//   blobferry [FILE|FOLDER]...   offers them for upload in the window (one window per session)
#include "MainWindow.h"
#include "SingleInstance.h"
#include "log/Printable.h"

#include <QApplication>
#include <QFileInfo>
#include <QUrl>
#include <cstdio>
#include <cstring>

namespace {

constexpr char kUsage[] =
    "Usage: blobferry [FILE|FOLDER]...\n"
    "\n"
    "The desktop transfer manager for Azure Blob Storage. Files and folders named here are\n"
    "offered for upload (\"Upload to...\") in the blobferry window already open in this\n"
    "session, or in a new one.\n"
    "\n"
    "  -h, --help     show this help and exit\n"
    "  --version      show the version and exit\n"
    "  --             what follows is a file name, even if it starts with a dash\n"
    "\n"
    "Qt's own options (-platform, -style, ...) are accepted too. Copying from a script or a\n"
    "machine without a display: blobferry-cli --help.\n";

// Qt's long spellings of its own options (QGuiApplication and QApplication take "--x" as "-x").
bool isQtOption(const char *arg)
{
    static const char *const kQt[] = {"--platform",
                                      "--platformpluginpath",
                                      "--platformtheme",
                                      "--plugin",
                                      "--qwindowgeometry",
                                      "--qwindowicon",
                                      "--qwindowtitle",
                                      "--reverse",
                                      "--session",
                                      "--display",
                                      "--style",
                                      "--stylesheet",
                                      "--widgetcount",
                                      "--geometry",
                                      "--name",
                                      "--title",
                                      "--visual",
                                      "--nograb",
                                      "--dograb",
                                      "--sync"};
    for (const char *option : kQt) {
        const size_t length = std::strlen(option);
        if (std::strncmp(arg, option, length) == 0 && (arg[length] == 0 || arg[length] == '='))
            return true;
    }
    return false;
}

bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") ||
           !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
}

// A command-line argument as a local file URL: a path (relative to here) or a file: URI.
QUrl localUrl(const QString &arg)
{
    if (arg.startsWith(QLatin1String("file:")))
        return QUrl(arg);
    return QUrl::fromLocalFile(QFileInfo(arg).absoluteFilePath());
}

} // namespace

int main(int argc, char *argv[])
{
    // Answered before Qt looks for a display: they must work over ssh and in scripts.
    for (int i = 1; i < argc; ++i) {
        const char *arg = argv[i];
        if (std::strcmp(arg, "--") == 0)
            break;
        if (std::strcmp(arg, "--help") == 0 || std::strcmp(arg, "-h") == 0) {
            std::fputs(kUsage, stdout);
            return 0;
        }
        if (std::strcmp(arg, "--version") == 0) {
            std::printf("blobferry %s\n", BLOBFERRY_VERSION);
            return 0;
        }
        if (std::strncmp(arg, "--", 2) == 0 && !isQtOption(arg)) {
            std::fprintf(stderr, "blobferry: unknown option %s (blobferry --help lists them)\n",
                         qPrintable(blobferry::log::printable(QString::fromLocal8Bit(arg))));
            return 2;
        }
    }
    if (!hasDisplay()) {
        std::fputs("blobferry: no display to open a window on (DISPLAY and WAYLAND_DISPLAY are "
                   "unset); blobferry-cli copies without one\n",
                   stderr);
        return 2;
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("blobferry"));
    QApplication::setApplicationVersion(QStringLiteral(BLOBFERRY_VERSION));
    QList<QUrl> items;
    bool options = true;
    const QStringList args = QApplication::arguments().mid(1); // Qt's options taken out
    for (const QString &arg : args) {
        if (options && arg == QLatin1String("--")) {
            options = false;
        } else if (options && arg.startsWith(QLatin1Char('-')) && arg.size() > 1) {
            std::fprintf(stderr, "blobferry: unknown option %s (blobferry --help lists them)\n",
                         qPrintable(blobferry::log::printable(arg)));
            return 2;
        } else {
            items.append(localUrl(arg));
        }
    }
    QStringList paths;
    for (const QUrl &url : std::as_const(items))
        paths.append(url.toLocalFile());

    blobferry::ui::SingleInstance instance;
    if (instance.handOver(paths))
        return 0; // the window already open asks where they go
    if (QString why; !instance.listen(&why)) {
        // Another launch won the race to listen: hand over to it after all.
        if (instance.handOver(paths))
            return 0;
        std::fprintf(stderr, "blobferry: %s; this window runs on its own\n", qPrintable(why));
    }

    blobferry::ui::MainWindow window;
    QObject::connect(&instance, &blobferry::ui::SingleInstance::pathsArrived, &window,
                     [&window](const QStringList &arrived) {
                         QList<QUrl> urls;
                         for (const QString &path : arrived)
                             urls.append(QUrl::fromLocalFile(path));
                         window.offerUpload(urls);
                     });
    window.show();
    if (!items.isEmpty())
        window.offerUpload(items);
    return QApplication::exec();
}
