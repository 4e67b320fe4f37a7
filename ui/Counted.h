// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace blobferry::ui {

// "1 blob" or "3 blobs", said in full: the window loads no translator to resolve %n's plural
// forms, so tr("%n blob(s)") would show "blob(s)". Pass tr("1 blob") and tr("%1 blobs").
inline QString counted(qint64 n, const QString &one, const QString &many)
{
    return n == 1 ? one : many.arg(n);
}

} // namespace blobferry::ui
