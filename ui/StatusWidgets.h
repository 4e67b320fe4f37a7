// SPDX-License-Identifier: MIT
#pragma once

#include "ThroughputMeter.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTimer>
#include <QVector>
#include <QWidget>

namespace blobferry::ui {

// What the status bar says of the running jobs. While a job still lists its files the totals
// are those found so far: the text says it is counting, with a "+", not a final figure.
struct OverallStatus
{
    bool visible = false; // something runs
    int permille = 0;     // the bar's fill
    QString text;         // on the bar
    QString toolTip;
    QString speed; // empty when nothing moves (idle, paused, stalled)
};
OverallStatus overallStatus(const ThroughputMeter::Reading &reading);

// The last minute of overall throughput as a small filled line, for the status bar.
class ThroughputGraph final : public QWidget
{
    Q_OBJECT
public:
    explicit ThroughputGraph(QWidget *parent = nullptr);
    void addSample(double bytesPerSecond);
    QSize sizeHint() const override { return {120, 18}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QVector<double> m_samples;
};

// Starts the pinned Azurite that scripts/run installs, when the user agrees and nothing
// listens on the emulator's port, and stops it on exit if it started it.
class EmulatorLauncher final : public QObject
{
    Q_OBJECT
public:
    explicit EmulatorLauncher(QObject *parent = nullptr);
    ~EmulatorLauncher() override;

    // The azurite-blob found: BLOBFERRY_AZURITE, else the source tree's scripts/emulator.
    static QString find();
    // Starts it on 127.0.0.1:port (the emulator account's, normally 10000) with its data under
    // XDG_DATA_HOME. ready() once the port answers, or failed(why); nothing waits meanwhile.
    void start(quint16 port);
    bool started() const { return m_process.state() != QProcess::NotRunning; }

Q_SIGNALS:
    void ready();
    void failed(const QString &error);

private:
    void poll();

    QProcess m_process;
    QTimer m_poll;
    QElapsedTimer m_since;
    quint16 m_port = 0;
};

} // namespace blobferry::ui
