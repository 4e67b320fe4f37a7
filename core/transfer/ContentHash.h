// SPDX-License-Identifier: MIT
#pragma once

#include "Md5.h"

#include <QByteArray>
#include <QString>

namespace blobferry::transfer {

// Reads a byte range of a file once, in 1 MiB steps so memory stays flat, and feeds it to
// `hash` and, when given, to `alsoFeed` (a block's own MD5 and the whole file's, built block
// by block in order). Returns false and sets *error when the file cannot be read.
bool hashRange(const QString &path, qint64 offset, qint64 length, Md5 *hash, Md5 *alsoFeed,
               QString *error);

// The raw MD5 digest of a byte range, or nothing with *error set.
QByteArray md5OfRange(const QString &path, qint64 offset, qint64 length, QString *error);

} // namespace blobferry::transfer
