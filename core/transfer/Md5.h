// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <cstdint>

namespace blobferry::transfer {

// MD5 (RFC 1321), written here for speed where blobferry spends most of its CPU. One MD5 is
// bound by the latency of its chain of dependent additions, not by the CPU's throughput, so
// addToBoth() runs two hashes over the same bytes interleaved in one loop at about the cost
// of one: an upload needs each block's MD5 and the file's, from the same bytes.
class Md5 final
{
public:
    Md5();

    void addData(QByteArrayView bytes);
    // The raw 16-byte digest of everything added so far; the hash can go on afterwards.
    QByteArray result() const;

    // a.addData(bytes); b.addData(bytes); in one pass when both stand at the same offset
    // within a 64-byte block (always, for blocks that are multiples of 64 bytes).
    static void addToBoth(Md5 &a, Md5 &b, QByteArrayView bytes);

private:
    // Consumes up to 64 - fill bytes into the buffer; compresses it when full.
    qsizetype topUp(const unsigned char *data, qsizetype size);
    void keepTail(const unsigned char *data, qsizetype size);

    std::uint32_t m_state[4];
    std::uint64_t m_length = 0; // bytes added
    unsigned char m_buffer[64];
};

} // namespace blobferry::transfer
