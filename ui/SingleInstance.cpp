// SPDX-License-Identifier: MIT
#include "SingleInstance.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>
#include <unistd.h>

namespace blobferry::ui {

namespace {

// A launch hands over at most this much (a few thousand paths); more is refused, not buffered.
constexpr qint64 kMaxMessage = 4 * 1024 * 1024;

} // namespace

SingleInstance::SingleInstance(QString socketPath, QObject *parent)
    : QObject(parent)
    , m_socketPath(std::move(socketPath))
{}

QString SingleInstance::defaultSocketPath()
{
    const QString runtime = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (!runtime.isEmpty())
        return runtime + QStringLiteral("/blobferry.socket");
    return QDir::tempPath() + QStringLiteral("/blobferry-%1.socket").arg(getuid());
}

bool SingleInstance::handOver(const QStringList &paths, int timeoutMs) const
{
    QLocalSocket socket;
    socket.connectToServer(m_socketPath);
    if (!socket.waitForConnected(timeoutMs))
        return false;
    QByteArray line =
        QJsonDocument(QJsonArray::fromStringList(paths)).toJson(QJsonDocument::Compact);
    line += '\n';
    socket.write(line);
    if (!socket.waitForBytesWritten(timeoutMs))
        return false;
    // The answer says the window took them: a dying instance that accepted the connection
    // but never read must not swallow the files.
    while (!socket.canReadLine())
        if (!socket.waitForReadyRead(timeoutMs))
            return false;
    return socket.readLine().trimmed() == "ok";
}

bool SingleInstance::listen(QString *error)
{
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_socketPath)) {
        // Someone answers: another instance started meanwhile. Otherwise a killed
        // instance's socket file is in the way.
        if (handOver({}, 1000)) {
            *error = QStringLiteral("another blobferry is running");
            return false;
        }
        QLocalServer::removeServer(m_socketPath);
        if (!m_server->listen(m_socketPath)) {
            *error = m_server->errorString();
            return false;
        }
    }
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server->nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
                if (!socket->canReadLine()) {
                    if (socket->bytesAvailable() > kMaxMessage)
                        socket->abort();
                    return;
                }
                const QJsonArray array = QJsonDocument::fromJson(socket->readLine()).array();
                QStringList paths;
                for (const auto &value : array)
                    if (const QString path = value.toString(); !path.isEmpty())
                        paths.append(path);
                socket->write("ok\n");
                socket->flush();
                Q_EMIT pathsArrived(paths);
            });
        }
    });
    return true;
}

} // namespace blobferry::ui
