// SPDX-License-Identifier: MIT
#include "ThrottledBody.h"

#include "BandwidthLimiter.h"

#include <algorithm>

namespace blobferry::net {

namespace {
// Waking for less would only burn CPU on tiny reads.
constexpr qint64 kUsefulBytes = 16 * 1024;
} // namespace

ThrottledBody::ThrottledBody(QIODevice *inner, BandwidthLimiter *limiter, QObject *parent)
    : QIODevice(parent)
    , m_inner(inner)
    , m_limiter(limiter)
{
    m_inner->setParent(this);
    m_wake.setSingleShot(true);
    connect(&m_wake, &QTimer::timeout, this, &ThrottledBody::readyRead);
    QIODevice::open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    if (!m_inner->isOpen())
        setErrorString(m_inner->errorString());
}

qint64 ThrottledBody::size() const
{
    return m_inner->size();
}

bool ThrottledBody::seek(qint64 pos)
{
    return m_inner->seek(pos) && QIODevice::seek(pos);
}

bool ThrottledBody::atEnd() const
{
    return m_inner->atEnd();
}

qint64 ThrottledBody::bytesAvailable() const
{
    // What the file holds, not what the bucket grants now: Qt takes a device with nothing
    // available as finished with it only when it is also atEnd().
    return m_inner->bytesAvailable();
}

qint64 ThrottledBody::readData(char *data, qint64 maxSize)
{
    const qint64 left = m_inner->size() - m_inner->pos();
    const qint64 wanted = std::min(maxSize, left);
    if (wanted <= 0)
        return m_inner->atEnd() ? -1 : 0;
    const qint64 granted = m_limiter->take(wanted);
    if (granted == 0) {
        if (!m_wake.isActive())
            m_wake.start(m_limiter->msUntilAvailable(std::min(wanted, kUsefulBytes)));
        return 0;
    }
    const qint64 n = m_inner->read(data, granted);
    if (n < granted)
        m_limiter->charge(std::max<qint64>(n, 0) - granted); // give back what did not move
    return n;
}

} // namespace blobferry::net
