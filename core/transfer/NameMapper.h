// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace blobferry::transfer {

// Turns a blob name (relative to the source directory) into a relative local path that is
// guaranteed to stay under the destination root: no empty, "." or ".." segment survives.
// "." becomes "dot" and ".." becomes "dotdot", as in the original.
class NameMapper final
{
public:
    struct Result
    {
        QString relativePath; // '/'-separated; empty when the name maps to the root itself
        bool renamed = false;
        bool isDirectoryMarker = false; // the name ended in '/'
    };

    static Result toLocal(const QString &blobName);
    // True when every segment of a '/'-separated relative path is a plain name.
    static bool staysInside(const QString &relativePath);
};

} // namespace blobferry::transfer
