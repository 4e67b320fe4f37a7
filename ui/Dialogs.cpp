// SPDX-License-Identifier: MIT
#include "Dialogs.h"

#include "BlobOperations.h"
#include "UploadDefaultsBox.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace blobferry::ui {

AddAccountDialog::AddAccountDialog(AccountStore *accounts, net::Requester *requester,
                                   QWidget *parent)
    : QDialog(parent)
    , m_accounts(accounts)
    , m_requester(requester)
{
    setObjectName(QStringLiteral("addAccountDialog"));
    setWindowTitle(tr("Add storage account"));
    // Endpoints and SAS URLs are long: room for most of one without scrolling the field.
    setMinimumWidth(fontMetrics().averageCharWidth() * 90);
    auto *layout = new QVBoxLayout(this);
    m_method = new QComboBox(this);
    m_method->setObjectName(QStringLiteral("method"));
    m_method->addItems({tr("Account name and key"), tr("Connection string"), tr("SAS URL")});
    layout->addWidget(m_method);
    m_pages = new QStackedWidget(this);

    auto *keyPage = new QWidget(m_pages);
    auto *keyForm = new QFormLayout(keyPage);
    m_accountName = new QLineEdit(keyPage);
    m_accountName->setObjectName(QStringLiteral("accountName"));
    m_accountKey = new QLineEdit(keyPage);
    m_accountKey->setObjectName(QStringLiteral("accountKey"));
    m_accountKey->setEchoMode(QLineEdit::Password);
    m_endpoint = new QLineEdit(keyPage);
    m_endpoint->setObjectName(QStringLiteral("endpoint"));
    m_endpoint->setPlaceholderText(tr("https://NAME.blob.core.windows.net (default)"));
    keyForm->addRow(tr("Account &name:"), m_accountName);
    keyForm->addRow(tr("Account &key:"), m_accountKey);
    keyForm->addRow(tr("Blob &endpoint:"), m_endpoint);
    m_pages->addWidget(keyPage);

    auto *stringPage = new QWidget(m_pages);
    auto *stringForm = new QFormLayout(stringPage);
    m_connectionString = new QLineEdit(stringPage);
    m_connectionString->setObjectName(QStringLiteral("connectionString"));
    m_connectionString->setEchoMode(QLineEdit::Password);
    m_connectionString->setPlaceholderText(
        QStringLiteral("DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…"));
    stringForm->addRow(tr("&Connection string:"), m_connectionString);
    m_pages->addWidget(stringPage);

    auto *sasPage = new QWidget(m_pages);
    auto *sasForm = new QFormLayout(sasPage);
    m_sasUrl = new QLineEdit(sasPage);
    m_sasUrl->setObjectName(QStringLiteral("sasUrl"));
    m_sasUrl->setPlaceholderText(
        QStringLiteral("https://NAME.blob.core.windows.net/container?sv=…"));
    sasForm->addRow(tr("&SAS URL:"), m_sasUrl);
    m_pages->addWidget(sasPage);
    layout->addWidget(m_pages);
    connect(m_method, &QComboBox::currentIndexChanged, this, [this](int page) {
        m_pages->setCurrentIndex(page);
        m_status->clear(); // another way in: the last one's error no longer applies
    });

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Connect and save"));
    m_check = buttons->addButton(tr("C&heck"), QDialogButtonBox::ActionRole);
    m_check->setObjectName(QStringLiteral("checkButton"));
    m_check->setToolTip(tr("Connect and list, without saving anything"));
    connect(m_check, &QPushButton::clicked, this, [this] { tryConnection(false); });
    connect(buttons, &QDialogButtonBox::accepted, this, [this] { tryConnection(true); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

void AddAccountDialog::setBusy(bool busy, const QString &message)
{
    m_ok->setEnabled(!busy);
    m_check->setEnabled(!busy);
    m_status->setText(message);
}

void AddAccountDialog::tryConnection(bool save)
{
    QString error;
    std::optional<NewAccount> entry;
    switch (m_method->currentIndex()) {
    case 0:
        entry = AccountStore::fromSharedKey(m_accountName->text(), m_accountKey->text(),
                                            m_endpoint->text(), &error);
        break;
    case 1:
        entry = AccountStore::fromConnectionString(m_connectionString->text(), &error);
        break;
    default:
        entry = AccountStore::fromSasUrl(m_sasUrl->text(), &error);
        break;
    }
    if (!entry) {
        setBusy(false, error);
        return;
    }
    // A container SAS may not list containers: it is tried on its container instead.
    const Connection &connection = entry->connection;
    const auto service = windowService(m_requester, connection, connection.container, &error);
    if (!service) {
        setBusy(false, error);
        return;
    }
    setBusy(true, tr("Connecting…"));
    auto saved = [this, save, entry = *entry](const azure::CallOutcome &outcome) {
        if (!outcome.ok()) {
            setBusy(false, tr("Cannot connect: %1").arg(outcome.error));
            return;
        }
        if (!save) {
            setBusy(false, tr("Connected: the account answers. Nothing is saved yet."));
            return;
        }
        setBusy(true, tr("Saving the secret in the keychain…"));
        m_accounts->add(entry, [this](const QString &saveError) {
            if (!saveError.isEmpty()) {
                setBusy(false, saveError);
                return;
            }
            accept();
        });
    };
    if (connection.container.isEmpty())
        service->listContainers({}, this,
                                [saved](const azure::CallOutcome &outcome,
                                        const azure::ContainerListPage &) { saved(outcome); });
    else
        service->listPage({}, QStringLiteral("/"), {}, 1, this,
                          [saved](const azure::CallOutcome &outcome, const azure::BlobListPage &) {
                              saved(outcome);
                          });
}

SettingsDialog::SettingsDialog(const Settings &settings, bool hasProxyPassword, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    auto *form = new QFormLayout(this);
    m_concurrency = new QSpinBox(this);
    m_concurrency->setObjectName(QStringLiteral("concurrencySpinBox"));
    m_concurrency->setRange(transfer::TransferSpec::kMinConcurrency,
                            transfer::TransferSpec::kMaxConcurrency);
    m_concurrency->setValue(settings.concurrency);
    m_concurrency->setToolTip(tr("Shared by every transfer running; a change applies at once"));
    form->addRow(tr("Requests in &parallel:"), m_concurrency);
    m_jobsAtOnce = new QSpinBox(this);
    m_jobsAtOnce->setObjectName(QStringLiteral("jobsAtOnceSpinBox"));
    m_jobsAtOnce->setRange(1, Settings::kMaxJobsAtOnce);
    m_jobsAtOnce->setValue(settings.jobsAtOnce);
    m_jobsAtOnce->setToolTip(tr("Drops and downloads beyond these wait in Queued, in order"));
    form->addRow(tr("Batches at &once:"), m_jobsAtOnce);
    m_retries = new QSpinBox(this);
    m_retries->setObjectName(QStringLiteral("retriesSpinBox"));
    m_retries->setRange(0, Settings::kMaxRetries);
    m_retries->setValue(settings.retries);
    m_retries->setToolTip(tr("How often a failed request is tried again before its file fails "
                             "(the waits double from 1 s up to 15 s)"));
    form->addRow(tr("&Retries per request:"), m_retries);
    m_blockSize = new QSpinBox(this);
    m_blockSize->setRange(1, 4000);
    m_blockSize->setSuffix(tr(" MiB"));
    m_blockSize->setValue(settings.blockSizeMiB);
    form->addRow(tr("&Block size:"), m_blockSize);
    m_conflicts = new QComboBox(this);
    m_conflicts->setObjectName(QStringLiteral("conflictsCombo"));
    m_conflicts->addItems(
        {tr("Ask"), tr("Overwrite"), tr("Skip"), tr("Overwrite if newer"), tr("Keep both")});
    m_conflicts->setCurrentIndex(int(settings.conflicts));
    form->addRow(tr("When a file &exists:"), m_conflicts);
    m_putMd5 = new QCheckBox(tr("Store each uploaded file's MD5"), this);
    m_putMd5->setChecked(settings.putMd5);
    m_checkMd5 = new QCheckBox(tr("Check downloads against the stored MD5"), this);
    m_checkMd5->setChecked(settings.checkMd5);
    form->addRow(tr("Integrity:"), m_putMd5);
    form->addRow(QString(), m_checkMd5);
    m_cap = new QDoubleSpinBox(this);
    m_cap->setObjectName(QStringLiteral("capSpinBox"));
    m_cap->setRange(0, 100000);
    m_cap->setDecimals(0);
    m_cap->setSuffix(tr(" Mbit/s"));
    m_cap->setSpecialValueText(tr("No limit"));
    m_cap->setValue(settings.capMbps);
    m_cap->setToolTip(tr("Shared by every transfer running; a change applies at once"));
    form->addRow(tr("Bandwidth &cap:"), m_cap);
    m_proxyMode = new QComboBox(this);
    m_proxyMode->addItems(
        {tr("System settings"), tr("No proxy"), tr("HTTP proxy"), tr("SOCKS5 proxy")});
    m_proxyMode->setCurrentIndex(int(settings.proxyMode));
    form->addRow(tr("Pro&xy:"), m_proxyMode);
    m_proxyHost = new QLineEdit(settings.proxyHost, this);
    m_proxyPort = new QSpinBox(this);
    m_proxyPort->setRange(0, 65535);
    m_proxyPort->setValue(settings.proxyPort);
    m_proxyUser = new QLineEdit(settings.proxyUser, this);
    m_proxyPassword = new QLineEdit(this);
    m_proxyPassword->setEchoMode(QLineEdit::Password);
    m_proxyPassword->setPlaceholderText(hasProxyPassword ? tr("Unchanged (kept in the keychain)")
                                                         : tr("None"));
    form->addRow(tr("Proxy host:"), m_proxyHost);
    form->addRow(tr("Proxy port:"), m_proxyPort);
    form->addRow(tr("Proxy user:"), m_proxyUser);
    form->addRow(tr("Proxy password:"), m_proxyPassword);
    auto enableProxy = [this](int mode) {
        const bool custom = mode >= int(Settings::ProxyMode::Http);
        for (QWidget *field :
             {static_cast<QWidget *>(m_proxyHost), static_cast<QWidget *>(m_proxyPort),
              static_cast<QWidget *>(m_proxyUser), static_cast<QWidget *>(m_proxyPassword)})
            field->setEnabled(custom);
    };
    connect(m_proxyMode, &QComboBox::currentIndexChanged, this, enableProxy);
    enableProxy(m_proxyMode->currentIndex());
    m_journals = new QLineEdit(settings.journalDirectory, this);
    m_journals->setPlaceholderText(settings.effectiveJournalDirectory());
    m_logs = new QLineEdit(settings.logDirectory, this);
    m_logs->setPlaceholderText(settings.effectiveLogDirectory());
    form->addRow(tr("&Journals and queue:"),
                 directoryField(m_journals, tr("Where journals and the queue go")));
    form->addRow(tr("&Logs:"), directoryField(m_logs, tr("Where logs go")));
    m_uploads = new UploadDefaultsBox(settings.uploads, this);
    form->addRow(m_uploads);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("settingsError"));
    m_error->setWordWrap(true);
    m_error->hide();
    form->addRow(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        transfer::UploadAttributes uploads;
        QString error;
        if (m_uploads->read(&uploads, &error)) {
            accept();
            return;
        }
        m_error->setText(error);
        m_error->show();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

QWidget *SettingsDialog::directoryField(QLineEdit *field, const QString &title)
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(field, 1);
    // The form's label names the row, not the field inside it: name the field itself.
    field->setAccessibleName(title);
    auto *browse = new QPushButton(tr("Browse…"), row);
    browse->setAccessibleName(tr("Browse: %1").arg(title));
    connect(browse, &QPushButton::clicked, this, [this, field, title] {
        const QString start = field->text().isEmpty() ? field->placeholderText() : field->text();
        const QString chosen = QFileDialog::getExistingDirectory(this, title, start);
        if (!chosen.isEmpty())
            field->setText(chosen);
    });
    layout->addWidget(browse);
    return row;
}

Settings SettingsDialog::settings() const
{
    Settings s;
    s.concurrency = m_concurrency->value();
    s.jobsAtOnce = m_jobsAtOnce->value();
    s.retries = m_retries->value();
    s.blockSizeMiB = m_blockSize->value();
    s.conflicts = Settings::ConflictDefault(m_conflicts->currentIndex());
    s.putMd5 = m_putMd5->isChecked();
    s.checkMd5 = m_checkMd5->isChecked();
    s.capMbps = m_cap->value();
    s.proxyMode = Settings::ProxyMode(m_proxyMode->currentIndex());
    s.proxyHost = m_proxyHost->text().trimmed();
    s.proxyPort = m_proxyPort->value();
    s.proxyUser = m_proxyUser->text();
    s.journalDirectory = m_journals->text().trimmed();
    s.logDirectory = m_logs->text().trimmed();
    QString error; // none once accepted: OK is refused while the uploads' values are invalid
    m_uploads->read(&s.uploads, &error);
    return s;
}

QString SettingsDialog::proxyPassword() const
{
    return m_proxyPassword->text();
}

} // namespace blobferry::ui
