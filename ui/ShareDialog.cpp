// SPDX-License-Identifier: MIT
#include "ShareDialog.h"

#include "azure/ServiceSas.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace blobferry::ui {

namespace {

enum Scope
{
    BlobScope,
    ContainerScope,
};

} // namespace

ShareDialog::ShareDialog(const azure::BlobLocation &container, const QString &account,
                         const QByteArray &key, const QString &blob, QWidget *parent)
    : QDialog(parent)
    , m_location(container)
    , m_account(account)
    , m_key(key)
    , m_blob(blob.endsWith(QLatin1Char('/')) ? QString() : blob)
    , m_scope(new QComboBox(this))
    , m_startNow(new QCheckBox(tr("Now"), this))
    , m_start(new QDateTimeEdit(QDateTime::currentDateTime(), this))
    , m_expiry(new QDateTimeEdit(QDateTime::currentDateTime().addDays(1), this))
    , m_ipRange(new QLineEdit(this))
    , m_httpsOnly(new QCheckBox(tr("HTTPS only"), this))
    , m_problem(new QLabel(this))
    , m_url(new QLineEdit(this))
{
    setObjectName(QStringLiteral("shareDialog"));
    setWindowTitle(tr("Share"));
    auto *form = new QFormLayout;
    if (!m_blob.isEmpty())
        m_scope->addItem(tr("This blob: %1").arg(m_blob), BlobScope);
    m_scope->addItem(tr("The whole container: %1").arg(container.container()), ContainerScope);
    m_scope->setObjectName(QStringLiteral("scopeBox"));
    form->addRow(tr("&Link to:"), m_scope);
    if (blob.endsWith(QLatin1Char('/'))) {
        // Microsoft's "Create a service SAS": a directory SAS (sr=d) exists only on accounts
        // with a hierarchical namespace (Data Lake Storage Gen2); Blob Storage has none.
        auto *folderNote = new QLabel(
            tr("A link cannot be limited to the folder %1: folders here are only name prefixes, "
               "and a shared access signature for a directory exists only on accounts with a "
               "hierarchical namespace (Data Lake Storage). A container link reaches every blob "
               "in %2, not only those in the folder; share single blobs to limit it.")
                .arg(blob, container.container()),
            this);
        folderNote->setObjectName(QStringLiteral("folderNote"));
        folderNote->setWordWrap(true);
        form->addRow(folderNote);
    }

    auto *permissionRow = new QHBoxLayout;
    const QList<QPair<QChar, QString>> letters{
        {QLatin1Char('r'), tr("Read")},   {QLatin1Char('a'), tr("Add")},
        {QLatin1Char('c'), tr("Create")}, {QLatin1Char('w'), tr("Write")},
        {QLatin1Char('d'), tr("Delete")}, {QLatin1Char('l'), tr("List")},
    };
    for (const auto &[letter, text] : letters) {
        auto *box = new QCheckBox(text, this);
        box->setObjectName(QStringLiteral("permission_") + letter);
        box->setProperty("letter", QString(letter));
        box->setChecked(letter == QLatin1Char('r'));
        box->setAccessibleName(tr("Permission: %1").arg(text));
        permissionRow->addWidget(box);
        m_permissions.append(box);
    }
    form->addRow(tr("Permissions:"), permissionRow);

    auto *startRow = new QHBoxLayout;
    m_startNow->setChecked(true);
    m_start->setEnabled(false);
    m_startNow->setObjectName(QStringLiteral("startNowBox"));
    m_startNow->setAccessibleName(tr("Start now"));
    m_start->setAccessibleName(tr("Start"));
    m_expiry->setAccessibleName(tr("Expiry"));
    m_scope->setAccessibleName(tr("Link to"));
    m_start->setObjectName(QStringLiteral("startEdit"));
    m_expiry->setObjectName(QStringLiteral("expiryEdit"));
    connect(m_startNow, &QCheckBox::toggled, m_start,
            [this](bool now) { m_start->setEnabled(!now); });
    startRow->addWidget(m_startNow);
    startRow->addWidget(m_start, 1);
    // A row of two widgets has no buddy of its own: without one the label shows "&Start".
    auto *startLabel = new QLabel(tr("&Start:"), this);
    startLabel->setBuddy(m_startNow);
    form->addRow(startLabel, startRow);
    form->addRow(tr("&Expiry:"), m_expiry);
    m_ipRange->setObjectName(QStringLiteral("ipRangeEdit"));
    m_ipRange->setAccessibleName(tr("Allowed IP range"));
    m_ipRange->setPlaceholderText(tr("Any; or 203.0.113.5, or 203.0.113.1-203.0.113.9"));
    form->addRow(tr("Allowed &IP range:"), m_ipRange);
    m_httpsOnly->setObjectName(QStringLiteral("httpsOnlyBox"));
    // The emulator answers http only: a link restricted to https would never work there.
    m_httpsOnly->setChecked(container.serviceRoot().startsWith(QLatin1String("https:")));
    form->addRow(QString(), m_httpsOnly);

    m_problem->setObjectName(QStringLiteral("problemLabel"));
    m_problem->setAccessibleName(tr("Status"));
    m_problem->setWordWrap(true);
    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setReadOnly(true);
    m_url->setAccessibleName(tr("Link"));
    m_url->setPlaceholderText(tr("The link appears here and on the clipboard"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *create = buttons->addButton(tr("&Create link"), QDialogButtonBox::ActionRole);
    create->setObjectName(QStringLiteral("createLinkButton"));
    create->setDefault(true);
    connect(create, &QPushButton::clicked, this, &ShareDialog::createLink);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_scope, &QComboBox::currentIndexChanged, this, &ShareDialog::scopeChanged);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_url);
    layout->addWidget(buttons);
    scopeChanged();
    resize(560, sizeHint().height());
}

void ShareDialog::scopeChanged()
{
    // A blob cannot be listed; a container link can.
    const bool container = m_scope->currentData().toInt() == ContainerScope;
    for (QCheckBox *box : m_permissions)
        if (box->property("letter").toString() == QLatin1String("l"))
            box->setEnabled(container);
    m_url->clear();
}

void ShareDialog::createLink()
{
    azure::ServiceSasGrant grant;
    grant.account = m_account;
    grant.container = m_location.container();
    const bool container = m_scope->currentData().toInt() == ContainerScope;
    if (!container)
        grant.blob = m_blob;
    for (QCheckBox *box : m_permissions)
        if (box->isChecked() && box->isEnabled())
            grant.permissions += box->property("letter").toString();
    if (!m_startNow->isChecked())
        grant.start = m_start->dateTime();
    grant.expiry = m_expiry->dateTime();
    grant.ipRange = m_ipRange->text().trimmed();
    grant.httpsOnly = m_httpsOnly->isChecked();
    const QString problem = azure::ServiceSas::problem(grant);
    m_problem->setText(problem);
    m_url->clear();
    if (!problem.isEmpty())
        return;
    const QString token = azure::ServiceSas::token(grant, m_key);
    const QUrl url = container ? m_location.containerUrl(token) : m_location.blobUrl(m_blob, token);
    m_url->setText(url.toString(QUrl::FullyEncoded));
    m_url->selectAll();
    QApplication::clipboard()->setText(m_url->text());
    m_problem->setText(tr("Copied to the clipboard. Anyone with this link can use it until %1; "
                          "only changing the account key revokes it.")
                           .arg(QLocale().toString(grant.expiry, QLocale::ShortFormat)));
}

QString ShareDialog::url() const
{
    return m_url->text();
}

} // namespace blobferry::ui
