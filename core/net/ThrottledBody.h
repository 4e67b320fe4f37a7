// SPDX-License-Identifier: MIT
#pragma once

#include <QIODevice>
#include <QTimer>

namespace blobferry::net {

class BandwidthLimiter;

// --cap-mbps for request bodies: a read-only window onto another device that hands Qt only
// the bytes the job's bucket grants. When none are left it returns 0 bytes and emits readyRead
// once some are back; Qt's HTTP code then pauses the upload ("choking") instead of ending it,
// so the bytes in flight follow the cap, not just the starts of requests.
class ThrottledBody final : public QIODevice
{
    Q_OBJECT
public:
    // Takes ownership of `inner`, which must be open for reading and random-access.
    ThrottledBody(QIODevice *inner, BandwidthLimiter *limiter, QObject *parent = nullptr);

    bool isSequential() const override { return false; }
    qint64 size() const override;
    bool seek(qint64 pos) override;
    bool atEnd() const override;
    bool reset() override { return seek(0); }
    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QIODevice *m_inner;
    BandwidthLimiter *m_limiter;
    QTimer m_wake; // bytes are back: tell Qt to read on
};

} // namespace blobferry::net
