// SPDX-License-Identifier: MIT
#include "BlobPropertiesDialog.h"

#include "KeyValueTable.h"
#include "TransferQueueModel.h"
#include "azure/BlobEntry.h"
#include "azure/BlobTags.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace blobferry::ui {

namespace {

QString shownTime(const QDateTime &time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::LongFormat)
                          : QStringLiteral("—");
}

QString orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("—") : text;
}

QLineEdit *headerEdit(const char *name, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(QLatin1String(name));
    return edit;
}

} // namespace

BlobPropertiesDialog::BlobPropertiesDialog(azure::BlobService service, const QString &blob,
                                           QWidget *parent)
    : QDialog(parent)
    , m_service(std::move(service))
    , m_blob(blob)
    , m_contentType(headerEdit("contentTypeEdit", this))
    , m_cacheControl(headerEdit("cacheControlEdit", this))
    , m_contentDisposition(headerEdit("contentDispositionEdit", this))
    , m_contentEncoding(headerEdit("contentEncodingEdit", this))
    , m_contentLanguage(headerEdit("contentLanguageEdit", this))
    , m_metadata(new KeyValueTable(tr("Metadata"), this))
    , m_tags(new KeyValueTable(tr("Index tags"), this))
    , m_problem(new QLabel(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("blobPropertiesDialog"));
    setWindowTitle(tr("Properties of %1").arg(blob.section(QLatin1Char('/'), -1)));
    m_metadata->setObjectName(QStringLiteral("metadataTable"));
    m_tags->setObjectName(QStringLiteral("tagsTable"));
    const QList<QPair<QLineEdit *, QString>> named{
        {m_contentType, QStringLiteral("Content-Type")},
        {m_cacheControl, QStringLiteral("Cache-Control")},
        {m_contentDisposition, QStringLiteral("Content-Disposition")},
        {m_contentEncoding, QStringLiteral("Content-Encoding")},
        {m_contentLanguage, QStringLiteral("Content-Language")}};
    for (const auto &[edit, header] : named)
        edit->setAccessibleName(header); // the header's own name, as the service spells it
    m_problem->setObjectName(QStringLiteral("problemLabel"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: palette(link);"));
    m_problem->setAccessibleName(tr("Problem"));
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setAccessibleName(tr("Status"));
    m_status->setWordWrap(true);

    auto *system = new QWidget(this);
    auto *systemForm = new QFormLayout(system);
    buildSystemSection(systemForm);

    auto *headers = new QWidget(this);
    auto *headerForm = new QFormLayout(headers);
    headerForm->addRow(tr("Content-&Type:"), m_contentType);
    headerForm->addRow(tr("&Cache-Control:"), m_cacheControl);
    headerForm->addRow(tr("Content-&Disposition:"), m_contentDisposition);
    headerForm->addRow(tr("Content-&Encoding:"), m_contentEncoding);
    headerForm->addRow(tr("Content-&Language:"), m_contentLanguage);

    auto *tabs = new QTabWidget(this);
    tabs->setAccessibleName(tr("Sections"));
    tabs->addTab(system, tr("Blob"));
    tabs->addTab(headers, tr("Headers"));
    tabs->addTab(m_metadata, tr("Metadata"));
    tabs->addTab(m_tags, tr("Tags"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close, this);
    m_save = buttons->button(QDialogButtonBox::Save);
    m_save->setObjectName(QStringLiteral("saveButton"));
    connect(m_save, &QPushButton::clicked, this, &BlobPropertiesDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(m_problem);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(560, 480);

    for (QLineEdit *edit : {m_contentType, m_cacheControl, m_contentDisposition, m_contentEncoding,
                            m_contentLanguage})
        connect(edit, &QLineEdit::textEdited, this, &BlobPropertiesDialog::validate);
    connect(m_metadata, &KeyValueTable::edited, this, &BlobPropertiesDialog::validate);
    connect(m_tags, &KeyValueTable::edited, this, &BlobPropertiesDialog::validate);
    reload();
}

void BlobPropertiesDialog::buildSystemSection(QFormLayout *form)
{
    const QList<QPair<QString, QString>> fields{
        {QStringLiteral("name"), tr("Name:")},
        {QStringLiteral("size"), tr("Size:")},
        {QStringLiteral("type"), tr("Blob type:")},
        {QStringLiteral("tier"), tr("Access tier:")},
        {QStringLiteral("etag"), tr("ETag:")},
        {QStringLiteral("lease"), tr("Lease:")},
        {QStringLiteral("md5"), tr("Content-MD5:")},
        {QStringLiteral("created"), tr("Created:")},
        {QStringLiteral("modified"), tr("Last modified:")},
        // The list's Modified column: the file's own time, kept when it was uploaded.
        {QStringLiteral("fileModified"), tr("File modified:")},
    };
    for (const auto &[key, label] : fields) {
        auto *value = new QLabel(form->parentWidget());
        value->setObjectName(key + QStringLiteral("Value"));
        value->setAccessibleName(QString(label).remove(QLatin1Char(':')));
        value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        form->addRow(label, value);
        m_system.insert(key, value);
    }
}

void BlobPropertiesDialog::setBusy(bool busy, const QString &status)
{
    m_busy = busy;
    m_status->setText(status);
    m_save->setEnabled(!busy && m_problem->text().isEmpty());
}

void BlobPropertiesDialog::reload()
{
    setBusy(true, tr("Reading the blob's properties…"));
    m_savedParts.clear();
    m_service.getDetails(
        m_blob, this, [this](const azure::CallOutcome &outcome, const azure::BlobDetails &details) {
            if (!outcome.ok()) {
                setBusy(false, outcome.error);
                m_save->setEnabled(false);
                return;
            }
            showDetails(details);
            m_service.getTags(
                m_blob, this,
                [this](const azure::CallOutcome &tagOutcome, const azure::KeyValues &tags) {
                    m_tagsReadable = tagOutcome.ok();
                    m_loadedTags = tags;
                    m_tags->setPairs(tags);
                    m_tags->setEnabled(m_tagsReadable);
                    setBusy(false, m_tagsReadable
                                       ? QString()
                                       : tr("The tags cannot be read: %1").arg(tagOutcome.error));
                    validate();
                });
        });
}

void BlobPropertiesDialog::showDetails(const azure::BlobDetails &details)
{
    m_loaded = details;
    m_etag = details.etag;
    const QLocale locale;
    m_system.value(QStringLiteral("name"))->setText(details.name);
    m_system.value(QStringLiteral("size"))
        ->setText(
            tr("%1 (%2 bytes)").arg(formatBytes(details.size), locale.toString(details.size)));
    m_system.value(QStringLiteral("type"))->setText(orDash(details.blobType));
    m_system.value(QStringLiteral("tier"))
        ->setText(details.tierInferred ? tr("%1 (the account's default)").arg(details.accessTier)
                                       : orDash(details.accessTier));
    m_system.value(QStringLiteral("etag"))->setText(QString::fromLatin1(details.etag));
    m_system.value(QStringLiteral("lease"))
        ->setText(details.leaseState.isEmpty()
                      ? QStringLiteral("—")
                      : tr("%1, %2").arg(details.leaseState, details.leaseStatus));
    m_system.value(QStringLiteral("md5"))
        ->setText(orDash(QString::fromLatin1(details.headers.contentMd5)));
    m_system.value(QStringLiteral("created"))->setText(shownTime(details.created));
    m_system.value(QStringLiteral("modified"))->setText(shownTime(details.lastModified));
    // blobferry's own metadata read as a listing reads it (BlobEntry).
    azure::BlobEntry recorded;
    for (const auto &[key, value] : details.metadata)
        recorded.readMetadata(azure::BlobEntry::metadataItem(key), value);
    m_system.value(QStringLiteral("fileModified"))
        ->setText(recorded.fileModifiedMs > 0
                      ? shownTime(recorded.fileModified())
                      : tr("— (not recorded: the list shows Last modified)"));
    m_contentType->setText(details.headers.contentType);
    m_cacheControl->setText(details.headers.cacheControl);
    m_contentDisposition->setText(details.headers.contentDisposition);
    m_contentEncoding->setText(details.headers.contentEncoding);
    m_contentLanguage->setText(details.headers.contentLanguage);
    m_metadata->setPairs(details.metadata);
}

azure::BlobHttpHeaders BlobPropertiesDialog::editedHeaders() const
{
    azure::BlobHttpHeaders headers;
    headers.contentType = m_contentType->text().trimmed();
    headers.cacheControl = m_cacheControl->text().trimmed();
    headers.contentDisposition = m_contentDisposition->text().trimmed();
    headers.contentEncoding = m_contentEncoding->text().trimmed();
    headers.contentLanguage = m_contentLanguage->text().trimmed();
    // Not editable, but Set Blob Properties clears it unless it is sent back.
    headers.contentMd5 = m_loaded.headers.contentMd5;
    return headers;
}

void BlobPropertiesDialog::validate()
{
    QString problem = azure::metadataProblem(m_metadata->pairs());
    if (problem.isEmpty() && m_tagsReadable)
        problem = azure::tagsProblem(m_tags->pairs());
    m_problem->setText(problem);
    m_save->setEnabled(!m_busy && problem.isEmpty() && !m_loaded.etag.isEmpty());
}

void BlobPropertiesDialog::save()
{
    validate();
    if (!m_problem->text().isEmpty() || m_busy)
        return;
    m_savedParts.clear();
    setBusy(true, tr("Saving…"));
    saveHeaders();
}

void BlobPropertiesDialog::saveHeaders()
{
    const azure::BlobHttpHeaders headers = editedHeaders();
    if (headers == m_loaded.headers) {
        saveMetadata();
        return;
    }
    m_service.setHttpHeaders(m_blob, headers, m_etag, this,
                             [this](const azure::CallOutcome &outcome, const QByteArray &etag) {
                                 if (!outcome.ok())
                                     return failed(outcome);
                                 m_etag = etag;
                                 m_savedParts << tr("the headers");
                                 saveMetadata();
                             });
}

void BlobPropertiesDialog::saveMetadata()
{
    const azure::KeyValues metadata = m_metadata->pairs();
    if (metadata == m_loaded.metadata) {
        saveTags();
        return;
    }
    m_service.setMetadata(m_blob, metadata, m_etag, this,
                          [this](const azure::CallOutcome &outcome, const QByteArray &etag) {
                              if (!outcome.ok())
                                  return failed(outcome);
                              m_etag = etag;
                              m_savedParts << tr("the metadata");
                              saveTags();
                          });
}

void BlobPropertiesDialog::saveTags()
{
    const azure::KeyValues tags = m_tags->pairs();
    if (!m_tagsReadable || tags == m_loadedTags) {
        finishSave();
        return;
    }
    // Set Blob Tags has no If-Match: the tags must still be those the dialog showed.
    m_service.getTags(
        m_blob, this,
        [this, tags](const azure::CallOutcome &outcome, const azure::KeyValues &current) {
            if (!outcome.ok())
                return failed(outcome);
            if (current != m_loadedTags)
                return askReload(tr("Its tags changed since this dialog opened"));
            m_service.setTags(m_blob, tags, this, [this](const azure::CallOutcome &written) {
                if (!written.ok())
                    return failed(written);
                m_savedParts << tr("the tags");
                finishSave();
            });
        });
}

void BlobPropertiesDialog::finishSave()
{
    setBusy(false, {});
    if (!m_savedParts.isEmpty())
        emit saved();
    accept();
}

void BlobPropertiesDialog::failed(const azure::CallOutcome &outcome)
{
    if (outcome.status == 412)
        return askReload(tr("It changed since this dialog opened"));
    setBusy(false, m_savedParts.isEmpty()
                       ? tr("Nothing was saved: %1").arg(outcome.error)
                       : tr("Saved %1, then: %2")
                             .arg(QLocale().createSeparatedList(m_savedParts), outcome.error));
    if (!m_savedParts.isEmpty())
        emit saved();
}

void BlobPropertiesDialog::askReload(const QString &what)
{
    const QString savedText =
        m_savedParts.isEmpty()
            ? tr("Nothing was saved.")
            : tr("Only %1 had been saved.").arg(QLocale().createSeparatedList(m_savedParts));
    setBusy(false, tr("%1 changed since it was opened. %2").arg(m_blob, savedText));
    if (!m_savedParts.isEmpty())
        emit saved();
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Blob changed"),
                                tr("%1: %2, so nothing of it was overwritten. %3\n\nReload its "
                                   "current properties? Your edits here are discarded.")
                                    .arg(m_blob, what, savedText),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("blobChangedBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *reloadButton = box->addButton(tr("Reload"), QMessageBox::AcceptRole);
    reloadButton->setObjectName(QStringLiteral("reloadButton"));
    box->addButton(tr("Keep editing"), QMessageBox::RejectRole);
    connect(box, &QMessageBox::finished, this, [this, box, reloadButton] {
        if (box->clickedButton() == reloadButton)
            reload();
    });
    box->open();
}

} // namespace blobferry::ui
