// SPDX-License-Identifier: MIT
#pragma once

#include "net/ProxySettings.h"
#include "net/Requester.h"
#include "transfer/TransferSpec.h"

#include <QSettings>
#include <QString>
#include <memory>

namespace blobferry::ui {

// What the Settings dialog edits. Stored in the settings file (INI under XDG_CONFIG_HOME);
// the proxy password alone goes to the keychain.
struct Settings
{
    static constexpr int kMaxRetries = 100; // as --retries
    static constexpr int kMaxJobsAtOnce = 20;

    enum class ConflictDefault
    {
        Ask,
        Overwrite,
        Skip,
        OverwriteIfNewer,
        KeepBoth,
    };
    enum class ProxyMode
    {
        System,
        None,
        Http,
        Socks5,
    };

    int concurrency = transfer::TransferSpec::defaultConcurrency();
    int blockSizeMiB = 8;
    ConflictDefault conflicts = ConflictDefault::Ask;
    bool putMd5 = true;
    bool checkMd5 = true;
    double capMbps = 0; // 0: no cap; shared by every transfer of the window
    // Batches (drops, downloads) running at once; later ones wait in Queued, in order. Three,
    // as peers do (qBittorrent's active downloads): the budget itself is `concurrency`.
    int jobsAtOnce = 3;
    // Retries of a failed request before its file fails (the command line's --retries): the
    // default waits out about a minute and a half of outage.
    int retries = net::RetryPolicy{}.maxTries - 1;
    ProxyMode proxyMode = ProxyMode::System;
    QString proxyHost;
    int proxyPort = 0;
    QString proxyUser;
    QString journalDirectory; // empty: the default under XDG_STATE_HOME
    QString logDirectory;     // empty: the default under XDG_STATE_HOME
    // What every upload stores: tier, metadata, tags, headers (invalid text in the file is
    // dropped on load, so a job never starts with a value the service would refuse).
    transfer::UploadAttributes uploads;

    static std::unique_ptr<QSettings> open();
    static Settings load();
    void save() const;

    // The job's options from these settings (the endpoints are the caller's); the proxy's
    // password comes from the keychain.
    void applyTo(transfer::TransferSpec &spec, const QString &proxyPassword = {}) const;
    net::ProxySettings proxy(const QString &password) const;
    qint64 capBytesPerSecond() const;
    // The window's one requester: concurrency, cap (changeable while it runs) and proxy.
    net::RequesterSettings requester(const QString &proxyPassword) const;
    QString effectiveJournalDirectory() const;
    QString effectiveLogDirectory() const;

    // Where a file dialog for `purpose` ("download", "upload") opens: the folder last chosen
    // for it while it still exists, else the user's Downloads folder (downloads) or home.
    static QString lastFolder(const QString &purpose);
    static void rememberFolder(const QString &purpose, const QString &folder);
};

} // namespace blobferry::ui
