// SPDX-License-Identifier: MIT
#include "ConnectionString.h"

#include <QHash>

namespace blobferry::azure {

std::optional<ConnectionString> ConnectionString::parse(const QString &text, QString *error)
{
    auto fail = [&](const QString &why) -> std::optional<ConnectionString> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QHash<QString, QString> fields; // keys lower-cased: the service treats them so
    const auto parts = text.split(QLatin1Char(';'), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const int eq = part.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return fail(QStringLiteral("malformed connection string: each part must be NAME=VALUE "
                                       "separated by ';'"));
        fields.insert(part.left(eq).trimmed().toLower(), part.mid(eq + 1).trimmed());
    }

    ConnectionString cs;
    if (fields.value(QStringLiteral("usedevelopmentstorage"))
            .compare(QLatin1String("true"), Qt::CaseInsensitive) == 0) {
        cs.blobEndpoint = QString::fromLatin1(kDevEndpoint);
        cs.credential = Credential::sharedKey(QString::fromLatin1(kDevAccount),
                                              QString::fromLatin1(kDevKey), error);
        return cs;
    }

    const QString account = fields.value(QStringLiteral("accountname"));
    const QString key = fields.value(QStringLiteral("accountkey"));
    const QString sas = fields.value(QStringLiteral("sharedaccesssignature"));
    QString endpoint = fields.value(QStringLiteral("blobendpoint"));
    if (endpoint.isEmpty()) {
        if (account.isEmpty())
            return fail(QStringLiteral("connection string has neither BlobEndpoint nor "
                                       "AccountName: copy the whole string from the portal"));
        const QString protocol =
            fields.value(QStringLiteral("defaultendpointsprotocol"), QStringLiteral("https"));
        const QString suffix =
            fields.value(QStringLiteral("endpointsuffix"), QStringLiteral("core.windows.net"));
        endpoint = QStringLiteral("%1://%2.blob.%3").arg(protocol, account, suffix);
    }
    while (endpoint.endsWith(QLatin1Char('/')))
        endpoint.chop(1);
    cs.blobEndpoint = endpoint;

    if (!key.isEmpty()) {
        if (account.isEmpty())
            return fail(QStringLiteral("connection string has AccountKey but no AccountName"));
        cs.credential = Credential::sharedKey(account, key, error);
        if (!cs.credential.isValid())
            return std::nullopt;
    } else if (!sas.isEmpty()) {
        cs.credential = Credential::sas(sas);
    } else {
        cs.credential = Credential::anonymous();
    }
    return cs;
}

} // namespace blobferry::azure
