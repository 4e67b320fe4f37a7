// SPDX-License-Identifier: MIT
#include "Journal.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QProcessEnvironment>
#include <QTemporaryFile>
#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcJournal, "blobferry.journal", QtWarningMsg)

namespace blobferry::journal {

namespace {

constexpr int kFormatVersion = 1;

quint32 crc32(const QByteArray &data)
{
    static const auto table = [] {
        std::array<quint32, 256> t{};
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    quint32 crc = 0xFFFFFFFFu;
    for (const char byte : data)
        crc = table[(crc ^ quint8(byte)) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

QString key(const char *name)
{
    return QString::fromLatin1(name);
}

QString kindOf(mode_t mode)
{
    if (S_ISDIR(mode))
        return QStringLiteral("a directory");
    if (S_ISFIFO(mode))
        return QStringLiteral("a FIFO (named pipe)");
    if (S_ISCHR(mode))
        return QStringLiteral("a character device");
    if (S_ISBLK(mode))
        return QStringLiteral("a block device");
    if (S_ISSOCK(mode))
        return QStringLiteral("a socket");
    if (S_ISLNK(mode))
        return QStringLiteral("a symbolic link");
    return QStringLiteral("not a regular file");
}

// One line naming what is at the path and what to give instead.
QString notAJournal(const QString &path, const QString &what)
{
    return QStringLiteral("the journal path %1 is %2, not a blobferry journal; give /Z:FILE the "
                          "journal an earlier run of this job left, or a path where no file is")
        .arg(path, what);
}

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

QByteArray Journal::encodeRecord(const QJsonObject &record)
{
    const QByteArray json = QJsonDocument(record).toJson(QJsonDocument::Compact);
    return QByteArray::number(crc32(json), 16).rightJustified(8, '0') + ' ' + json + '\n';
}

bool Journal::parse(const QByteArray &text, JobIdentity *identity, QHash<QString, FileState> *files,
                    qint64 *validLength, bool *tornTail, QString *error)
{
    *validLength = 0;
    *tornTail = false;
    qint64 position = 0;
    int lineNumber = 0;
    bool sawJob = false;
    while (position < text.size()) {
        ++lineNumber;
        const qint64 newline = text.indexOf('\n', position);
        const bool lastLine = newline < 0 || newline == text.size() - 1;
        const QByteArray line = text.mid(position, newline < 0 ? -1 : newline - position);
        auto damaged = [&](const char *why) {
            // A bad final line is a write the previous run did not finish: drop it.
            if (lastLine && sawJob) {
                *tornTail = true;
                return true;
            }
            *error = QStringLiteral("it is damaged at line %1 (%2)")
                         .arg(lineNumber)
                         .arg(QLatin1String(why));
            return false;
        };
        if (newline < 0)
            return damaged("the record is cut short");
        if (line.size() < 10 || line[8] != ' ')
            return damaged("not a journal record");
        bool ok = false;
        const quint32 stored = line.left(8).toUInt(&ok, 16);
        const QByteArray json = line.mid(9);
        if (!ok || stored != crc32(json))
            return damaged("checksum mismatch");
        const QJsonObject record = QJsonDocument::fromJson(json).object();
        const QString type = record.value(key("t")).toString();
        if (!sawJob) {
            if (type != QLatin1String("job") || record.value(key("v")).toInt() != kFormatVersion)
                return damaged("it does not start with a job record of this version");
            *identity = JobIdentity::fromJson(record.value(key("id")).toObject());
            sawJob = true;
        } else {
            const QString name = record.value(key("n")).toString();
            if (type == QLatin1String("start") || type == QLatin1String("done")) {
                FileState state;
                state.size = record.value(key("size")).toInteger(-1);
                state.modifiedMs = record.value(key("mtime")).toInteger();
                state.etag = record.value(key("etag")).toString().toLatin1();
                state.tag = record.value(key("tag")).toString().toLatin1();
                state.partName = record.value(key("p")).toString();
                state.done = type == QLatin1String("done");
                files->insert(name, state);
            } else if (type == QLatin1String("part")) {
                const auto it = files->find(name);
                if (it != files->end())
                    it->rangesPartly.insert(record.value(key("i")).toInt(),
                                            record.value(key("k")).toInteger());
            } else if (type == QLatin1String("partfile")) {
                const auto it = files->find(name);
                if (it != files->end())
                    it->partName = record.value(key("p")).toString();
            } else if (type == QLatin1String("range")) {
                const auto it = files->find(name);
                if (it != files->end())
                    it->rangesDone.insert(record.value(key("i")).toInt());
            } else {
                return damaged("unknown record type");
            }
        }
        position = newline + 1;
        *validLength = position;
    }
    if (!sawJob) {
        *error = QStringLiteral("it is empty");
        return false;
    }
    return true;
}

QString Journal::defaultPath(const JobIdentity &identity)
{
    const auto env = QProcessEnvironment::systemEnvironment();
    QString base = env.value(QStringLiteral("XDG_STATE_HOME"));
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.local/state");
    return base + QStringLiteral("/blobferry/journals/") + identity.fileStem() +
           QStringLiteral(".journal");
}

std::unique_ptr<Journal> Journal::open(const QString &path, const JobIdentity &identity,
                                       QString *error, QString *notice)
{
    std::unique_ptr<Journal> journal(new Journal);
    journal->m_path = QFileInfo(path).absoluteFilePath();
    const QString shown = journal->m_path;
    // Checked before anything is created or opened: /Z:/dev/null must not become a journal
    // that a clean finish deletes, nor a FIFO block the job before it starts.
    struct stat status = {};
    bool exists = false;
    if (::lstat(QFile::encodeName(shown).constData(), &status) == 0) {
        if (!S_ISREG(status.st_mode)) {
            *error = notAJournal(shown, kindOf(status.st_mode));
            return nullptr;
        }
        if (status.st_size == 0) { // blobferry writes its job record as it creates the file
            *error = notAJournal(shown, QStringLiteral("an empty file"));
            return nullptr;
        }
        exists = true;
    } else if (errno != ENOENT) {
        *error = QStringLiteral("cannot use %1 as the journal: %2").arg(shown, systemError());
        return nullptr;
    }
    if (!QDir().mkpath(QFileInfo(shown).absolutePath())) {
        *error = QStringLiteral("cannot create the folder of the journal %1").arg(shown);
        return nullptr;
    }
    journal->m_lock = std::make_unique<QLockFile>(shown + QStringLiteral(".lock"));
    // A job may run for hours: only a dead owner makes the lock stale, never its age.
    journal->m_lock->setStaleLockTime(0);
    if (!journal->m_lock->tryLock(0)) {
        qint64 pid = 0;
        QString host, app;
        // A lock file that names no process is not blobferry's: someone else's file.
        if (!journal->m_lock->getLockInfo(&pid, &host, &app) || pid <= 0)
            *error = QStringLiteral("%1.lock is in the way of the journal's lock and is not "
                                    "blobferry's; move it away or give another journal file "
                                    "with /Z:FILE")
                         .arg(shown);
        else
            *error = QStringLiteral("another blobferry process (pid %1) is using the journal %2; "
                                    "wait for it to finish or give another journal file with "
                                    "/Z:FILE")
                         .arg(pid)
                         .arg(shown);
        return nullptr;
    }
    if (!exists && !journal->createFile(identity, error))
        return nullptr;
    if (!journal->openFile(error))
        return nullptr;

    QFile &file = journal->m_file;
    const QByteArray existing = file.readAll();
    JobIdentity recorded;
    qint64 validLength = 0;
    bool torn = false;
    QString why;
    if (!parse(existing, &recorded, &journal->m_previous, &validLength, &torn, &why)) {
        if (validLength == 0) { // not even a job record: someone else's file, left as it is
            *error = notAJournal(shown, QStringLiteral("a file of something else"));
            return nullptr;
        }
        *error = QStringLiteral("the journal %1 is not usable: %2; delete it to start the job "
                                "afresh, or give another journal file with /Z:FILE")
                     .arg(shown, why);
        return nullptr;
    }
    const QString difference = identity.differenceFrom(recorded);
    if (!difference.isEmpty()) {
        *error = QStringLiteral("the journal %1 belongs to another job: %2; give this job its "
                                "own journal file with /Z:FILE, or delete that one")
                     .arg(shown, difference);
        return nullptr;
    }
    if (torn) {
        // New records must start on a line of their own.
        file.resize(validLength);
        if (notice)
            *notice = QStringLiteral("The journal's last record was cut short by the interrupted "
                                     "run; resuming from the one before it.");
    }
    file.seek(file.size());
    return journal;
}

bool Journal::createFile(const JobIdentity &identity, QString *error)
{
    const QFileInfo info(m_path);
    QTemporaryFile draft(info.absolutePath() + QStringLiteral("/.") + info.fileName() +
                         QStringLiteral(".XXXXXX"));
    const QByteArray record = encodeRecord(QJsonObject{{key("t"), QStringLiteral("job")},
                                                       {key("v"), kFormatVersion},
                                                       {key("id"), identity.toJson()}});
    if (!draft.open() || draft.write(record) != record.size() || !draft.flush() ||
        ::fdatasync(draft.handle()) != 0) {
        *error =
            QStringLiteral("cannot create the journal %1: %2").arg(m_path, draft.errorString());
        return false;
    }
    const QByteArray target = QFile::encodeName(m_path);
    // link(2) never replaces: a file that appeared meanwhile stays as it is.
    if (::link(QFile::encodeName(draft.fileName()).constData(), target.constData()) == 0)
        return true;
    if (errno == EEXIST) {
        *error = QStringLiteral("the journal path %1 was created by something else while this job "
                                "started; run the job again")
                     .arg(m_path);
        return false;
    }
    // A file system without hard links: create the file exclusively and write the record.
    const int fd =
        ::open(target.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0 || ::write(fd, record.constData(), size_t(record.size())) != record.size()) {
        *error = QStringLiteral("cannot create the journal %1: %2").arg(m_path, systemError());
        if (fd >= 0) {
            ::close(fd);
            ::unlink(target.constData());
        }
        return false;
    }
    ::fdatasync(fd);
    ::close(fd);
    return true;
}

bool Journal::openFile(QString *error)
{
    // O_NONBLOCK and O_NOFOLLOW: what took the checked file's place (a FIFO, a link) is
    // refused below instead of blocking or being followed.
    const int fd =
        ::open(QFile::encodeName(m_path).constData(), O_RDWR | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        *error = QStringLiteral("cannot open the journal %1: %2").arg(m_path, systemError());
        return false;
    }
    struct stat status = {};
    if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
        *error = notAJournal(m_path, kindOf(status.st_mode));
        ::close(fd);
        return false;
    }
    m_device = quint64(status.st_dev);
    m_inode = quint64(status.st_ino);
    if (!m_file.open(fd, QIODevice::ReadWrite | QIODevice::Unbuffered,
                     QFileDevice::AutoCloseHandle)) {
        *error = QStringLiteral("cannot open the journal %1: %2").arg(m_path, m_file.errorString());
        ::close(fd);
        return false;
    }
    return true;
}

Journal::~Journal()
{
    if (m_file.isOpen())
        close(false);
}

const Journal::FileState *Journal::previous(const QString &name) const
{
    const auto it = m_previous.constFind(name);
    return it == m_previous.constEnd() ? nullptr : &*it;
}

void Journal::append(const QJsonObject &record)
{
    const QByteArray line = encodeRecord(record);
    // Unbuffered: one write(2) per record, so a killed process leaves whole lines behind.
    if (m_file.write(line) != line.size() && !m_writeFailed) {
        m_writeFailed = true;
        qCWarning(lcJournal) << "cannot write the journal" << m_path << m_file.errorString();
    }
    m_dirty = true;
}

namespace {

QJsonObject fileRecord(const char *type, const QString &name, const Journal::FileState &state)
{
    QJsonObject record{
        {key("t"), QLatin1String(type)}, {key("n"), name}, {key("size"), state.size}};
    if (state.modifiedMs)
        record.insert(key("mtime"), state.modifiedMs);
    if (!state.etag.isEmpty())
        record.insert(key("etag"), QString::fromLatin1(state.etag));
    if (!state.tag.isEmpty())
        record.insert(key("tag"), QString::fromLatin1(state.tag));
    if (!state.partName.isEmpty())
        record.insert(key("p"), state.partName);
    return record;
}

} // namespace

Journal::FileState *Journal::stateOf(const QString &name)
{
    if (const auto it = m_started.find(name); it != m_started.end())
        return &*it;
    const auto it = m_previous.find(name);
    return it == m_previous.end() ? nullptr : &*it;
}

void Journal::fileStarted(const QString &name, const FileState &state)
{
    append(fileRecord("start", name, state));
    m_started.insert(name, state);
}

void Journal::partFileRenamed(const QString &name, const QString &partName)
{
    append(QJsonObject{
        {key("t"), QStringLiteral("partfile")}, {key("n"), name}, {key("p"), partName}});
    if (FileState *state = stateOf(name))
        state->partName = partName;
}

void Journal::rangeDone(const QString &name, int index)
{
    append(QJsonObject{{key("t"), QStringLiteral("range")}, {key("n"), name}, {key("i"), index}});
    if (FileState *state = stateOf(name))
        state->rangesDone.insert(index);
}

void Journal::rangePartly(const QString &name, int index, qint64 bytes)
{
    append(QJsonObject{{key("t"), QStringLiteral("part")},
                       {key("n"), name},
                       {key("i"), index},
                       {key("k"), bytes}});
    if (FileState *state = stateOf(name))
        state->rangesPartly.insert(index, bytes);
}

void Journal::fileDone(const QString &name, const FileState &state)
{
    append(fileRecord("done", name, state));
    m_started.remove(name);
    if (const auto it = m_previous.find(name); it != m_previous.end()) {
        *it = state;
        it->done = true;
    }
}

void Journal::keepForResume(const QString &name)
{
    if (const auto it = m_started.find(name); it != m_started.end()) {
        m_previous.insert(name, *it);
        m_started.erase(it);
    }
}

void Journal::forgetRun(const QString &name)
{
    m_started.remove(name);
}

void Journal::sync()
{
    if (const int fd = handleToSync(); fd >= 0)
        ::fdatasync(fd);
}

int Journal::handleToSync()
{
    if (!m_dirty || !m_file.isOpen())
        return -1;
    m_dirty = false;
    return m_file.handle();
}

void Journal::close(bool removeFile)
{
    if (!m_file.isOpen())
        return;
    if (removeFile) {
        m_file.close();
        // Only while the path still names the file this journal wrote.
        const QByteArray path = QFile::encodeName(m_path);
        struct stat status = {};
        if (::lstat(path.constData(), &status) == 0 && S_ISREG(status.st_mode) &&
            quint64(status.st_dev) == m_device && quint64(status.st_ino) == m_inode)
            ::unlink(path.constData());
        else
            qCWarning(lcJournal) << "the journal" << m_path << "was replaced; left as it is";
    } else {
        // Always: a checkpoint's sync handed to another thread (handleToSync) may not have
        // run, or may have failed.
        ::fdatasync(m_file.handle());
        m_dirty = false;
        m_file.close();
    }
    if (m_lock)
        m_lock->unlock();
}

} // namespace blobferry::journal
