// SPDX-License-Identifier: MIT
#pragma once

#include "Accounts.h"
#include "BrowseHistory.h"

#include <QList>
#include <QString>
#include <optional>

namespace blobferry::ui {

// Where an address typed or pasted into the window's address bar leads.
struct AddressTarget
{
    BrowseLocation folder;
    QString name; // a blob (or folder without its '/') in `folder` to show; empty: the folder
};

// The address of a folder: the account's endpoint, the container and the prefix as a URL a
// user can paste elsewhere. Never a SAS: that stays in the keychain.
QString addressOf(const Account &account, const BrowseLocation &location);

// A full URL under one of the accounts' endpoints (a SAS query on it is ignored), or
// "container/path" within `current`'s account. Nothing, with *error saying what to do, when
// no account reaches it.
std::optional<AddressTarget> resolveAddress(const QString &text, const QList<Account> &accounts,
                                            const BrowseLocation &current, QString *error);

} // namespace blobferry::ui
