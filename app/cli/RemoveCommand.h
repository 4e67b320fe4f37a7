// SPDX-License-Identifier: MIT
#pragma once

#include "BlobCommand.h"
#include "azure/BlobDeletion.h"

namespace blobferry::cli {

// --remove: lists every matching blob first (with its ETag), then
//   /DryRun   prints "Would remove: NAME" for each and deletes nothing;
//   /Y        deletes;
//   otherwise asks once, "Remove N blob(s), each with its snapshots, from URL? (Yes/No)", on a
//             terminal (no terminal: refused before anything is listed, in main).
// Deletions go through BlobDeletion: at most --concurrency at once, each If-Match the listed
// ETag, so a blob written since is kept and counted as failed. Ends with the summary; exit 1
// when anything was not removed.
class RemoveCommand final : public BlobCommand
{
    Q_OBJECT
public:
    RemoveCommand(const CliRequest &request, FILE *in, FILE *out, FILE *err, bool interactive);

    // Reads until yes or no; EOF counts as no.
    static bool ask(qint64 count, const QString &where, FILE *in, FILE *out);

protected:
    bool take(const QList<transfer::SourceItem> &items) override;
    void listed() override;

private:
    struct Target
    {
        QString name;     // in the container
        QString relative; // as printed
        QByteArray etag;
    };
    void onDone(const QString &name, azure::BlobDeletion::Result result, const QString &error);
    void end();
    void report(const QString &relative, bool ok, const QString &reason);

    FILE *m_in;
    bool m_interactive;
    QList<Target> m_targets;
    QHash<QString, QString> m_relative; // container name → as printed, while deleting
    azure::BlobDeletion *m_deletion = nullptr;
    qint64 m_removed = 0;
    qint64 m_failed = 0;
};

} // namespace blobferry::cli
