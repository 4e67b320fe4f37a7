// SPDX-License-Identifier: MIT
// blobferry-faultproxy: test equipment, not product code. A fault-injecting HTTP/1.1 relay
// between a client and Azurite, used by the fault-tolerance tests:
//   blobferry-faultproxy --target 127.0.0.1:PORT [--fail-503 F] [--cut F] [--stall F]
//                        [--flip-byte N] ...
// Prints "listening on PORT" as its first line once it accepts connections.
#include "FaultProxy.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <csignal>
#include <cstdio>
#include <unistd.h>

using blobferry::tools::FaultOptions;
using blobferry::tools::FaultProxy;

namespace {

int g_signalPipe[2] = {-1, -1};

void onTerminate(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalPipe[1], &byte, 1);
}

[[noreturn]] void usageError(const QString &text)
{
    std::fprintf(stderr, "blobferry-faultproxy: %s\n", qPrintable(text));
    std::exit(2);
}

double fraction(const QCommandLineParser &parser, const QString &name)
{
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok || value < 0 || value > 1)
        usageError(QStringLiteral("--%1 takes a fraction from 0 to 1").arg(name));
    return value;
}

int whole(const QCommandLineParser &parser, const QString &name, int fallback)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < 0)
        usageError(QStringLiteral("--%1 takes a whole number").arg(name));
    return value;
}

FaultOptions parseOptions(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Fault-injecting HTTP/1.1 proxy for blobferry's tests"));
    parser.addHelpOption();
    const auto value = [](const char *name, const char *text, const char *valueName) {
        return QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(text),
                                  QString::fromLatin1(valueName));
    };
    parser.addOptions({
        value("target", "where to relay to", "HOST:PORT"),
        value("port", "port to listen on (default 0: any free one)", "N"),
        value("seed", "seed of the fault decisions (default 1)", "N"),
        value("fail-503", "share of requests answered 503 ServerBusy", "F"),
        QCommandLineOption(QStringLiteral("fail-503-first"),
                           QStringLiteral("answer 503 to the first try of every request")),
        value("cut", "share of requests cut half-way through the request or response body", "F"),
        value("stall", "share of requests swallowed without an answer", "F"),
        value("delay-ms", "delay before relaying each request", "MS"),
        value("retry-after-ms", "x-ms-retry-after-ms sent with each 503", "MS"),
        value("match", "inject faults only into requests whose 'METHOD target' contains this",
              "TEXT"),
        value("stats", "JSON file the counts are written to", "FILE"),
        value("copy-pending",
              "the first N answers per blob saying x-ms-copy-status: success say pending", "N"),
        value("listing",
              "List Blobs answers become an <Error> document (error), an HTML page (html), or "
              "carry always the same NextMarker, with their blobs (same-marker) or none "
              "(empty-loop)",
              "KIND"),
        value("flip-byte", "the first N successful GET answers get one body byte changed", "N"),
    });
    parser.process(app);

    FaultOptions options;
    const QStringList target = parser.value(QStringLiteral("target")).split(QLatin1Char(':'));
    bool portOk = false;
    if (target.size() == 2)
        options.targetPort = quint16(target[1].toUInt(&portOk));
    if (!portOk || options.targetPort == 0)
        usageError(QStringLiteral("--target HOST:PORT is required"));
    options.targetHost = target[0];
    options.listenPort = quint16(whole(parser, QStringLiteral("port"), 0));
    options.seed = quint32(whole(parser, QStringLiteral("seed"), 1));
    if (parser.isSet(QStringLiteral("fail-503")))
        options.busyFraction = fraction(parser, QStringLiteral("fail-503"));
    options.busyFirstTry = parser.isSet(QStringLiteral("fail-503-first"));
    if (parser.isSet(QStringLiteral("cut")))
        options.cutFraction = fraction(parser, QStringLiteral("cut"));
    if (parser.isSet(QStringLiteral("stall")))
        options.stallFraction = fraction(parser, QStringLiteral("stall"));
    if (options.busyFraction + options.cutFraction + options.stallFraction > 1)
        usageError(QStringLiteral("--fail-503, --cut and --stall add up to more than 1"));
    options.delayMs = whole(parser, QStringLiteral("delay-ms"), 0);
    options.retryAfterMs = whole(parser, QStringLiteral("retry-after-ms"), -1);
    options.match = parser.value(QStringLiteral("match")).toUtf8();
    options.statsFile = parser.value(QStringLiteral("stats"));
    options.copyPendingAnswers = whole(parser, QStringLiteral("copy-pending"), 0);
    if (parser.isSet(QStringLiteral("listing")) &&
        !parseListingFault(parser.value(QStringLiteral("listing")), &options.listing))
        usageError(QStringLiteral("--listing: expected error, html, same-marker or empty-loop"));
    options.flipAnswers = whole(parser, QStringLiteral("flip-byte"), 0);
    return options;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    FaultProxy proxy(parseOptions(app));
    QString error;
    if (!proxy.listen(&error))
        usageError(QStringLiteral("cannot listen: ") + error);

    // SIGTERM/SIGINT leave through the event loop so the last counts reach the stats file.
    if (::pipe(g_signalPipe) != 0)
        usageError(QStringLiteral("cannot create a pipe"));
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
    std::signal(SIGTERM, onTerminate);
    std::signal(SIGINT, onTerminate);

    std::printf("listening on %u\n", unsigned(proxy.port()));
    std::fflush(stdout);
    const int code = QCoreApplication::exec();
    proxy.writeStats();
    return code;
}
