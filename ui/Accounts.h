// SPDX-License-Identifier: MIT
#pragma once

#include "azure/BlobLocation.h"
#include "azure/Credential.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <functional>
#include <optional>

namespace blobferry::ui {

// An account as the settings file knows it: where it is, never its secret.
struct Account
{
    enum class Kind
    {
        Emulator,         // the local Azurite with its well-known account (always present)
        SharedKey,        // account name + key
        ConnectionString, // the whole string is the secret
        Sas,              // a SAS URL: the endpoint here, the token in the keychain
    };

    QString id;
    QString name; // shown in the tree
    Kind kind = Kind::SharedKey;
    QString endpoint;  // blob service root: scheme://host[:port][/account], no trailing '/'
    QString container; // a SAS scoped to one container names it here; empty otherwise

    static constexpr char kEmulatorId[] = "emulator";
};

// How to reach an account, its secret included: lives in memory only.
struct Connection
{
    QString serviceRoot;
    azure::Credential credential;
    QString container; // non-empty: the only container this connection may use

    // The location of a container (and a path in it) for requests and transfers.
    std::optional<azure::BlobLocation> location(const QString &containerName,
                                                const QString &path = {},
                                                QString *error = nullptr) const;
    // The service itself, for listing containers.
    std::optional<azure::BlobLocation> serviceLocation(QString *error = nullptr) const;

private:
    std::optional<azure::BlobLocation> signedLocation(const QString &text, bool hasContainer,
                                                      QString *error) const;
};

// What the "Add account" dialog collected, turned into an account and its secret.
struct NewAccount
{
    Account account;
    QString secret;
    Connection connection;
};

// The user's accounts: names and endpoints in the settings file, secrets in the OS keychain
// (QtKeychain), read once at start and kept in memory. The local emulator is always first.
class AccountStore final : public QObject
{
    Q_OBJECT
public:
    explicit AccountStore(QObject *parent = nullptr);

    // The emulator's endpoint: BLOBFERRY_EMULATOR_ENDPOINT or
    // http://127.0.0.1:10000/devstoreaccount1.
    static QString emulatorEndpoint();

    static std::optional<NewAccount> fromSharedKey(const QString &accountName, const QString &key,
                                                   const QString &endpoint, QString *error);
    static std::optional<NewAccount> fromConnectionString(const QString &text, QString *error);
    static std::optional<NewAccount> fromSasUrl(const QString &url, QString *error);

    // Reads the account list and starts reading secrets; secretsLoaded() when done.
    void load();
    const QList<Account> &accounts() const { return m_accounts; }
    const Account *account(const QString &id) const;
    // Nothing when the secret is not (yet) available; *error says why.
    std::optional<Connection> connection(const QString &id, QString *error = nullptr) const;

    // Stores the secret in the keychain, then the account in the settings file. `done` gets
    // an empty string on success, else why it failed (nothing is saved then).
    void add(const NewAccount &entry, std::function<void(const QString &error)> done);
    // Removes the account and its secret.
    void remove(const QString &id);

    // The keychain entry of an account (tests look there).
    static QString keychainKey(const QString &id);
    static QString keychainService();

Q_SIGNALS:
    void accountsChanged();
    void secretsLoaded();

private:
    void save() const;

    QList<Account> m_accounts;
    QHash<QString, QString> m_secrets; // id → key, connection string or SAS token
    QHash<QString, QString> m_secretErrors;
    int m_pendingReads = 0;
};

} // namespace blobferry::ui
