// SPDX-License-Identifier: MIT
#include "Accounts.h"

#include "Settings.h"
#include "azure/ConnectionString.h"

#include <QUrl>
#include <QUuid>
#include <qt6keychain/keychain.h>

namespace blobferry::ui {

namespace {

QString kindName(Account::Kind kind)
{
    switch (kind) {
    case Account::Kind::Emulator:
        return QStringLiteral("emulator");
    case Account::Kind::SharedKey:
        return QStringLiteral("key");
    case Account::Kind::ConnectionString:
        return QStringLiteral("connection-string");
    case Account::Kind::Sas:
        return QStringLiteral("sas");
    }
    return {};
}

std::optional<Account::Kind> kindFromName(const QString &name)
{
    for (auto kind :
         {Account::Kind::SharedKey, Account::Kind::ConnectionString, Account::Kind::Sas})
        if (kindName(kind) == name)
            return kind;
    return std::nullopt;
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

std::optional<azure::BlobLocation> Connection::location(const QString &containerName,
                                                        const QString &path, QString *error) const
{
    QString text = serviceRoot + QLatin1Char('/') + containerName;
    if (!path.isEmpty())
        text += QLatin1Char('/') + path;
    return signedLocation(text, true, error);
}

std::optional<azure::BlobLocation> Connection::serviceLocation(QString *error) const
{
    return signedLocation(serviceRoot, false, error);
}

// A SAS credential travels in the URL; a key signs each request later.
std::optional<azure::BlobLocation>
Connection::signedLocation(const QString &text, bool hasContainer, QString *error) const
{
    QString why;
    auto parsed = azure::BlobLocation::parse(text, &why, hasContainer);
    if (!parsed) {
        if (error)
            *error = why;
        return std::nullopt;
    }
    if (credential.kind() == azure::Credential::Kind::Sas)
        return parsed->withSas(credential.sasToken());
    return parsed;
}

AccountStore::AccountStore(QObject *parent)
    : QObject(parent)
{}

QString AccountStore::emulatorEndpoint()
{
    const QString configured = qEnvironmentVariable("BLOBFERRY_EMULATOR_ENDPOINT");
    return configured.isEmpty() ? QString::fromLatin1(azure::kDevEndpoint) : configured;
}

QString AccountStore::keychainService()
{
    return QStringLiteral("blobferry");
}

QString AccountStore::keychainKey(const QString &id)
{
    return QStringLiteral("account/") + id;
}

std::optional<NewAccount> AccountStore::fromSharedKey(const QString &accountName,
                                                      const QString &key, const QString &endpoint,
                                                      QString *error)
{
    const QString name = accountName.trimmed();
    if (name.isEmpty()) {
        *error = tr("Enter the storage account's name.");
        return std::nullopt;
    }
    QString keyError;
    azure::Credential credential = azure::Credential::sharedKey(name, key.trimmed(), &keyError);
    if (!credential.isValid()) {
        *error = keyError;
        return std::nullopt;
    }
    NewAccount entry;
    entry.account.id = newId();
    entry.account.name = name;
    entry.account.kind = Account::Kind::SharedKey;
    QString root = endpoint.trimmed();
    if (root.isEmpty())
        root = QStringLiteral("https://%1.blob.core.windows.net").arg(name);
    while (root.endsWith(QLatin1Char('/')))
        root.chop(1);
    entry.account.endpoint = root;
    entry.secret = key.trimmed();
    entry.connection = {root, credential, {}};
    return entry;
}

std::optional<NewAccount> AccountStore::fromConnectionString(const QString &text, QString *error)
{
    const auto parsed = azure::ConnectionString::parse(text.trimmed(), error);
    if (!parsed)
        return std::nullopt;
    NewAccount entry;
    entry.account.id = newId();
    entry.account.kind = Account::Kind::ConnectionString;
    entry.account.endpoint = parsed->blobEndpoint;
    QString probeError;
    const auto location = azure::BlobLocation::parse(parsed->blobEndpoint, &probeError, false);
    entry.account.name = location && !location->account().isEmpty()
                             ? location->account()
                             : QUrl(parsed->blobEndpoint).host();
    entry.secret = text.trimmed();
    entry.connection = {parsed->blobEndpoint, parsed->credential, {}};
    return entry;
}

std::optional<NewAccount> AccountStore::fromSasUrl(const QString &url, QString *error)
{
    QString why;
    const auto location = azure::BlobLocation::parse(url.trimmed(), &why, false);
    if (!location) {
        *error = why;
        return std::nullopt;
    }
    if (location->sasToken().isEmpty()) {
        *error = tr("The URL carries no SAS token: paste the whole URL, '?' and all.");
        return std::nullopt;
    }
    NewAccount entry;
    entry.account.id = newId();
    entry.account.kind = Account::Kind::Sas;
    entry.account.endpoint = location->serviceRoot();
    entry.account.container = location->container();
    entry.account.name = location->container().isEmpty()
                             ? location->account()
                             : location->account() + QLatin1Char('/') + location->container();
    entry.secret = location->sasToken();
    entry.connection = {location->serviceRoot(), azure::Credential::sas(location->sasToken()),
                        location->container()};
    return entry;
}

void AccountStore::load()
{
    m_accounts.clear();
    Account emulator;
    emulator.id = QString::fromLatin1(Account::kEmulatorId);
    emulator.name = tr("Local emulator");
    emulator.kind = Account::Kind::Emulator;
    emulator.endpoint = emulatorEndpoint();
    m_accounts.append(emulator);

    auto settings = Settings::open();
    const int count = settings->beginReadArray(QStringLiteral("accounts"));
    for (int i = 0; i < count; ++i) {
        settings->setArrayIndex(i);
        const auto kind = kindFromName(settings->value(QStringLiteral("kind")).toString());
        Account account;
        account.id = settings->value(QStringLiteral("id")).toString();
        account.name = settings->value(QStringLiteral("name")).toString();
        account.endpoint = settings->value(QStringLiteral("endpoint")).toString();
        account.container = settings->value(QStringLiteral("container")).toString();
        if (!kind || account.id.isEmpty())
            continue;
        account.kind = *kind;
        m_accounts.append(account);
    }
    settings->endArray();
    Q_EMIT accountsChanged();

    m_pendingReads = int(m_accounts.size()) - 1;
    if (m_pendingReads == 0) {
        Q_EMIT secretsLoaded();
        return;
    }
    for (const Account &account : std::as_const(m_accounts)) {
        if (account.kind == Account::Kind::Emulator)
            continue;
        // Keychain jobs have no parent: deleted mid-call, the keychain would call back into
        // a dead job. They delete themselves when done; `this` as context guards the answer.
        auto *job = new QKeychain::ReadPasswordJob(keychainService());
        job->setKey(keychainKey(account.id));
        const QString id = account.id;
        connect(job, &QKeychain::Job::finished, this, [this, job, id] {
            if (job->error() == QKeychain::NoError)
                m_secrets.insert(id, job->textData());
            else
                m_secretErrors.insert(id, job->errorString());
            if (--m_pendingReads == 0)
                Q_EMIT secretsLoaded();
        });
        job->start();
    }
}

const Account *AccountStore::account(const QString &id) const
{
    for (const Account &account : m_accounts)
        if (account.id == id)
            return &account;
    return nullptr;
}

std::optional<Connection> AccountStore::connection(const QString &id, QString *error) const
{
    const Account *account = this->account(id);
    QString why;
    if (!account) {
        why = tr("The account is no longer configured.");
    } else if (account->kind == Account::Kind::Emulator) {
        QString keyError;
        return Connection{account->endpoint,
                          azure::Credential::sharedKey(QString::fromLatin1(azure::kDevAccount),
                                                       QString::fromLatin1(azure::kDevKey),
                                                       &keyError),
                          {}};
    } else if (!m_secrets.contains(id)) {
        why = m_secretErrors.contains(id)
                  ? tr("Cannot read the account's secret from the keychain: %1")
                        .arg(m_secretErrors.value(id))
                  : tr("The account's secret is still being read from the keychain.");
    } else {
        const QString secret = m_secrets.value(id);
        std::optional<NewAccount> entry;
        switch (account->kind) {
        case Account::Kind::SharedKey: {
            QString keyError;
            const auto location = azure::BlobLocation::parse(account->endpoint, &keyError, false);
            const QString name =
                location && !location->account().isEmpty() ? location->account() : account->name;
            entry = fromSharedKey(name, secret, account->endpoint, &why);
            break;
        }
        case Account::Kind::ConnectionString:
            entry = fromConnectionString(secret, &why);
            break;
        case Account::Kind::Sas:
            return Connection{account->endpoint, azure::Credential::sas(secret),
                              account->container};
        case Account::Kind::Emulator:
            break;
        }
        if (entry)
            return entry->connection;
    }
    if (error)
        *error = why;
    return std::nullopt;
}

void AccountStore::add(const NewAccount &entry, std::function<void(const QString &)> done)
{
    auto *job = new QKeychain::WritePasswordJob(keychainService());
    job->setKey(keychainKey(entry.account.id));
    job->setTextData(entry.secret);
    connect(job, &QKeychain::Job::finished, this, [this, job, entry, done] {
        if (job->error() != QKeychain::NoError) {
            done(tr("Cannot store the secret in the system keychain: %1. Nothing was saved.")
                     .arg(job->errorString()));
            return;
        }
        m_secrets.insert(entry.account.id, entry.secret);
        m_accounts.append(entry.account);
        save();
        Q_EMIT accountsChanged();
        done({});
    });
    job->start();
}

void AccountStore::remove(const QString &id)
{
    if (id == QLatin1String(Account::kEmulatorId))
        return;
    auto *job = new QKeychain::DeletePasswordJob(keychainService());
    job->setKey(keychainKey(id));
    job->start(); // deletes itself when done
    m_secrets.remove(id);
    m_accounts.erase(std::remove_if(m_accounts.begin(), m_accounts.end(),
                                    [&](const Account &account) { return account.id == id; }),
                     m_accounts.end());
    save();
    Q_EMIT accountsChanged();
}

void AccountStore::save() const
{
    auto settings = Settings::open();
    settings->remove(QStringLiteral("accounts")); // a shorter array leaves old entries behind
    settings->beginWriteArray(QStringLiteral("accounts"));
    int index = 0;
    for (const Account &account : m_accounts) {
        if (account.kind == Account::Kind::Emulator)
            continue;
        settings->setArrayIndex(index++);
        settings->setValue(QStringLiteral("id"), account.id);
        settings->setValue(QStringLiteral("name"), account.name);
        settings->setValue(QStringLiteral("kind"), kindName(account.kind));
        settings->setValue(QStringLiteral("endpoint"), account.endpoint);
        settings->setValue(QStringLiteral("container"), account.container);
    }
    settings->endArray();
    settings->sync();
}

} // namespace blobferry::ui
