// SPDX-License-Identifier: MIT
#include "StatusWidgets.h"

#include "TransferQueueModel.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QStandardPaths>
#include <QTcpSocket>
#include <algorithm>

namespace blobferry::ui {

namespace {

constexpr int kSamples = 120; // one a half second: the last minute

QString tr(const char *text)
{
    return QCoreApplication::translate("OverallStatus", text);
}

} // namespace

OverallStatus overallStatus(const ThroughputMeter::Reading &reading)
{
    OverallStatus status;
    const QueueFigures &figures = reading.figures;
    status.speed = reading.bytesPerSecond >= 1
                       ? formatBytes(qint64(reading.bytesPerSecond)) + tr("/s")
                       : QString();
    status.visible = figures.bytesTotal > 0 || reading.counting;
    status.permille =
        figures.bytesTotal > 0 ? int(figures.bytesDone * 1000 / figures.bytesTotal) : 0;
    const QLocale locale;
    const QString bytes = QStringLiteral("%1 / %2").arg(formatBytes(figures.bytesDone),
                                                        formatBytes(figures.bytesTotal));
    if (reading.counting) {
        status.text = figures.files > 0 ? tr("counting… %1 of %2+ files")
                                              .arg(locale.toString(figures.filesDone),
                                                   locale.toString(figures.files))
                                        : tr("counting…");
        status.toolTip = tr("%1 so far; the files are still being listed, so the total "
                            "grows")
                             .arg(bytes);
    } else if (figures.bytesTotal > 0) {
        status.text = bytes;
        status.toolTip =
            tr("%1 of %2 files")
                .arg(locale.toString(figures.filesDone), locale.toString(figures.files));
    }
    return status;
}

ThroughputGraph::ThroughputGraph(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("throughputGraph"));
    setToolTip(tr("Throughput over the last minute"));
}

void ThroughputGraph::addSample(double bytesPerSecond)
{
    m_samples.append(std::max(0.0, bytesPerSecond));
    if (m_samples.size() > kSamples)
        m_samples.removeFirst();
    update();
}

void ThroughputGraph::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF area = rect().adjusted(1, 1, -1, -1);
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(area);
    if (m_samples.size() < 2)
        return;
    const double peak = std::max(1.0, *std::max_element(m_samples.cbegin(), m_samples.cend()));
    const double step = area.width() / (kSamples - 1);
    const double x0 = area.right() - step * double(m_samples.size() - 1);
    QPainterPath path(QPointF(x0, area.bottom()));
    for (int i = 0; i < m_samples.size(); ++i)
        path.lineTo(x0 + step * i, area.bottom() - area.height() * m_samples.at(i) / peak);
    path.lineTo(area.right(), area.bottom());
    path.closeSubpath();
    QColor fill = palette().color(QPalette::Highlight);
    fill.setAlpha(120);
    painter.fillPath(path, fill);
}

EmulatorLauncher::EmulatorLauncher(QObject *parent)
    : QObject(parent)
{}

EmulatorLauncher::~EmulatorLauncher()
{
    if (started()) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
    }
}

QString EmulatorLauncher::find()
{
    const QString configured = qEnvironmentVariable("BLOBFERRY_AZURITE");
    if (!configured.isEmpty())
        return QFileInfo(configured).isExecutable() ? configured : QString();
    // A build tree: build/bin/blobferry beside scripts/emulator of the same checkout.
    const QString candidate =
        QCoreApplication::applicationDirPath() +
        QStringLiteral("/../../scripts/emulator/node_modules/.bin/azurite-blob");
    return QFileInfo(candidate).isExecutable() ? QFileInfo(candidate).canonicalFilePath()
                                               : QString();
}

void EmulatorLauncher::start(quint16 port)
{
    const QString program = find();
    if (program.isEmpty()) {
        Q_EMIT failed(tr("Azurite was not found; run scripts/run once, or set BLOBFERRY_AZURITE."));
        return;
    }
    const QString data = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
                         QStringLiteral("/blobferry/azurite");
    QDir().mkpath(data);
    m_port = port;
    m_process.setProgram(program);
    m_process.setArguments({QStringLiteral("--blobHost"), QStringLiteral("127.0.0.1"),
                            QStringLiteral("--blobPort"), QString::number(port),
                            QStringLiteral("--location"), data, QStringLiteral("--silent"),
                            QStringLiteral("--disableTelemetry")});
    m_process.setWorkingDirectory(data);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start();
    m_since.start();
    m_poll.setInterval(100);
    connect(&m_poll, &QTimer::timeout, this, &EmulatorLauncher::poll, Qt::UniqueConnection);
    m_poll.start();
}

void EmulatorLauncher::poll()
{
    constexpr qint64 kStartTimeoutMs = 20000;
    if (m_process.state() == QProcess::NotRunning) {
        m_poll.stop();
        Q_EMIT failed(tr("Azurite stopped during start-up: %1")
                          .arg(QString::fromLocal8Bit(m_process.readAll()).trimmed()));
        return;
    }
    // Ready when the port accepts a connection (a second or two).
    auto *probe = new QTcpSocket(this);
    connect(probe, &QTcpSocket::connected, this, [this, probe] {
        probe->deleteLater();
        if (!m_poll.isActive())
            return;
        m_poll.stop();
        Q_EMIT ready();
    });
    connect(probe, &QTcpSocket::errorOccurred, probe, &QObject::deleteLater);
    probe->connectToHost(QStringLiteral("127.0.0.1"), m_port);
    if (m_since.elapsed() > kStartTimeoutMs) {
        m_poll.stop();
        Q_EMIT failed(tr("Azurite did not listen on port %1 within %2 s")
                          .arg(m_port)
                          .arg(kStartTimeoutMs / 1000));
    }
}

} // namespace blobferry::ui
