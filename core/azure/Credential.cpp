// SPDX-License-Identifier: MIT
#include "Credential.h"

#include <QRegularExpression>

namespace blobferry::azure {

Credential Credential::anonymous()
{
    return {};
}

Credential Credential::sharedKey(const QString &account, const QString &base64Key, QString *error)
{
    Credential c;
    c.m_kind = Kind::SharedKey;
    c.m_account = account;
    static const QRegularExpression base64(QStringLiteral("^[A-Za-z0-9+/]+={0,2}$"));
    const QString trimmed = base64Key.trimmed();
    const auto decoded =
        QByteArray::fromBase64Encoding(trimmed.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (trimmed.isEmpty() || !base64.match(trimmed).hasMatch() || !decoded ||
        decoded.decoded.size() < 16) {
        c.m_valid = false;
        if (error)
            *error = QStringLiteral("the account key is not valid base64: copy the whole key "
                                    "(it ends in '==') from the storage account's access keys");
        return c;
    }
    c.m_key = decoded.decoded;
    return c;
}

Credential Credential::sas(const QString &token)
{
    Credential c;
    c.m_kind = Kind::Sas;
    c.m_sas = token.startsWith(QLatin1Char('?')) ? token.mid(1) : token;
    return c;
}

QString redactSas(const QString &query)
{
    static const QRegularExpression sig(QStringLiteral("(^|[?&])(sig)=[^&]*"),
                                        QRegularExpression::CaseInsensitiveOption);
    QString out = query;
    out.replace(sig, QStringLiteral("\\1\\2=REDACTED"));
    return out;
}

} // namespace blobferry::azure
