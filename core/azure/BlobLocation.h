// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QUrl>
#include <optional>

namespace blobferry::azure {

// A place in Blob Storage named by a URL, in either of the two styles:
//   https://ACCOUNT.blob.core.windows.net/container/prefix     (virtual-host style)
//   http://127.0.0.1:10000/devstoreaccount1/container/prefix   (path style: emulator, IPs)
// A SAS token in the query is kept apart so it can be appended to every request and redacted
// from everything printed.
class BlobLocation final
{
public:
    // Returns nothing and sets *error (one line, says what to do) when the URL is unusable.
    // requireContainer: a transfer needs one; listing containers does not.
    static std::optional<BlobLocation> parse(const QString &text, QString *error,
                                             bool requireContainer = true);
    static bool looksLikeUrl(const QString &text);
    // Empty when valid, otherwise why not.
    static QString containerNameProblem(const QString &name);
    // A virtual directory as a blob-name prefix: "" stays "", "dir" becomes "dir/".
    static QString asDirectory(const QString &path);

    // scheme://host[:port] plus, for path style, "/account". No trailing slash, no query.
    const QString &serviceRoot() const { return m_serviceRoot; }
    const QString &account() const { return m_account; }
    const QString &container() const { return m_container; }
    // What follows the container: a virtual directory or blob-name prefix, no leading '/'.
    const QString &path() const { return m_path; }
    const QString &sasToken() const { return m_sas; }
    bool isPathStyle() const { return m_pathStyle; }

    // The URL of the container, or of a blob in it, percent-encoded, without any query.
    QUrl containerUrl(const QString &query = {}) const;
    QUrl blobUrl(const QString &blobName, const QString &query = {}) const;
    QUrl serviceUrl(const QString &query = {}) const;
    // For messages: the location with any SAS signature redacted.
    QString display() const;

    BlobLocation withPath(const QString &path) const;
    BlobLocation withSas(const QString &token) const;

private:
    QUrl makeUrl(const QString &encodedPath, const QString &query) const;

    QString m_serviceRoot;
    QString m_account;
    QString m_container;
    QString m_path;
    QString m_sas;
    bool m_pathStyle = false;
};

// Percent-encodes a blob name for a URL path: everything but unreserved characters and '/'
// ('/' too when a "." or ".." segment would otherwise be resolved away).
QByteArray encodeBlobPath(const QString &name);

} // namespace blobferry::azure
