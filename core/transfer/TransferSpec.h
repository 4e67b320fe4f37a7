// SPDX-License-Identifier: MIT
#pragma once

#include "UploadAttributes.h"
#include "azure/BlobLocation.h"
#include "azure/Credential.h"
#include "net/NetworkPool.h"
#include "net/ProxySettings.h"
#include "net/RetryPolicy.h"

#include <QHash>
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

enum class BlobType
{
    Block, // the default: best for nearly all files
    Page,  // /BlobType:page: zero-padded to 512 bytes (disk images)
};

// What happens to a destination that exists (ConflictPolicy applies it, after the rules that
// come first: identical files, /XO, /XN).
enum class OverwritePolicy
{
    Ask,      // ask the ConflictResolver (a prompt, a dialog)
    Always,   // /Y
    Never,    // skip it
    KeepBoth, // copy under a free "name(n)" beside it
    IfNewer,  // overwrite when the source is newer (beyond the clock skew), else skip
};

// Everything a transfer job needs to know, independent of any front end.
struct TransferSpec
{
    static constexpr qint64 kMiB = 1024 * 1024;
    // The requests in flight a job may ask for (--concurrency, the Settings dialog).
    static constexpr int kMinConcurrency = 1;
    static constexpr int kMaxConcurrency = 512;
    // 8 requests per CPU core (QThread::idealThreadCount), within the bounds above: the one
    // default of the command line and the window.
    static int defaultConcurrency();

    Endpoint source;
    Endpoint destination;
    QStringList patterns; // wildcards for a local source, prefixes for a blob source
    // Exactly these source names (relative, '/'-separated) and nothing else; patterns are then
    // ignored. The desktop uses it for a selection and to retry the files that failed.
    QStringList onlyNames;
    // Source names listed but held paused (TransferEngine::resumeFile lets one go): the
    // desktop resumes some files of a batch and keeps the others paused.
    QStringList heldNames;
    // Blob-to-blob copies: a source name (relative) copied under another relative name (the
    // window's Rename of one blob); names not in it keep theirs.
    QHash<QString, QString> renames;
    bool recursive = false;
    // --follow-symlinks: symbolic links in a local source are followed, to files (uploaded
    // under the link's name) and to directories (walked; a loop is reported and skipped).
    // Without it links are reported as skipped, as FIFOs, sockets and devices always are; the
    // source directory itself, and a file the user named, are read through a link regardless.
    bool followSymlinks = false;
    int concurrency = defaultConcurrency(); // requests in flight
    qint64 blockSize = 8 * kMiB;            // upload block and download range size
    BlobType blobType = BlobType::Block;
    OverwritePolicy overwrite = OverwritePolicy::Ask;
    // Download names: force what the destination probe would otherwise detect.
    bool caseInsensitiveNames = false; // names differing only in case get "(n)"
    bool windowsNames = false;         // Windows' naming rules (FAT, NTFS, SMB targets)
    net::RetryPolicy retry;
    // /Z: keep a restart journal; journalPath empty = the default place (Journal::defaultPath).
    bool restartable = false;
    // Integrity: store the whole file's MD5 as the blob's Content-MD5 on upload, and check a
    // download against a stored Content-MD5. Each Put Block carries its own MD5 regardless.
    bool putMd5 = true;
    bool checkMd5 = true;
    // /XO, /XN: skip a file whose source is older / newer than its destination; times within
    // clockSkewMs count as equal (clocks of a PC and of the service never quite agree).
    bool excludeOlder = false;
    bool excludeNewer = false;
    qint64 clockSkewMs = 2000;
    // Uploads record the file's mtime in the blob's metadata; downloads restore it.
    bool preserveTime = true;
    // Decide everything, change nothing.
    bool dryRun = false;
    QString journalPath;
    QString caFile;           // PEM certificates trusted for https besides the system's (--ca-file)
    net::ProxySettings proxy; // the system's proxy unless the user chose one (--proxy)
    // Empty (always, outside tests): requests go to the network. The in-process engine tests
    // set it to answer from a fake Blob service (tests/support/FakeBlobService).
    net::AccessManagerFactory accessManagers;

    // --- What the copies store and what happens around them: content type, gzip, move,
    // mirror, archive, the bandwidth cap ---
    // Uploads: the blob's Content-Type. Empty contentType: guessed from the file (name, then
    // content) unless guessContentType is off, which leaves application/octet-stream.
    QString contentType;
    bool guessContentType = true;
    // Uploads of block blobs: tier, metadata, index tags and headers (--block-blob-tier,
    // --metadata, --blob-tags, --cache-control, ...; the Settings dialog's defaults).
    UploadAttributes uploadAttributes;
    // --move: each source file or blob is deleted once its copy completed and was verified.
    bool move = false;
    // --mirror: after every copy succeeded, destination items the source lacks are deleted
    // (asked once unless overwrite is Always; listed only in a dry run).
    bool mirror = false;
    bool deleteWithoutAsking = false; // --yes: the mirror's deletions are not asked about
    // --gzip: uploads of files with these extensions (lower case, no dot) are stored
    // gzip-compressed with Content-Encoding: gzip. Downloads store such blobs decompressed
    // unless keepEncoding (--keep-encoding).
    QStringList gzipExtensions;
    bool keepEncoding = false;
    // --cap-mbps: the whole job's bandwidth, both directions, in megabits per second; 0: none.
    int capMbps = 0;
    // --blob-type detect: disk images (.vhd, .vhdx) become page blobs, other files block
    // blobs (blobType stays Block).
    bool detectPageBlobs = false;
    // --archive (/A): only what changed since the last completed run of the same job
    // (ArchiveRecord explains the rule on systems without an archive attribute).
    bool archive = false;
};

} // namespace blobferry::transfer
