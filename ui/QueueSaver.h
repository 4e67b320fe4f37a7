// SPDX-License-Identifier: MIT
#pragma once

#include "QueueStore.h"

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>
#include <optional>

namespace blobferry::ui {

// Writes the queue file off the GUI thread. Serializing a 100,000-row queue takes ~250 ms
// (scripts/bench-gui, queue_save_ms): on the GUI thread that froze the window about once a
// second while transfers ran. One save runs at a time; the rows are an implicitly shared copy,
// so the model goes on changing its own.
class QueueSaver final : public QObject
{
    Q_OBJECT
public:
    struct Snapshot
    {
        QString path; // the queue file
        QList<JobRecord> jobs;
        QVector<QueueRow> rows;
        QHash<int, JobPlaces> places;
    };

    explicit QueueSaver(QObject *parent = nullptr);
    ~QueueSaver() override; // waits for a save in flight: the file is never left half-renamed

    // Saves in the background. A snapshot given while a save runs waits for it, replacing any
    // snapshot waiting already: only the newest state is worth writing.
    void saveLater(Snapshot snapshot);
    // Saves on this thread once a save in flight is done (a quit): the file then holds exactly
    // this snapshot, whatever was waiting.
    void saveNow(const Snapshot &snapshot);
    bool isSaving() const { return m_running; }

Q_SIGNALS:
    // A save could not be written; error says why (the previous file stays).
    void failed(const QString &path, const QString &error);

private:
    void startNext();

    std::optional<Snapshot> m_waiting;
    QThreadPool m_thread; // one thread: one save at a time
    QFutureWatcher<QString> m_watcher;
    QString m_runningPath; // the file of the save in flight
    bool m_running = false;
};

} // namespace blobferry::ui
