// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QString>

namespace blobferry::transfer {

// MD5 of a byte range of a file, read in 1 MiB steps so memory stays flat. `alsoFeed`, when
// given, receives the same bytes (the whole-file hash built block by block in order).
// Returns the raw digest, or nothing and sets *error when the file cannot be read.
QByteArray md5OfRange(const QString &path, qint64 offset, qint64 length,
                      QCryptographicHash *alsoFeed, QString *error);

} // namespace blobferry::transfer
