// SPDX-License-Identifier: MIT
#include "BlobAddress.h"

#include <QCoreApplication>
#include <QUrl>

namespace blobferry::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("BlobAddress", text);
}

int portOf(const QUrl &url)
{
    return url.port(url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ? 443
                                                                                           : 80);
}

// The path below the account's endpoint ("container/dir/name"), when `url` is under it.
std::optional<QString> pathUnder(const QUrl &url, const Account &account)
{
    const QUrl endpoint(account.endpoint);
    if (url.scheme().compare(endpoint.scheme(), Qt::CaseInsensitive) != 0 ||
        url.host().compare(endpoint.host(), Qt::CaseInsensitive) != 0 ||
        portOf(url) != portOf(endpoint))
        return std::nullopt;
    QString base = endpoint.path(QUrl::FullyDecoded);
    if (!base.endsWith(QLatin1Char('/')))
        base += QLatin1Char('/');
    const QString path = url.path(QUrl::FullyDecoded);
    if (!path.startsWith(base))
        return std::nullopt;
    const QString rest = path.mid(base.size());
    // A SAS scoped to one container reaches nothing else.
    if (!account.container.isEmpty() && rest.section(QLatin1Char('/'), 0, 0) != account.container)
        return std::nullopt;
    return rest;
}

} // namespace

QString addressOf(const Account &account, const BrowseLocation &location)
{
    QUrl url(account.endpoint);
    QString path = url.path(QUrl::FullyDecoded);
    if (!path.endsWith(QLatin1Char('/')))
        path += QLatin1Char('/');
    url.setPath(path + location.container + QLatin1Char('/') + location.prefix, QUrl::DecodedMode);
    url.setQuery(QString());
    return url.toString(QUrl::PrettyDecoded);
}

std::optional<AddressTarget> resolveAddress(const QString &text, const QList<Account> &accounts,
                                            const BrowseLocation &current, QString *error)
{
    const QString trimmed = text.trimmed();
    QString accountId;
    QString rest;
    const QUrl url(trimmed, QUrl::TolerantMode);
    if (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https")) {
        for (const Account &account : accounts) {
            if (const auto under = pathUnder(url, account)) {
                accountId = account.id;
                rest = *under;
                // Prefer the account scoped to this very container (a SAS) over a wider one.
                if (!account.container.isEmpty())
                    break;
            }
        }
        if (accountId.isEmpty()) {
            *error = tr("No account reaches %1: add it with File → Add account…")
                         .arg(url.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo));
            return std::nullopt;
        }
    } else {
        if (current.accountId.isEmpty()) {
            *error = tr("Open a container first, or paste the blob's whole URL");
            return std::nullopt;
        }
        accountId = current.accountId;
        rest = trimmed;
        while (rest.startsWith(QLatin1Char('/')))
            rest.remove(0, 1);
    }
    const QString container = rest.section(QLatin1Char('/'), 0, 0);
    if (container.isEmpty()) {
        *error = tr("The address names no container: add /CONTAINER to it");
        return std::nullopt;
    }
    const QString path = rest.mid(container.size() + 1);
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    AddressTarget target;
    target.folder = {accountId, container, path.left(slash + 1)};
    target.name = path.mid(slash + 1);
    return target;
}

} // namespace blobferry::ui
