// SPDX-License-Identifier: MIT
#include "Md5.h"

#include <cstring>

namespace blobferry::transfer {

namespace {

inline std::uint32_t rotl(std::uint32_t x, int c)
{
    return (x << c) | (x >> (32 - c));
}

inline std::uint32_t load(const unsigned char *p)
{
    // Little-endian by definition of MD5, whatever the host.
    return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 |
           std::uint32_t(p[3]) << 24;
}

// The four rounds' functions. G = (b & d) | (c & ~d) is written as a sum (the two halves
// share no bit), so c & ~d does not wait for b, the value computed by the step before.
#define BF_F(a, b, c, d, x, t, s) a = b + rotl(a + x + t + (d ^ (b & (c ^ d))), s)
#define BF_G(a, b, c, d, x, t, s) a = b + rotl(a + x + t + (c & ~d) + (b & d), s)
#define BF_H(a, b, c, d, x, t, s) a = b + rotl(a + x + t + (b ^ c ^ d), s)
#define BF_I(a, b, c, d, x, t, s) a = b + rotl(a + x + t + (c ^ (b | ~d)), s)

// The 64 steps for LANES states (1 or 2) over the same 16 message words. With two lanes the
// compiler interleaves two independent chains and the CPU executes them side by side.
#define BF_ROUNDS(STEP1)                                                                           \
    STEP1(BF_F, a, b, c, d, 0, 0xd76aa478, 7);                                                     \
    STEP1(BF_F, d, a, b, c, 1, 0xe8c7b756, 12);                                                    \
    STEP1(BF_F, c, d, a, b, 2, 0x242070db, 17);                                                    \
    STEP1(BF_F, b, c, d, a, 3, 0xc1bdceee, 22);                                                    \
    STEP1(BF_F, a, b, c, d, 4, 0xf57c0faf, 7);                                                     \
    STEP1(BF_F, d, a, b, c, 5, 0x4787c62a, 12);                                                    \
    STEP1(BF_F, c, d, a, b, 6, 0xa8304613, 17);                                                    \
    STEP1(BF_F, b, c, d, a, 7, 0xfd469501, 22);                                                    \
    STEP1(BF_F, a, b, c, d, 8, 0x698098d8, 7);                                                     \
    STEP1(BF_F, d, a, b, c, 9, 0x8b44f7af, 12);                                                    \
    STEP1(BF_F, c, d, a, b, 10, 0xffff5bb1, 17);                                                   \
    STEP1(BF_F, b, c, d, a, 11, 0x895cd7be, 22);                                                   \
    STEP1(BF_F, a, b, c, d, 12, 0x6b901122, 7);                                                    \
    STEP1(BF_F, d, a, b, c, 13, 0xfd987193, 12);                                                   \
    STEP1(BF_F, c, d, a, b, 14, 0xa679438e, 17);                                                   \
    STEP1(BF_F, b, c, d, a, 15, 0x49b40821, 22);                                                   \
    STEP1(BF_G, a, b, c, d, 1, 0xf61e2562, 5);                                                     \
    STEP1(BF_G, d, a, b, c, 6, 0xc040b340, 9);                                                     \
    STEP1(BF_G, c, d, a, b, 11, 0x265e5a51, 14);                                                   \
    STEP1(BF_G, b, c, d, a, 0, 0xe9b6c7aa, 20);                                                    \
    STEP1(BF_G, a, b, c, d, 5, 0xd62f105d, 5);                                                     \
    STEP1(BF_G, d, a, b, c, 10, 0x02441453, 9);                                                    \
    STEP1(BF_G, c, d, a, b, 15, 0xd8a1e681, 14);                                                   \
    STEP1(BF_G, b, c, d, a, 4, 0xe7d3fbc8, 20);                                                    \
    STEP1(BF_G, a, b, c, d, 9, 0x21e1cde6, 5);                                                     \
    STEP1(BF_G, d, a, b, c, 14, 0xc33707d6, 9);                                                    \
    STEP1(BF_G, c, d, a, b, 3, 0xf4d50d87, 14);                                                    \
    STEP1(BF_G, b, c, d, a, 8, 0x455a14ed, 20);                                                    \
    STEP1(BF_G, a, b, c, d, 13, 0xa9e3e905, 5);                                                    \
    STEP1(BF_G, d, a, b, c, 2, 0xfcefa3f8, 9);                                                     \
    STEP1(BF_G, c, d, a, b, 7, 0x676f02d9, 14);                                                    \
    STEP1(BF_G, b, c, d, a, 12, 0x8d2a4c8a, 20);                                                   \
    STEP1(BF_H, a, b, c, d, 5, 0xfffa3942, 4);                                                     \
    STEP1(BF_H, d, a, b, c, 8, 0x8771f681, 11);                                                    \
    STEP1(BF_H, c, d, a, b, 11, 0x6d9d6122, 16);                                                   \
    STEP1(BF_H, b, c, d, a, 14, 0xfde5380c, 23);                                                   \
    STEP1(BF_H, a, b, c, d, 1, 0xa4beea44, 4);                                                     \
    STEP1(BF_H, d, a, b, c, 4, 0x4bdecfa9, 11);                                                    \
    STEP1(BF_H, c, d, a, b, 7, 0xf6bb4b60, 16);                                                    \
    STEP1(BF_H, b, c, d, a, 10, 0xbebfbc70, 23);                                                   \
    STEP1(BF_H, a, b, c, d, 13, 0x289b7ec6, 4);                                                    \
    STEP1(BF_H, d, a, b, c, 0, 0xeaa127fa, 11);                                                    \
    STEP1(BF_H, c, d, a, b, 3, 0xd4ef3085, 16);                                                    \
    STEP1(BF_H, b, c, d, a, 6, 0x04881d05, 23);                                                    \
    STEP1(BF_H, a, b, c, d, 9, 0xd9d4d039, 4);                                                     \
    STEP1(BF_H, d, a, b, c, 12, 0xe6db99e5, 11);                                                   \
    STEP1(BF_H, c, d, a, b, 15, 0x1fa27cf8, 16);                                                   \
    STEP1(BF_H, b, c, d, a, 2, 0xc4ac5665, 23);                                                    \
    STEP1(BF_I, a, b, c, d, 0, 0xf4292244, 6);                                                     \
    STEP1(BF_I, d, a, b, c, 7, 0x432aff97, 10);                                                    \
    STEP1(BF_I, c, d, a, b, 14, 0xab9423a7, 15);                                                   \
    STEP1(BF_I, b, c, d, a, 5, 0xfc93a039, 21);                                                    \
    STEP1(BF_I, a, b, c, d, 12, 0x655b59c3, 6);                                                    \
    STEP1(BF_I, d, a, b, c, 3, 0x8f0ccc92, 10);                                                    \
    STEP1(BF_I, c, d, a, b, 10, 0xffeff47d, 15);                                                   \
    STEP1(BF_I, b, c, d, a, 1, 0x85845dd1, 21);                                                    \
    STEP1(BF_I, a, b, c, d, 8, 0x6fa87e4f, 6);                                                     \
    STEP1(BF_I, d, a, b, c, 15, 0xfe2ce6e0, 10);                                                   \
    STEP1(BF_I, c, d, a, b, 6, 0xa3014314, 15);                                                    \
    STEP1(BF_I, b, c, d, a, 13, 0x4e0811a1, 21);                                                   \
    STEP1(BF_I, a, b, c, d, 4, 0xf7537e82, 6);                                                     \
    STEP1(BF_I, d, a, b, c, 11, 0xbd3af235, 10);                                                   \
    STEP1(BF_I, c, d, a, b, 2, 0x2ad7d2bb, 15);                                                    \
    STEP1(BF_I, b, c, d, a, 9, 0xeb86d391, 21)

#define BF_ONE(f, a, b, c, d, i, t, s) f(a, b, c, d, m[i], t, s)
#define BF_TWO(f, a, b, c, d, i, t, s)                                                             \
    f(a##1, b##1, c##1, d##1, m[i], t, s);                                                         \
    f(a##2, b##2, c##2, d##2, m[i], t, s)

void compress(std::uint32_t *state, const unsigned char *p, qsizetype blocks)
{
    std::uint32_t a0 = state[0], b0 = state[1], c0 = state[2], d0 = state[3];
    for (; blocks > 0; --blocks, p += 64) {
        std::uint32_t m[16];
        for (int i = 0; i < 16; ++i)
            m[i] = load(p + 4 * i);
        std::uint32_t a = a0, b = b0, c = c0, d = d0;
        BF_ROUNDS(BF_ONE);
        a0 += a;
        b0 += b;
        c0 += c;
        d0 += d;
    }
    state[0] = a0;
    state[1] = b0;
    state[2] = c0;
    state[3] = d0;
}

void compressTwo(std::uint32_t *s1, std::uint32_t *s2, const unsigned char *p, qsizetype blocks)
{
    std::uint32_t a01 = s1[0], b01 = s1[1], c01 = s1[2], d01 = s1[3];
    std::uint32_t a02 = s2[0], b02 = s2[1], c02 = s2[2], d02 = s2[3];
    for (; blocks > 0; --blocks, p += 64) {
        std::uint32_t m[16];
        for (int i = 0; i < 16; ++i)
            m[i] = load(p + 4 * i);
        std::uint32_t a1 = a01, b1 = b01, c1 = c01, d1 = d01;
        std::uint32_t a2 = a02, b2 = b02, c2 = c02, d2 = d02;
        BF_ROUNDS(BF_TWO);
        a01 += a1;
        b01 += b1;
        c01 += c1;
        d01 += d1;
        a02 += a2;
        b02 += b2;
        c02 += c2;
        d02 += d2;
    }
    s1[0] = a01;
    s1[1] = b01;
    s1[2] = c01;
    s1[3] = d01;
    s2[0] = a02;
    s2[1] = b02;
    s2[2] = c02;
    s2[3] = d02;
}

} // namespace

Md5::Md5()
    : m_state{0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476}
{}

qsizetype Md5::topUp(const unsigned char *data, qsizetype size)
{
    const qsizetype fill = qsizetype(m_length % 64);
    if (fill == 0)
        return 0;
    const qsizetype take = std::min<qsizetype>(64 - fill, size);
    std::memcpy(m_buffer + fill, data, size_t(take));
    m_length += std::uint64_t(take);
    if (fill + take == 64)
        compress(m_state, m_buffer, 1);
    return take;
}

void Md5::keepTail(const unsigned char *data, qsizetype size)
{
    // Called at a block boundary: the buffer is empty.
    std::memcpy(m_buffer, data, size_t(size));
    m_length += std::uint64_t(size);
}

void Md5::addData(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    qsizetype size = bytes.size();
    const qsizetype used = topUp(p, size);
    p += used;
    size -= used;
    if (m_length % 64 != 0)
        return; // everything went into the buffer
    const qsizetype blocks = size / 64;
    compress(m_state, p, blocks);
    m_length += std::uint64_t(blocks) * 64;
    keepTail(p + blocks * 64, size - blocks * 64);
}

void Md5::addToBoth(Md5 &a, Md5 &b, QByteArrayView bytes)
{
    if (a.m_length % 64 != b.m_length % 64) {
        a.addData(bytes);
        b.addData(bytes);
        return;
    }
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    qsizetype size = bytes.size();
    // Both buffers hold the same number of bytes (not necessarily the same bytes), so after
    // the same top-up both stand at a block boundary together, or both still wait.
    const qsizetype used = a.topUp(p, size);
    b.topUp(p, size);
    p += used;
    size -= used;
    if (a.m_length % 64 != 0)
        return;
    const qsizetype blocks = size / 64;
    compressTwo(a.m_state, b.m_state, p, blocks);
    a.m_length += std::uint64_t(blocks) * 64;
    b.m_length += std::uint64_t(blocks) * 64;
    a.keepTail(p + blocks * 64, size - blocks * 64);
    b.keepTail(p + blocks * 64, size - blocks * 64);
}

QByteArray Md5::result() const
{
    Md5 last = *this;
    // Padding: 0x80, zeros up to 56 mod 64, then the length in bits, little-endian.
    unsigned char pad[72] = {0x80};
    const qsizetype fill = qsizetype(m_length % 64);
    const qsizetype padLength = (fill < 56 ? 56 : 120) - fill;
    const std::uint64_t bits = m_length * 8;
    for (int i = 0; i < 8; ++i)
        pad[padLength + i] = (unsigned char)(bits >> (8 * i));
    last.addData(QByteArrayView(reinterpret_cast<const char *>(pad), padLength + 8));
    QByteArray digest(16, Qt::Uninitialized);
    for (int i = 0; i < 16; ++i)
        digest[i] = char(last.m_state[i / 4] >> (8 * (i % 4)));
    return digest;
}

} // namespace blobferry::transfer
