// SPDX-License-Identifier: MIT
#pragma once

#include "azure/BlobLocation.h"
#include "azure/Credential.h"
#include "net/RetryPolicy.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace blobferry::transfer {

// One side of a copy: a local directory or a place in a container.
struct Endpoint
{
    QString localPath;                       // set for the local side
    std::optional<azure::BlobLocation> blob; // set for the blob side
    azure::Credential credential;

    bool isBlob() const { return blob.has_value(); }
};

enum class OverwritePolicy
{
    Ask,    // ask the ConflictResolver (a prompt, a dialog)
    Always, // /Y
    Never,
};

// Everything a transfer job needs to know, independent of any front end.
struct TransferSpec
{
    static constexpr qint64 kMiB = 1024 * 1024;

    Endpoint source;
    Endpoint destination;
    QStringList patterns; // wildcards for a local source, prefixes for a blob source
    bool recursive = false;
    int concurrency = 16;        // requests in flight
    qint64 blockSize = 8 * kMiB; // upload block and download range size
    OverwritePolicy overwrite = OverwritePolicy::Ask;
    // Download names: force what the destination probe would otherwise detect.
    bool caseInsensitiveNames = false; // names differing only in case get "(n)"
    bool windowsNames = false;         // Windows' naming rules (FAT, NTFS, SMB targets)
    net::RetryPolicy retry;
};

} // namespace blobferry::transfer
