// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace blobferry::azure {

// What a service SAS grants: one blob (sr=b) or one container (sr=c), for a time, from where.
struct ServiceSasGrant
{
    QString account;
    QString container;
    QString blob;        // empty: the container itself
    QString permissions; // letters from "racwdl" (l only for a container), any order
    QDateTime start;     // invalid: valid at once
    QDateTime expiry;
    QString ipRange; // "a.b.c.d" or "a.b.c.d-e.f.g.h"; empty: from anywhere
    bool httpsOnly = true;
    QString version; // empty: the pinned service version (ApiVersion.h)
};

// Signs a service SAS with the account key, as Microsoft's "Create a service SAS" describes
// for versions 2020-12-06 and later: HMAC-SHA256 over sixteen lines (permissions, start,
// expiry, /blob/account/container[/blob], identifier, IP, protocol, version, resource,
// snapshot time, encryption scope, and the five response-header overrides), unlike SasIssuer's
// account SAS, which reaches every blob in the account.
class ServiceSas final
{
public:
    // The permission letters in the order the service expects ("racwdl"), unknown ones and
    // `l` on a blob dropped.
    static QString canonicalPermissions(const ServiceSasGrant &grant);
    static QString stringToSign(const ServiceSasGrant &grant);
    // The query string (no '?'): sv, sr, sp, st, se, sip, spr, sig, each percent-encoded.
    static QString token(const ServiceSasGrant &grant, const QByteArray &key);
    // Why the grant cannot be signed (no permission, expiry not after start, a malformed IP
    // range), one line; empty when it can.
    static QString problem(const ServiceSasGrant &grant);
};

} // namespace blobferry::azure
