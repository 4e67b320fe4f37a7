// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace blobferry::transfer {

// The parts of a '/'-separated name (a blob name, a relative or absolute local path).
// The directory part, with its trailing '/': "a/b/" of "a/b/c", "" of "c".
QString directoryOf(const QString &path);
// The last segment: "c" of "a/b/c" and of "c".
QString leafOf(const QString &path);

} // namespace blobferry::transfer
