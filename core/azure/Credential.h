// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

namespace blobferry::azure {

// How requests to one account are authorised. Holds secrets in memory only; nothing here is
// ever written to a log, a journal or a settings file (see redacted()).
class Credential final
{
public:
    enum class Kind
    {
        Anonymous,
        SharedKey,
        Sas
    };

    static Credential anonymous();
    // The key is the base64 text shown in the portal; returns an invalid credential (and an
    // error naming the problem) when it is not base64 of a plausible key.
    static Credential sharedKey(const QString &account, const QString &base64Key, QString *error);
    // token: the SAS query string without the leading '?'.
    static Credential sas(const QString &token);

    Kind kind() const { return m_kind; }
    bool isValid() const { return m_valid; }
    const QString &account() const { return m_account; }
    const QByteArray &key() const { return m_key; }
    const QString &sasToken() const { return m_sas; }

private:
    Kind m_kind = Kind::Anonymous;
    bool m_valid = true;
    QString m_account;
    QByteArray m_key;
    QString m_sas;
};

// A SAS query string with its signature replaced, safe to print.
QString redactSas(const QString &query);

} // namespace blobferry::azure
