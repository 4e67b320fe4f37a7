// SPDX-License-Identifier: MIT
#pragma once

#include "azure/BlobLocation.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;

namespace blobferry::ui {

// Makes a link that lets someone without the account reach one blob or one container: a
// service SAS (sr=b or sr=c) signed with the account key, for the permissions, times, IP range
// and protocol chosen. The link is shown and copied to the clipboard, and nowhere else: not
// the log, not the settings. A virtual folder has no SAS of its own on a flat-namespace
// account (a directory SAS, sr=d, needs a hierarchical namespace), so the dialog says so and
// offers the container's.
class ShareDialog final : public QDialog
{
    Q_OBJECT
public:
    // container: where the blob or folder is; blob: the blob's name, or a folder's prefix
    // ending in '/', or empty for the container itself.
    ShareDialog(const azure::BlobLocation &container, const QString &account, const QByteArray &key,
                const QString &blob, QWidget *parent = nullptr);

    // The last link made (empty before "Create link").
    QString url() const;

private:
    void scopeChanged();
    void createLink();

    azure::BlobLocation m_location;
    QString m_account;
    QByteArray m_key;
    QString m_blob; // empty for a folder or the container
    QComboBox *m_scope;
    QList<QCheckBox *> m_permissions;
    QCheckBox *m_startNow;
    QDateTimeEdit *m_start;
    QDateTimeEdit *m_expiry;
    QLineEdit *m_ipRange;
    QCheckBox *m_httpsOnly;
    QLabel *m_problem;
    QLineEdit *m_url;
};

} // namespace blobferry::ui
