// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <memory>

namespace blobferry::transfer {

// MD5 work off the engine's thread: segments of one file are read and hashed in order on a
// pool thread, one read feeding both the segment's own MD5 (a block's Content-MD5) and the
// MD5 of everything queued so far (the file's). Results come back as signals in the owner's
// thread. Destroying the hasher abandons what is queued; a running step finishes quietly.
class SequentialHasher final : public QObject
{
    Q_OBJECT
public:
    // WholeOnly: segments are reported without a digest of their own (a download needs only
    // the file's MD5, and a second one would double the hashing).
    enum class Digests
    {
        SegmentsAndWhole,
        WholeOnly
    };

    explicit SequentialHasher(const QString &path, QObject *parent = nullptr);
    SequentialHasher(const QString &path, Digests digests, QObject *parent = nullptr);
    ~SequentialHasher() override;

    // Queues [offset, offset + length); `id` comes back with its digest.
    void add(int id, qint64 offset, qint64 length);
    // The file was renamed: later segments are read from here.
    void setPath(const QString &path);
    // The MD5 of all segments, in the order added. Call it only once every segment was
    // reported: it ends the running hash.
    QByteArray result() const;

Q_SIGNALS:
    // md5: the segment's own digest, base64 (empty with Digests::WholeOnly).
    void segmentHashed(int id, const QByteArray &md5);
    void failed(const QString &error);

private:
    struct State;
    void startWorker();
    std::shared_ptr<State> m_state;
};

} // namespace blobferry::transfer
