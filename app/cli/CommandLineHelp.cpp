// SPDX-License-Identifier: MIT
// The --help text: long enough to live apart from the parser it describes.
#include "CommandLine.h"

namespace blobferry::cli {

QString CommandLine::helpText()
{
    // Translatable; the option names and examples inside stay as they are.
    return tr(R"(blobferry-cli %1 - copy files between local disk and Azure Blob Storage

)")
               .arg(QStringLiteral(BLOBFERRY_VERSION)) +
           usageLine() + tr(R"(

<Source> and <Destination> are each a local directory or a blob URL:
  https://ACCOUNT.blob.core.windows.net/CONTAINER[/VIRTUAL/DIR][?SAS]
  http://127.0.0.1:10000/devstoreaccount1/CONTAINER[/VIRTUAL/DIR]   (the emulator)
When both are blob URLs, the service copies blob to blob (a source in another account is
read through a SAS: the one in its URL, or a read-only one blobferry signs with its key).
Patterns choose files: wildcards (* and ?) for a local source, matched against file names;
blob-name prefixes for a blob source. A file name as pattern copies that one file.

Options (the original AzCopy's slash forms work too, in any case):
  -h, --help, /?                 show this text
      --version                  show the version
      --recursive, /S            copy subdirectories too (default: the top level only)
      --follow-symlinks          uploads: follow symbolic links, to files (the target's bytes
                                 under the link's name) and to directories (walked; a loop is
                                 skipped). Default: links are skipped and reported, as FIFOs,
                                 sockets and devices always are; the source itself and a file
                                 named as pattern are read through a link
      --verbose, /V              print "Finished Transfer: NAME" for each file
      --yes, /Y                  overwrite existing destination files without asking
      --source-key KEY, /SourceKey:KEY
                                 account key for a blob source (or BLOBFERRY_SOURCE_KEY)
      --dest-key KEY, /DestKey:KEY
                                 account key for a blob destination (or BLOBFERRY_DEST_KEY)
      --source-connection-string CS, --dest-connection-string CS
                                 credentials from a connection string (or
                                 BLOBFERRY_SOURCE_CONNECTION_STRING / _DEST_); accepts
                                 UseDevelopmentStorage=true
      --concurrency N, /NC:N     requests in flight (default: 8 x CPU cores)
      --block-size MIB           upload block / download range size (default 8)
      --retries N                retries of a failed request (default 9, about 90 s)
      --restartable[=FILE], /Z[:FILE]
                                 keep a restart journal: run the same command again after
                                 an interruption and it resumes mid-file. Default FILE:
                                 ~/.local/state/blobferry/journals/<job>.journal
      --exclude-older, /XO       skip files whose source is older than the destination
      --exclude-newer, /XN       skip files whose source is newer than the destination
                                 (both: copy only what the destination does not have)
      --clock-skew SECONDS       times this close count as equal for /XO and /XN (default 2)
      --dry-run, /DryRun         print what would be copied, skipped or overwritten; change
                                 nothing
      --no-preserve-time         do not keep files' modification times (kept by default:
                                 uploads store them as blob metadata, downloads restore them)
      --blob-type TYPE, /BlobType:TYPE
                                 block (default), page or detect (.vhd and .vhdx as page
                                 blobs, other files as block blobs): page blobs are
                                 zero-padded to a multiple of 512 bytes, all-zero pages are
                                 not sent (sparse); the file's length is kept in the blob's
                                 metadata (blobferrylength)
      --put-md5, --no-put-md5    store each uploaded file's MD5 as its blob's Content-MD5
                                 (default on; every block carries its own MD5 either way)
      --check-md5, --no-check-md5
                                 fail a download whose bytes differ from the blob's stored
                                 Content-MD5 (default on)
      --stall-timeout SECONDS    give up on a request when no byte moved for this long,
                                 then retry it (default 60)
      --ca-file PEM              trust the certificate authorities in this PEM file too, for
                                 https endpoints with a certificate of their own
      --proxy URL                send every request through this proxy:
                                 http://[USER:PASSWORD@]HOST:PORT or socks5://...; none for
                                 direct connections (or BLOBFERRY_PROXY). Default: the
                                 system's (https_proxy, http_proxy, no_proxy); loopback
                                 hosts such as 127.0.0.1 then always go direct
      --log-level LEVEL          what the run's log holds: error, warning, info (default:
                                 every file's outcome) or debug (also each request)
      --log-dir DIR              write the run's log in DIR, or nowhere with none (default:
                                 ~/.local/state/blobferry/logs; logs older than 30 days and
                                 the oldest beyond 50 MiB in all are deleted)
      --case-insensitive         downloads: names differing only in case get (n), as on a
                                 case-insensitive file system (detected when it is one)
      --windows-names            downloads: apply Windows' naming rules, case included
                                 (detected on FAT, exFAT, NTFS and SMB mounts)
      --content-type TYPE        uploads: store every file with this Content-Type (default:
                                 guessed from each file's name, then its first bytes)
      --no-guess-mime-type       uploads: store application/octet-stream, guess nothing
      --move, /MOV               delete each source file or blob once its copy completed and
                                 was verified (a blob with its snapshots, which are not
                                 copied); a failed or skipped copy keeps its source
      --mirror, /MIR             after every copy succeeded, delete the destination items the
                                 source no longer has (within /S and the patterns); asks once
                                 unless --yes; with --dry-run only lists them
      --gzip EXT[,EXT...]        uploads: store files with these extensions gzip-compressed
                                 with Content-Encoding: gzip (e.g. --gzip js,css,html); the
                                 blob's Content-MD5 is that of the compressed bytes
      --keep-encoding            downloads: store gzip-encoded blobs as they are (default:
                                 decompressed)
      --cap-mbps N               limit the whole job to N megabits per second (both
                                 directions, all requests together; 8 Mbps = 1 MB/s)
      --archive, /A              copy only what changed since the last run of the same job
                                 that completed without a failure (Linux has no archive
                                 attribute; see README)
      --output FORMAT            text (default) or json: one JSON object per finished file and
                                 one for the summary on stdout, messages on stderr

A SAS in the URL needs no key. Keys given in the environment stay off the command line.

Downloads write blob names a file system cannot hold under translated names ("Renamed:
NAME -> PATH"), never outside the destination, and record them in .blobferry-names.json;
an upload of that directory restores the original names.

Examples:
  blobferry-cli ./blob-data http://127.0.0.1:10000/devstoreaccount1/mycontainer /DestKey:KEY /S
  blobferry-cli http://127.0.0.1:10000/devstoreaccount1/mycontainer ./blob-data /SourceKey:KEY /S /V
  blobferry-cli http://127.0.0.1:10000/devstoreaccount1/mycontainer ./blob-data car /SourceKey:KEY /S
  blobferry-cli ./blob-data http://127.0.0.1:10000/devstoreaccount1/mycontainer /DestKey:KEY /Z:restart.log /S
  blobferry-cli ./mydata http://127.0.0.1:10000/devstoreaccount1/mycontainer abc.txt --dest-key KEY
  blobferry-cli ./blob-data http://127.0.0.1:10000/devstoreaccount1/mycontainer /S /MIR /Y /DestKey:KEY
  blobferry-cli http://127.0.0.1:10000/devstoreaccount1/mycontainer ./inbox /MOV /SourceKey:KEY
  blobferry-cli ./site http://127.0.0.1:10000/devstoreaccount1/web /S /DestKey:KEY --output json
  blobferry-cli ./site http://127.0.0.1:10000/devstoreaccount1/web /S /DestKey:KEY --gzip js,css,html
  blobferry-cli ./backup http://127.0.0.1:10000/devstoreaccount1/nightly /S /DestKey:KEY --cap-mbps 40
  blobferry-cli ./vms http://127.0.0.1:10000/devstoreaccount1/disks /S /BlobType:detect /DestKey:KEY
  blobferry-cli ./photos http://127.0.0.1:10000/devstoreaccount1/photos /S /A /Y /DestKey:KEY
  blobferry-cli http://127.0.0.1:10000/devstoreaccount1/mycontainer http://127.0.0.1:10000/devstoreaccount1/backup /S /SourceKey:KEY /DestKey:KEY

Exit status: 0 when every file was copied or skipped, 1 when some failed (files or mirror
deletions), 2 when the job could not run (bad arguments, unreachable service, wrong key, ...).
)");
}

} // namespace blobferry::cli
