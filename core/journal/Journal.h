// SPDX-License-Identifier: MIT
#pragma once

#include "JobIdentity.h"

#include <QFile>
#include <QHash>
#include <QJsonObject>
#include <QLockFile>
#include <QSet>
#include <QString>
#include <memory>

namespace blobferry::journal {

// The restart journal (/Z): an append-only file of checksummed one-line records, written
// before and after each step of each file, so that a run killed at any instant leaves a
// journal that is current or one step behind, never unusable.
//
//   a1b2c3d4 {"t":"job","v":1,"id":{…}}            who wrote it (no secrets)
//   0f0e0d0c {"t":"start","n":"big.bin",…}          before a file's first byte goes out
//   5a5b5c5d {"t":"range","n":"big.bin","i":3}       a block / range / page run confirmed
//   1a2b3c4d {"t":"part","n":"big.bin","i":4,"k":…}  a download range's first k bytes synced
//   77665544 {"t":"partfile","n":"big.bin","p":…}   a download's part file was renamed
//   99887766 {"t":"done","n":"big.bin"}              the file is complete at its destination
//
// Each line is the CRC-32 (hex) of its JSON, a space, the JSON and '\n'. A torn last line
// (the writer was killed mid-write) is dropped and reported; a bad line anywhere else means
// the file was damaged and the journal is refused.
//
// The path given with /Z:FILE must be absent or such a journal: anything else (a device, a
// FIFO, a directory, a link, an empty or foreign file) is refused before it is opened for
// writing, and only the file this object created or read as a journal is ever removed.
class Journal final
{
public:
    // What the earlier run left of one file.
    struct FileState
    {
        qint64 size = -1;
        qint64 modifiedMs = 0; // local source: the file's mtime when it was started
        QByteArray etag;       // blob source: the blob's ETag when it was started
        QByteArray tag;        // block-id tag of the upload
        QString partName;      // download: the part file this run created, beside the file
        QSet<int> rangesDone;
        QHash<int, qint64> rangesPartly; // download ranges: bytes durable at the range's start
        bool done = false;
    };

    // Opens `path` for `identity`: creates it, or reads what an earlier run of the same job
    // left. Locks it against a second process. On failure returns null and sets *error to
    // one line saying what is wrong and what to do. *notice receives a remark worth printing
    // (a torn last record was dropped), if any.
    static std::unique_ptr<Journal> open(const QString &path, const JobIdentity &identity,
                                         QString *error, QString *notice = nullptr);
    // $XDG_STATE_HOME/blobferry/journals/<stem>.journal (~/.local/state when unset).
    static QString defaultPath(const JobIdentity &identity);

    ~Journal();

    const QString &path() const { return m_path; }
    // The earlier run's record of a file, or null. Ranges this run confirms for a file it did
    // not start anew are added to it, so it says what a re-read of the file would.
    const FileState *previous(const QString &name) const;
    int previousFileCount() const { return int(m_previous.size()); }

    void fileStarted(const QString &name, const FileState &state);
    // A download's part file now has another name (its file had to move aside).
    void partFileRenamed(const QString &name, const QString &partName);
    void rangeDone(const QString &name, int index);
    // A download range of which `bytes` from its start are on disk and synced.
    void rangePartly(const QString &name, int index, qint64 bytes);
    // Carries the file's identity again: small files are only ever recorded as done.
    void fileDone(const QString &name, const FileState &state);
    // Makes what was written durable (fdatasync). Called on a timer and at the end, not per
    // record: a power cut then costs at most the last second of records, each of which only
    // ever marks work as done after that work is itself durable.
    void sync();
    // For a sync off the caller's thread: the descriptor to fdatasync (through a dup, at once),
    // or -1 when nothing was written since the last sync. The records are counted as synced.
    int handleToSync();
    // That sync failed: the records count as unsynced again (the next checkpoint syncs, though
    // the kernel may have dropped what the failed one could not write).
    void syncFailed() { m_dirty = true; }
    // A file paused inside the running job: what this run wrote of it becomes its previous()
    // state, so the same run resumes it as a later run would (the desktop's per-file pause).
    void keepForResume(const QString &name);
    // A file ended in this run (not paused): its in-run state is not needed again.
    void forgetRun(const QString &name);
    // The job is over: a clean finish removes the file; otherwise it stays for the re-run.
    void close(bool removeFile);

    // Parses journal text; public for the fuzz test. Returns false with *error on damage.
    static bool parse(const QByteArray &text, JobIdentity *identity,
                      QHash<QString, FileState> *files, qint64 *validLength, bool *tornTail,
                      QString *error);
    static QByteArray encodeRecord(const QJsonObject &record);

private:
    Journal() = default;
    void append(const QJsonObject &record);
    // This run's state of a file (started in this run, else the earlier run's), or null.
    FileState *stateOf(const QString &name);
    // Opens the journal file into m_file, refusing what is not a regular file (never blocking
    // on a FIFO). Returns false with *error.
    bool openFile(QString *error);
    // Makes the file with its job record in one step (a temporary file linked into place), so
    // that no run, however it ends, leaves an empty journal behind.
    bool createFile(const JobIdentity &identity, QString *error);

    QString m_path;
    QFile m_file;
    std::unique_ptr<QLockFile> m_lock;
    QHash<QString, FileState> m_previous;
    // Files started in this run and not done yet (bounded by the files in flight).
    QHash<QString, FileState> m_started;
    // The file opened: close(true) removes the path only while it still names this file.
    quint64 m_device = 0;
    quint64 m_inode = 0;
    bool m_dirty = false;
    bool m_writeFailed = false;
};

} // namespace blobferry::journal
