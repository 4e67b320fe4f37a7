// SPDX-License-Identifier: MIT
#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace blobferry::test {

// An Azurite of its own that speaks https only, with a server certificate for 127.0.0.1 and
// localhost issued by a CA made for this test (openssl, in a temporary directory). Started in
// the constructor, stopped in the destructor; fails the test when it cannot start.
class HttpsAzurite final
{
public:
    HttpsAzurite();
    ~HttpsAzurite();
    HttpsAzurite(const HttpsAzurite &) = delete;
    HttpsAzurite &operator=(const HttpsAzurite &) = delete;

    quint16 port() const { return m_port; }
    QString endpoint() const; // https://127.0.0.1:PORT/devstoreaccount1
    QString containerUrl(const QString &container) const;
    QString caFile() const; // the PEM certificate of the CA that issued the server's

private:
    void openssl(const QStringList &args);

    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace blobferry::test
