// SPDX-License-Identifier: MIT
#include "UndecodableNames.h"

#include <QFile>
#include <QStringDecoder>
#include <dirent.h>
#include <sys/stat.h>

namespace blobferry::transfer {

bool UndecodableNames::isValidUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    return !decoder.hasError() && text.toUtf8() == bytes;
}

QList<UndecodableNames::Entry> UndecodableNames::in(const QString &directory)
{
    QList<Entry> found;
    const QByteArray path = QFile::encodeName(directory);
    DIR *dir = ::opendir(path.constData());
    if (!dir)
        return found;
    while (const dirent *entry = ::readdir(dir)) {
        const QByteArray name(entry->d_name);
        if (name == "." || name == ".." || isValidUtf8(name))
            continue;
        struct stat info;
        if (::lstat((path + '/' + name).constData(), &info) != 0)
            continue;
        if (S_ISREG(info.st_mode) || S_ISDIR(info.st_mode))
            found.append({name, S_ISDIR(info.st_mode)});
    }
    ::closedir(dir);
    return found;
}

QString UndecodableNames::display(const QByteArray &name)
{
    QString out;
    int i = 0;
    while (i < name.size()) {
        // The longest valid UTF-8 sequence starting here (1 to 4 bytes), else one raw byte.
        int length = 0;
        for (int n = 4; n >= 1 && length == 0; --n)
            if (i + n <= name.size() && isValidUtf8(name.mid(i, n)))
                length = n;
        if (length > 0) {
            out += QString::fromUtf8(name.mid(i, length));
            i += length;
        } else {
            out += QStringLiteral("\\x") + QString::number(uint(uchar(name.at(i))), 16)
                                               .rightJustified(2, QLatin1Char('0'))
                                               .toUpper();
            ++i;
        }
    }
    return out;
}

} // namespace blobferry::transfer
