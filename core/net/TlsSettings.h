// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>
#include <optional>

namespace blobferry::net {

// Which certificate authorities a job trusts: the system's, plus those of a PEM file the user
// named (--ca-file) for an emulator or a private endpoint with a certificate of its own.
// Verification is never switched off; there is deliberately no setting for that.
class TlsSettings final
{
public:
    TlsSettings() = default; // the system's authorities only

    // Trusts the certificates of the PEM file caFile too (none when it is empty). On failure:
    // nothing, and *error says why in one line.
    static std::optional<TlsSettings> load(const QString &caFile, QString *error);

    bool trustsSystemOnly() const { return m_extraAuthorities.isEmpty(); }
    // The configuration of every https request: Qt's default plus the extra authorities.
    QSslConfiguration configuration() const;

private:
    QList<QSslCertificate> m_extraAuthorities;
};

} // namespace blobferry::net
