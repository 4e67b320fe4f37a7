// SPDX-License-Identifier: MIT
#include "Journal.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QProcessEnvironment>
#include <array>
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
                state.done = type == QLatin1String("done");
                files->insert(name, state);
            } else if (type == QLatin1String("part")) {
                const auto it = files->find(name);
                if (it != files->end())
                    it->rangesPartly.insert(record.value(key("i")).toInt(),
                                            record.value(key("k")).toInteger());
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
        journal->m_lock->getLockInfo(&pid, &host, &app);
        *error = QStringLiteral("another blobferry process (pid %1) is using the journal %2; wait "
                                "for it to finish or give another journal file with /Z:FILE")
                     .arg(pid)
                     .arg(shown);
        return nullptr;
    }

    QFile &file = journal->m_file;
    file.setFileName(shown);
    if (!file.open(QIODevice::ReadWrite | QIODevice::Unbuffered)) {
        *error = QStringLiteral("cannot open the journal %1: %2").arg(shown, file.errorString());
        return nullptr;
    }
    const QByteArray existing = file.readAll();
    if (existing.isEmpty()) {
        journal->append(QJsonObject{{key("t"), QStringLiteral("job")},
                                    {key("v"), kFormatVersion},
                                    {key("id"), identity.toJson()}});
        journal->sync();
        return journal;
    }

    JobIdentity recorded;
    qint64 validLength = 0;
    bool torn = false;
    QString why;
    if (!parse(existing, &recorded, &journal->m_previous, &validLength, &torn, &why)) {
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
    return record;
}

} // namespace

void Journal::fileStarted(const QString &name, const FileState &state)
{
    append(fileRecord("start", name, state));
}

void Journal::rangeDone(const QString &name, int index)
{
    append(QJsonObject{{key("t"), QStringLiteral("range")}, {key("n"), name}, {key("i"), index}});
}

void Journal::rangePartly(const QString &name, int index, qint64 bytes)
{
    append(QJsonObject{{key("t"), QStringLiteral("part")},
                       {key("n"), name},
                       {key("i"), index},
                       {key("k"), bytes}});
}

void Journal::fileDone(const QString &name, const FileState &state)
{
    append(fileRecord("done", name, state));
}

void Journal::sync()
{
    if (!m_dirty || !m_file.isOpen())
        return;
    ::fdatasync(m_file.handle());
    m_dirty = false;
}

void Journal::close(bool removeFile)
{
    if (!m_file.isOpen())
        return;
    if (removeFile) {
        m_file.close();
        QFile::remove(m_path);
    } else {
        sync();
        m_file.close();
    }
    if (m_lock)
        m_lock->unlock();
}

} // namespace blobferry::journal
