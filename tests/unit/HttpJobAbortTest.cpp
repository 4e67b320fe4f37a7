// SPDX-License-Identifier: MIT
// A streamed download aborted mid-body (its file failed on another range: a full disk) ends
// quietly: Qt's HTTP reply closes itself before it reports finished, and reading it then made
// Qt print "QIODevice::read (QNetworkReplyHttpImpl): device not open" on stderr.
#include "net/HttpJob.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <catch2/catch.hpp>
#include <cstring>

using blobferry::net::HttpJob;
using blobferry::net::PreparedRequest;
using blobferry::net::RetryPolicy;

namespace {

// A 206 whose first bytes have arrived and whose rest never comes; abort() behaves as
// QNetworkReplyHttpImpl::abort does: close(), then errorOccurred and finished at once.
class HalfwayReply final : public QNetworkReply
{
public:
    HalfwayReply(const QNetworkRequest &request, QObject *parent)
        : QNetworkReply(parent)
        , m_body(64 * 1024, 'x')
    {
        setRequest(request);
        setUrl(request.url());
        setOperation(QNetworkAccessManager::GetOperation);
        setAttribute(QNetworkRequest::HttpStatusCodeAttribute, 206);
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        QTimer::singleShot(0, this, [this] {
            Q_EMIT metaDataChanged();
            Q_EMIT readyRead();
        });
    }
    void abort() override
    {
        close();
        setError(OperationCanceledError, QStringLiteral("Operation canceled"));
        setFinished(true);
        Q_EMIT errorOccurred(OperationCanceledError);
        Q_EMIT finished();
    }
    qint64 bytesAvailable() const override
    {
        return m_body.size() - m_offset + QNetworkReply::bytesAvailable();
    }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        // Half of what arrived is read per call: bytes remain when the abort comes.
        const qint64 n = std::min(maxSize, (m_body.size() - m_offset) / 2);
        std::memcpy(data, m_body.constData() + m_offset, size_t(n));
        m_offset += n;
        return n;
    }

private:
    QByteArray m_body;
    qint64 m_offset = 0;
};

class HalfwayManager final : public QNetworkAccessManager
{
protected:
    QNetworkReply *createRequest(Operation, const QNetworkRequest &request, QIODevice *) override
    {
        return new HalfwayReply(request, this);
    }
};

QStringList g_warnings;

void keepWarnings(QtMsgType type, const QMessageLogContext &, const QString &text)
{
    if (type != QtDebugMsg)
        g_warnings.append(text);
}

} // namespace

TEST_CASE("a streamed download aborted mid-body reads nothing more and Qt warns of nothing",
          "[net]")
{
    HalfwayManager nam;
    PreparedRequest prepared;
    prepared.request = QNetworkRequest(QUrl(QStringLiteral("http://fake.invalid/c/blob")));
    prepared.verb = "GET";
    HttpJob job(
        &nam, [prepared] { return prepared; }, RetryPolicy{});
    qint64 received = 0;
    QEventLoop loop;
    job.setSink([&](const QByteArray &chunk) {
        received += chunk.size();
        // The first chunk: another range of the file failed meanwhile, and the file aborts
        // this one, as FileTransfer::end does.
        QTimer::singleShot(0, &job, &HttpJob::abort);
        return QString();
    });
    bool finished = false;
    QObject::connect(&job, &HttpJob::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    g_warnings.clear();
    const QtMessageHandler previous = qInstallMessageHandler(keepWarnings);
    job.start();
    QTimer::singleShot(10'000, &loop, &QEventLoop::quit);
    loop.exec();
    qInstallMessageHandler(previous);

    REQUIRE(finished);
    CHECK(job.result().cancelled);
    CHECK(received > 0);
    INFO(g_warnings.join(QLatin1Char('\n')).toStdString());
    CHECK(g_warnings.isEmpty());
}
