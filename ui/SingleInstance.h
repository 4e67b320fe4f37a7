// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QStringList>

class QLocalServer;

namespace blobferry::ui {

// One window per user session: a second `blobferry FILE…` (a file manager's Open With, the
// desktop entry) hands its files to the window already running, over a local socket in
// $XDG_RUNTIME_DIR, and exits. Qt's QLocalServer does the work; the protocol is one line of
// JSON (the absolute paths) answered by "ok".
class SingleInstance final : public QObject
{
    Q_OBJECT
public:
    explicit SingleInstance(QString socketPath = defaultSocketPath(), QObject *parent = nullptr);

    // $XDG_RUNTIME_DIR/blobferry.socket; without one, a per-user name in the temporary folder.
    static QString defaultSocketPath();

    // True when a running instance took `paths` (none: it is only asked to show itself).
    bool handOver(const QStringList &paths, int timeoutMs = 5000) const;
    // Becomes the instance later launches hand over to. A socket left by a killed instance
    // is replaced; false (and why) when another instance answers on it or it cannot be made.
    bool listen(QString *error);

Q_SIGNALS:
    // Another launch handed these over (absolute paths; empty: just show the window).
    void pathsArrived(const QStringList &paths);

private:
    QString m_socketPath;
    QLocalServer *m_server = nullptr;
};

} // namespace blobferry::ui
