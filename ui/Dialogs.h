// SPDX-License-Identifier: MIT
#pragma once

#include "Accounts.h"
#include "Settings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace blobferry::net {
class Requester;
}

namespace blobferry::ui {

// Add an account by name and key, by connection string or by SAS URL. The connection is
// tried (a listing) before anything is saved; the secret then goes to the keychain.
class AddAccountDialog final : public QDialog
{
    Q_OBJECT
public:
    AddAccountDialog(AccountStore *accounts, net::Requester *requester, QWidget *parent = nullptr);

private:
    // Lists the account (or the SAS's container); saves it only when `save`.
    void tryConnection(bool save);
    void setBusy(bool busy, const QString &message = {});

    AccountStore *m_accounts;
    net::Requester *m_requester;
    QComboBox *m_method;
    QStackedWidget *m_pages;
    QLineEdit *m_accountName;
    QLineEdit *m_accountKey;
    QLineEdit *m_endpoint;
    QLineEdit *m_connectionString;
    QLineEdit *m_sasUrl;
    QLabel *m_status;
    QPushButton *m_ok;
    QPushButton *m_check;
};

class UploadDefaultsBox;

// Concurrency, block size, conflicts, MD5, bandwidth, proxy, where journals and logs go, what
// uploads store (UploadDefaultsBox: OK is refused, with the reason shown, while it is invalid).
class SettingsDialog final : public QDialog
{
    Q_OBJECT
public:
    // hasProxyPassword: one is in the keychain, so an empty field keeps it.
    SettingsDialog(const Settings &settings, bool hasProxyPassword, QWidget *parent = nullptr);
    Settings settings() const;
    // The proxy password typed, if any (stored by the caller in the keychain).
    QString proxyPassword() const;

private:
    // A path field with a Browse… button that picks a directory.
    QWidget *directoryField(QLineEdit *field, const QString &title);

    QSpinBox *m_concurrency;
    QSpinBox *m_jobsAtOnce;
    QSpinBox *m_retries;
    QSpinBox *m_blockSize;
    QComboBox *m_conflicts;
    QCheckBox *m_putMd5;
    QCheckBox *m_checkMd5;
    QDoubleSpinBox *m_cap;
    QComboBox *m_proxyMode;
    QLineEdit *m_proxyHost;
    QSpinBox *m_proxyPort;
    QLineEdit *m_proxyUser;
    QLineEdit *m_proxyPassword;
    QLineEdit *m_journals;
    QLineEdit *m_logs;
    UploadDefaultsBox *m_uploads;
    QLabel *m_error;
};

} // namespace blobferry::ui
