// SPDX-License-Identifier: MIT
#include "GzipCodec.h"

#include "DiskSpace.h"
#include "SourceFile.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>
#include <algorithm>
#include <zlib.h>

namespace blobferry::transfer {

namespace {

constexpr qint64 kStep = 256 * 1024;
constexpr int kGzipWindow = 15 + 16; // zlib: 15-bit window, gzip wrapper

bool openBoth(QFile &in, QFile &out, QString *error)
{
    const QString inName = in.fileName();
    QString why;
    if (!openSourceFile(in, QIODevice::ReadOnly, &why)) {
        *error = QStringLiteral("cannot read %1: %2").arg(inName, why);
        return false;
    }
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = QStringLiteral("cannot write %1: %2").arg(out.fileName(), out.errorString());
        return false;
    }
    return true;
}

bool writeAll(QFile &out, const char *data, qint64 size, QString *error)
{
    if (out.write(data, size) == size)
        return true;
    *error = QStringLiteral("cannot write %1: %2").arg(out.fileName(), out.errorString());
    return false;
}

} // namespace

QString GzipCodec::decompressBeside(const QString &from, QString *error)
{
    QTemporaryFile target(QFileInfo(from).absolutePath() +
                          QStringLiteral("/.gunzip-XXXXXX.bfpart"));
    target.setAutoRemove(false);
    if (!target.open()) {
        *error =
            QStringLiteral("cannot create a file beside %1: %2").arg(from, target.errorString());
        return {};
    }
    const QString path = target.fileName();
    target.close();
    if (!decompress(from, path, error)) {
        QFile::remove(path);
        return {};
    }
    // A temporary file is private (0600); the file it becomes gets the usual permissions.
    QFile::setPermissions(path, QFileInfo(from).permissions());
    return path;
}

bool GzipCodec::chosen(const QString &fileName, const QStringList &extensions)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    return !suffix.isEmpty() && extensions.contains(suffix);
}

bool GzipCodec::compress(const QString &from, const QString &to, QString *error)
{
    QFile in(from);
    QFile out(to);
    if (!openBoth(in, out, error))
        return false;
    z_stream stream{};
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindow, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK) {
        *error = QStringLiteral("cannot start gzip compression");
        return false;
    }
    // A zeroed header: no name, no time; deterministic output.
    gz_header header{};
    header.os = 3; // Unix
    deflateSetHeader(&stream, &header);
    QByteArray input;
    QByteArray output(int(kStep), Qt::Uninitialized);
    bool ok = true;
    int flush = Z_NO_FLUSH;
    do {
        input = in.read(kStep);
        if (input.isEmpty() && in.error() != QFileDevice::NoError) {
            *error = QStringLiteral("cannot read %1: %2").arg(from, in.errorString());
            ok = false;
            break;
        }
        flush = in.atEnd() || input.isEmpty() ? Z_FINISH : Z_NO_FLUSH;
        stream.next_in = reinterpret_cast<Bytef *>(input.data());
        stream.avail_in = uInt(input.size());
        do {
            stream.next_out = reinterpret_cast<Bytef *>(output.data());
            stream.avail_out = uInt(output.size());
            deflate(&stream, flush);
            ok = writeAll(out, output.constData(), output.size() - stream.avail_out, error);
        } while (ok && stream.avail_out == 0);
    } while (ok && flush != Z_FINISH);
    deflateEnd(&stream);
    return ok && out.flush();
}

bool GzipCodec::decompress(const QString &from, const QString &to, QString *error, qint64 room)
{
    QFile in(from);
    QFile out(to);
    if (!openBoth(in, out, error))
        return false;
    const QString directory = QFileInfo(to).absolutePath();
    if (room < 0) {
        const qint64 free = DiskSpace::available(directory);
        room = free - std::min<qint64>(free / 10, qint64(1) << 30); // never the disk's last bit
    }
    z_stream stream{};
    if (inflateInit2(&stream, kGzipWindow) != Z_OK) {
        *error = QStringLiteral("cannot start gzip decompression");
        return false;
    }
    QByteArray input;
    QByteArray output(int(kStep), Qt::Uninitialized);
    bool ok = true;
    bool ended = false; // the last member ended exactly at the end of the input
    qint64 readIn = 0;
    qint64 totalOut = 0;
    while (ok) {
        input = in.read(kStep);
        if (input.isEmpty())
            break;
        readIn += input.size();
        stream.next_in = reinterpret_cast<Bytef *>(input.data());
        stream.avail_in = uInt(input.size());
        while (ok && stream.avail_in > 0) {
            stream.next_out = reinterpret_cast<Bytef *>(output.data());
            stream.avail_out = uInt(output.size());
            const int status = inflate(&stream, Z_NO_FLUSH);
            if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR) {
                *error = QStringLiteral("the bytes are not valid gzip (%1)")
                             .arg(QString::fromLatin1(stream.msg ? stream.msg : "corrupt data"));
                ok = false;
                break;
            }
            const qint64 produced = output.size() - stream.avail_out;
            // Counted here: inflateReset() zeroes zlib's totals at each member.
            totalOut += produced;
            const qint64 totalIn = readIn - stream.avail_in;
            if (totalOut > kRatioFreeBytes && totalOut > kMaxRatio * totalIn) {
                *error = QStringLiteral("it expands more than %1-fold (%2 bytes from %3), as a "
                                        "decompression bomb does")
                             .arg(kMaxRatio)
                             .arg(totalOut)
                             .arg(totalIn);
                ok = false;
                break;
            }
            if (room >= 0 && totalOut > room) {
                *error = QStringLiteral("decompressed it does not fit in the %1 bytes free in %2")
                             .arg(room)
                             .arg(directory);
                ok = false;
                break;
            }
            ok = writeAll(out, output.constData(), produced, error);
            ended = status == Z_STREAM_END;
            if (ended && stream.avail_in > 0) // another member follows
                inflateReset(&stream);
            else if (status == Z_BUF_ERROR && stream.avail_out != 0)
                break; // needs more input
        }
    }
    inflateEnd(&stream);
    if (ok && !ended) {
        *error = QStringLiteral("the gzip data is cut short");
        ok = false;
    }
    return ok && out.flush();
}

} // namespace blobferry::transfer
