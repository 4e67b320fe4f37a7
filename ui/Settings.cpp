// SPDX-License-Identifier: MIT
#include "Settings.h"

#include "net/BandwidthLimiter.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <cmath>

namespace blobferry::ui {

namespace {

QString stateDirectory()
{
    // XDG_STATE_HOME is where the CLI keeps its journals too; Qt 6.4 has no enum for it.
    QString base = qEnvironmentVariable("XDG_STATE_HOME");
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.local/state");
    return base + QStringLiteral("/blobferry");
}

// The [uploads] group: each value in the text the command line takes; one the rules refuse
// (a hand-edited file) is left out with a warning.
transfer::UploadAttributes loadUploads(QSettings &file)
{
    using transfer::UploadAttributes;
    UploadAttributes uploads;
    file.beginGroup(QStringLiteral("uploads"));
    const auto text = [&](const char *key) { return file.value(QLatin1String(key)).toString(); };
    const auto check = [](const char *key, bool ok, const QString &why) {
        if (!ok)
            qWarning("settings: uploads/%s left out: %s", key, qPrintable(why));
    };
    QString why;
    check("tier", UploadAttributes::parseTier(text("tier"), &uploads.tier, &why), why);
    check("metadata", UploadAttributes::parseMetadata(text("metadata"), &uploads.metadata, &why),
          why);
    check("tags", UploadAttributes::parseTags(text("tags"), &uploads.tags, &why), why);
    const std::pair<const char *, QString UploadAttributes::*> headers[] = {
        {"cacheControl", &UploadAttributes::cacheControl},
        {"contentDisposition", &UploadAttributes::contentDisposition},
        {"contentEncoding", &UploadAttributes::contentEncoding},
        {"contentLanguage", &UploadAttributes::contentLanguage},
    };
    for (const auto &[key, member] : headers)
        check(key, UploadAttributes::parseHeaderValue(text(key), &(uploads.*member), &why), why);
    file.endGroup();
    return uploads;
}

void saveUploads(const transfer::UploadAttributes &uploads, QSettings &file)
{
    using transfer::UploadAttributes;
    file.beginGroup(QStringLiteral("uploads"));
    file.setValue(QStringLiteral("tier"), uploads.tier);
    file.setValue(QStringLiteral("metadata"), UploadAttributes::metadataText(uploads.metadata));
    file.setValue(QStringLiteral("tags"), UploadAttributes::tagsText(uploads.tags));
    file.setValue(QStringLiteral("cacheControl"), uploads.cacheControl);
    file.setValue(QStringLiteral("contentDisposition"), uploads.contentDisposition);
    file.setValue(QStringLiteral("contentEncoding"), uploads.contentEncoding);
    file.setValue(QStringLiteral("contentLanguage"), uploads.contentLanguage);
    file.endGroup();
}

} // namespace

std::unique_ptr<QSettings> Settings::open()
{
    // An INI file in XDG_CONFIG_HOME/blobferry/: readable, and never holding a secret.
    return std::make_unique<QSettings>(QSettings::IniFormat, QSettings::UserScope,
                                       QStringLiteral("blobferry"), QStringLiteral("blobferry"));
}

QString Settings::lastFolder(const QString &purpose)
{
    const QString last = open()->value(QStringLiteral("folders/") + purpose).toString();
    if (!last.isEmpty() && QFileInfo(last).isDir())
        return last;
    const QString downloads = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    if (purpose == QLatin1String("download") && QFileInfo(downloads).isDir())
        return downloads;
    return QDir::homePath();
}

void Settings::rememberFolder(const QString &purpose, const QString &folder)
{
    open()->setValue(QStringLiteral("folders/") + purpose, folder);
}

Settings Settings::load()
{
    auto file = open();
    Settings s;
    file->beginGroup(QStringLiteral("transfers"));
    s.concurrency = std::clamp(file->value(QStringLiteral("concurrency"), s.concurrency).toInt(),
                               transfer::TransferSpec::kMinConcurrency,
                               transfer::TransferSpec::kMaxConcurrency);
    s.blockSizeMiB =
        std::clamp(file->value(QStringLiteral("blockSizeMiB"), s.blockSizeMiB).toInt(), 1, 4000);
    s.conflicts = ConflictDefault(
        std::clamp(file->value(QStringLiteral("conflicts"), int(s.conflicts)).toInt(), 0, 4));
    s.putMd5 = file->value(QStringLiteral("putMd5"), s.putMd5).toBool();
    s.checkMd5 = file->value(QStringLiteral("checkMd5"), s.checkMd5).toBool();
    s.capMbps = std::max(0.0, file->value(QStringLiteral("capMbps"), s.capMbps).toDouble());
    s.retries =
        std::clamp(file->value(QStringLiteral("retries"), s.retries).toInt(), 0, kMaxRetries);
    s.jobsAtOnce = std::clamp(file->value(QStringLiteral("jobsAtOnce"), s.jobsAtOnce).toInt(), 1,
                              kMaxJobsAtOnce);
    s.journalDirectory = file->value(QStringLiteral("journalDirectory")).toString();
    s.logDirectory = file->value(QStringLiteral("logDirectory")).toString();
    file->endGroup();
    file->beginGroup(QStringLiteral("proxy"));
    s.proxyMode =
        ProxyMode(std::clamp(file->value(QStringLiteral("mode"), int(s.proxyMode)).toInt(), 0, 3));
    s.proxyHost = file->value(QStringLiteral("host")).toString();
    s.proxyPort = file->value(QStringLiteral("port"), 0).toInt();
    s.proxyUser = file->value(QStringLiteral("user")).toString();
    file->endGroup();
    s.uploads = loadUploads(*file);
    return s;
}

void Settings::save() const
{
    auto file = open();
    file->beginGroup(QStringLiteral("transfers"));
    file->setValue(QStringLiteral("concurrency"), concurrency);
    file->setValue(QStringLiteral("blockSizeMiB"), blockSizeMiB);
    file->setValue(QStringLiteral("conflicts"), int(conflicts));
    file->setValue(QStringLiteral("putMd5"), putMd5);
    file->setValue(QStringLiteral("checkMd5"), checkMd5);
    file->setValue(QStringLiteral("capMbps"), capMbps);
    file->setValue(QStringLiteral("retries"), retries);
    file->setValue(QStringLiteral("jobsAtOnce"), jobsAtOnce);
    file->setValue(QStringLiteral("journalDirectory"), journalDirectory);
    file->setValue(QStringLiteral("logDirectory"), logDirectory);
    file->endGroup();
    file->beginGroup(QStringLiteral("proxy"));
    file->setValue(QStringLiteral("mode"), int(proxyMode));
    file->setValue(QStringLiteral("host"), proxyHost);
    file->setValue(QStringLiteral("port"), proxyPort);
    file->setValue(QStringLiteral("user"), proxyUser);
    file->endGroup();
    saveUploads(uploads, *file);
    file->sync();
}

net::ProxySettings Settings::proxy(const QString &password) const
{
    net::ProxySettings proxy;
    switch (proxyMode) {
    case ProxyMode::System:
        proxy.mode = net::ProxySettings::Mode::System;
        break;
    case ProxyMode::None:
        proxy.mode = net::ProxySettings::Mode::None;
        break;
    case ProxyMode::Http:
    case ProxyMode::Socks5:
        proxy.mode = net::ProxySettings::Mode::Custom;
        proxy.type = proxyMode == ProxyMode::Http ? net::ProxySettings::Type::Http
                                                  : net::ProxySettings::Type::Socks5;
        proxy.host = proxyHost;
        proxy.port = quint16(proxyPort);
        proxy.user = proxyUser;
        proxy.password = password;
        break;
    }
    return proxy;
}

void Settings::applyTo(transfer::TransferSpec &spec, const QString &proxyPassword) const
{
    spec.proxy = proxy(proxyPassword);
    spec.capMbps = int(std::ceil(capMbps)); // the engine takes whole megabits per second
    spec.concurrency = concurrency;
    spec.retry.maxTries = retries + 1;
    spec.blockSize = qint64(blockSizeMiB) * transfer::TransferSpec::kMiB;
    spec.putMd5 = putMd5;
    spec.checkMd5 = checkMd5;
    spec.uploadAttributes = uploads;
    // The default answer is the job's rule: only Ask brings a question to the window.
    switch (conflicts) {
    case ConflictDefault::Ask:
        spec.overwrite = transfer::OverwritePolicy::Ask;
        break;
    case ConflictDefault::Overwrite:
        spec.overwrite = transfer::OverwritePolicy::Always;
        break;
    case ConflictDefault::Skip:
        spec.overwrite = transfer::OverwritePolicy::Never;
        break;
    case ConflictDefault::OverwriteIfNewer:
        spec.overwrite = transfer::OverwritePolicy::IfNewer;
        break;
    case ConflictDefault::KeepBoth:
        spec.overwrite = transfer::OverwritePolicy::KeepBoth;
        break;
    }
}

qint64 Settings::capBytesPerSecond() const
{
    return net::BandwidthLimiter::fromMbps(capMbps);
}

net::RequesterSettings Settings::requester(const QString &proxyPassword) const
{
    net::RequesterSettings settings;
    settings.concurrency = concurrency;
    settings.proxy = proxy(proxyPassword);
    settings.capBytesPerSecond = capBytesPerSecond();
    settings.adjustableCap = true;
    return settings;
}

QString Settings::effectiveJournalDirectory() const
{
    return journalDirectory.isEmpty() ? stateDirectory() + QStringLiteral("/queue")
                                      : journalDirectory;
}

QString Settings::effectiveLogDirectory() const
{
    return logDirectory.isEmpty() ? stateDirectory() + QStringLiteral("/logs") : logDirectory;
}

} // namespace blobferry::ui
