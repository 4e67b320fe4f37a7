// SPDX-License-Identifier: MIT
#pragma once

#include <QFile>
#include <QString>

namespace blobferry::transfer {

// Opens a local file the job is reading (an upload's body, its hash, a page scan, --gzip's
// input) as a regular file, or not at all. The walk saw a regular file, but something else
// may have taken its name since: a FIFO would block the engine's thread for ever, a device
// would be read without end. Opened non-blocking and checked with fstat (O_NONBLOCK changes
// nothing for a regular file, so it stays).
// False with *why (to follow "cannot read PATH: ") when it cannot be opened or is not a
// regular file any more.
bool openSourceFile(QFile &file, QIODevice::OpenMode mode, QString *why);

} // namespace blobferry::transfer
