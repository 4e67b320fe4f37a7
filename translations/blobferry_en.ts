<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CliOptions</name>
    <message>
        <source>show this text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>show the version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print this manual as a roff man page (for man -l)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print &quot;Finished Transfer: NAME&quot; for each file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text (default) or json: one JSON object per finished file and one for the summary on stdout, messages on stderr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>copy subdirectories too (default: the top level only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uploads: follow symbolic links, to files (the target&apos;s bytes under the link&apos;s name) and to directories (walked; a loop is skipped). Default: links are skipped and reported, as FIFOs, sockets and devices always are; the source itself and a file named as pattern are read through a link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skip files whose source is older than the destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skip files whose source is newer than the destination (both: copy only what the destination does not have)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>times this close count as equal for /XO and /XN (default 2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>copy only what changed since the last run of the same job that completed without a failure (Linux has no archive attribute; see README)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print what would be copied, skipped or overwritten; change nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>account key for a blob source (or BLOBFERRY_SOURCE_KEY)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>account key for a blob destination (or BLOBFERRY_DEST_KEY)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>credentials from a connection string (or BLOBFERRY_SOURCE_CONNECTION_STRING / _DEST_); accepts UseDevelopmentStorage=true</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overwrite existing destination files without asking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete each source file or blob once its copy completed and was verified (a blob with its snapshots, which are not copied); a failed or skipped copy keeps its source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after every copy succeeded, delete the destination items the source no longer has (within /S and the patterns); asks once unless --yes; with --dry-run only lists them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requests in flight (default: 8 x CPU cores)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>upload block / download range size (default 8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retries of a failed request (default 9, about 90 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give up on a request when no byte moved for this long, then retry it (default 60)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>limit the whole job to N megabits per second (both directions, all requests together; 8 Mbps = 1 MB/s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keep a restart journal: run the same command again after an interruption and it resumes mid-file. Default FILE: ~/.local/state/blobferry/journals/&lt;job&gt;.journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>do not keep files&apos; modification times (kept by default: uploads store them as blob metadata, downloads restore them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>block (default), page or detect (.vhd and .vhdx as page blobs, other files as block blobs): page blobs are zero-padded to a multiple of 512 bytes, all-zero pages are not sent (sparse); the file&apos;s length is kept in the blob&apos;s metadata (blobferrylength)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>store each uploaded file&apos;s MD5 as its blob&apos;s Content-MD5 (default on; every block carries its own MD5 either way)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fail a download whose bytes differ from the blob&apos;s stored Content-MD5 (default on)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uploads: store every file with this Content-Type (default: guessed from each file&apos;s name, then its first bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uploads: store application/octet-stream, guess nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uploads: store files with these extensions gzip-compressed with Content-Encoding: gzip (e.g. --gzip js,css,html); the blob&apos;s Content-MD5 is that of the compressed bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downloads: store gzip-encoded blobs as they are (default: decompressed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downloads: names differing only in case get (n), as on a case-insensitive file system (detected when it is one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downloads: apply Windows&apos; naming rules, case included (detected on FAT, exFAT, NTFS and SMB mounts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trust the certificate authorities in this PEM file too, for https endpoints with a certificate of their own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send every request through this proxy: http://[USER:PASSWORD@]HOST:PORT or socks5://...; none for direct connections (or BLOBFERRY_PROXY). Default: the system&apos;s (https_proxy, http_proxy, no_proxy); loopback hosts such as 127.0.0.1 then always go direct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>what the run&apos;s log holds: error, warning, info (default: every file&apos;s outcome) or debug (also each request)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write the run&apos;s log in DIR, or nowhere with none (default: ~/.local/state/blobferry/logs; logs older than 30 days and the oldest beyond 50 MiB in all are deleted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Existing files, moving and mirroring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed, retries and restarts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the copies store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Names of downloaded files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run&apos;s log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uploads: store block blobs in this access tier: hot, cool, cold or archive (default: the account&apos;s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uploads: store this metadata on every blob, e.g. &quot;project=x;owner=ann&quot; (keys: letters, digits and _, not starting with a digit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uploads: give every blob these index tags, e.g. &quot;team=web&amp;stage=prod&quot; (at most 10; keys 1-128 and values 0-256 characters of letters, digits, space and + - . / : = _)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uploads: store every blob with this Cache-Control (e.g. &quot;max-age=3600&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uploads: store every blob with this Content-Disposition (e.g. attachment)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uploads: store every blob with this Content-Encoding (e.g. br, for files compressed already); files --gzip compresses get gzip whatever it says</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uploads: store every blob with this Content-Language (e.g. en-GB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blobferry-cli --list URL [pattern ...]: print the blobs the URL and the patterns name (with /S every level): modified, size, tier, MD5 and name; with --output json one object per blob</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blobferry-cli --remove URL [pattern ...]: delete those blobs, each with its snapshots; asks once with the count unless /Y, only lists them with /DryRun; a blob written since it was listed is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blobferry-cli --set-tier TIER URL [pattern ...]: move those blobs to the Hot, Cool, Cold or Archive tier (block blobs only); out of Archive the blob is rehydrated, which takes hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>with --set-tier, out of Archive: standard (default, up to 15 hours) or high (under an hour for blobs under 10 GiB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commands on blobs (instead of &lt;Source&gt; &lt;Destination&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>unknown option %1; see blobferry-cli --help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown option %1 (if it is a path, it does not exist); see blobferry-cli --help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>option --%1 needs a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>option --%1 takes no value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 key: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 connection string: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 connection string is for account &apos;%2&apos; but the URL names &apos;%3&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: blobferry-cli &lt;Source&gt; &lt;Destination&gt; [pattern ...] [options]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing &lt;Source&gt; and &lt;Destination&gt;; </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing &lt;Destination&gt;; </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (see --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--clock-skew takes a whole number of seconds from 0 to 86400, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--concurrency (/NC) takes a whole number from 1 to 512, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--block-size takes a whole number of MiB from 1 to 4000, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--retries takes a whole number from 0 to 100, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--stall-timeout takes a whole number of seconds from 1 to 3600, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--ca-file: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--log-level takes error, warning, info or debug, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>both &lt;Source&gt; and &lt;Destination&gt; are local paths: one of them must be a blob URL (http:// or https://)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the source %1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the source %1 is a file: give its directory as &lt;Source&gt; and the file names as patterns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the destination %1 is a file: give a directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blobferry-cli %1 - copy files between local disk and Azure Blob Storage

</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--blob-type (/BlobType) takes block, page or detect, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--content-type takes a media type such as text/html or &quot;text/plain; charset=utf-8&quot;, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--gzip takes file extensions separated by commas, such as js,css,html, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--cap-mbps takes a whole number of megabits per second from 1 to 1000000, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--output takes text or json, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--move (/MOV) and --mirror (/MIR) cannot be combined: a move empties the source a mirror copies from; choose one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--archive (/A) and --mirror (/MIR) cannot be combined: a mirror must see every source file, /A looks only at changed ones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 does not apply to a copy from blob to blob, which the service makes with the source&apos;s type and properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the destination %1 is the source or lies inside it: copy to another container or virtual directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--content-type applies to uploads only; a download keeps the bytes and ignores the blob&apos;s type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--gzip applies to uploads only; downloads store gzip-encoded blobs decompressed (or, with --keep-encoding, as they are)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--keep-encoding applies to downloads only; to upload files compressed, use --gzip EXT,...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--gzip cannot be combined with --blob-type page (/BlobType:page): page blobs hold disk images byte for byte; choose one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--no-guess-mime-type applies to uploads only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--follow-symlinks applies to uploads only (links in a local source); a download never writes through a link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the source %1 is a symbolic link to %2, which does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the source %1 is neither a file nor a directory (a FIFO, socket or device): blobferry uploads regular files only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>option %1 has an empty value; write the value right after it, with no space (%1VALUE), or use --%2 VALUE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
A SAS in the URL needs no key. Keys given in the environment stay off the command line.

Downloads write blob names a file system cannot hold under translated names (&quot;Renamed:
NAME -&gt; PATH&quot;), never outside the destination, and record them in .blobferry-names.json;
an upload of that directory restores the original names.

Examples:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Exit status: 0 when every file was copied or skipped, 1 when some failed (files or mirror
deletions), 2 when the job could not run (bad arguments, unreachable service, wrong key, ...).
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 applies to uploads only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--block-blob-tier applies to block blobs, not to --blob-type page (/BlobType:page), whose tiers are Premium&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--block-blob-tier takes hot, cool, cold or archive, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--metadata takes &quot;key1=value1;key2=value2&quot;: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--blob-tags takes &quot;key1=value1&amp;key2=value2&quot;: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--set-tier takes Hot, Cool, Cold or Archive, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--rehydrate-priority takes standard or high, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
       blobferry-cli --list | --remove URL [pattern ...] [options]
       blobferry-cli --set-tier TIER URL [pattern ...] [options]

&lt;Source&gt; and &lt;Destination&gt; are each a local directory or a blob URL:
  https://ACCOUNT.blob.core.windows.net/CONTAINER[/VIRTUAL/DIR][?SAS]
  http://127.0.0.1:10000/devstoreaccount1/CONTAINER[/VIRTUAL/DIR]   (the emulator)
When both are blob URLs, the service copies blob to blob (a source in another account is
read through a SAS: the one in its URL, or a read-only one blobferry signs with its key).
Patterns choose files: wildcards (* and ?) for a local source, matched against file names;
blob-name prefixes for a blob source. A file name as pattern copies that one file.

Options (the original AzCopy&apos;s slash forms work too, in any case):
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 are separate commands: give one of them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--rehydrate-priority goes with --set-tier (moving blobs out of Archive), not with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a blob URL: %2 (see --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 works on a blob URL (http:// or https://), not on &apos;%2&apos;: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a container in the URL: https://ACCOUNT.blob.core.windows.net/CONTAINER[/DIR]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs the account&apos;s key: --source-key KEY (or BLOBFERRY_SOURCE_KEY), a connection string, or a SAS in the URL</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
