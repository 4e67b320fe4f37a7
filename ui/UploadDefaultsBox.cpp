// SPDX-License-Identifier: MIT
#include "UploadDefaultsBox.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>

namespace blobferry::ui {

using transfer::UploadAttributes;

UploadDefaultsBox::UploadDefaultsBox(const UploadAttributes &attributes, QWidget *parent)
    : QGroupBox(tr("Uploads"), parent)
{
    setObjectName(QStringLiteral("uploadDefaultsBox"));
    auto *form = new QFormLayout(this);
    m_tier = new QComboBox(this);
    m_tier->setObjectName(QStringLiteral("uploadTierCombo"));
    // The data is the tier's name as the service spells it; empty: the account's default.
    m_tier->addItem(tr("Account default"), QString());
    for (const char *tier : {"Hot", "Cool", "Cold", "Archive"}) // the service's names
        m_tier->addItem(QString::fromLatin1(tier), QString::fromLatin1(tier));
    m_tier->setCurrentIndex(std::max(0, m_tier->findData(attributes.tier)));
    form->addRow(tr("Access &tier:"), m_tier);
    m_metadata = field(QStringLiteral("uploadMetadataEdit"),
                       UploadAttributes::metadataText(attributes.metadata),
                       QStringLiteral("project=q3;owner=ann"));
    form->addRow(tr("&Metadata:"), m_metadata);
    m_tags = field(QStringLiteral("uploadTagsEdit"), UploadAttributes::tagsText(attributes.tags),
                   QStringLiteral("team=web&stage=prod"));
    form->addRow(tr("Index ta&gs:"), m_tags);
    m_cacheControl = field(QStringLiteral("uploadCacheControlEdit"), attributes.cacheControl,
                           QStringLiteral("max-age=3600"));
    form->addRow(tr("Cache-Control:"), m_cacheControl);
    m_contentDisposition = field(QStringLiteral("uploadContentDispositionEdit"),
                                 attributes.contentDisposition, QStringLiteral("attachment"));
    form->addRow(tr("Content-Disposition:"), m_contentDisposition);
    m_contentEncoding = field(QStringLiteral("uploadContentEncodingEdit"),
                              attributes.contentEncoding, QStringLiteral("br"));
    form->addRow(tr("Content-Encoding:"), m_contentEncoding);
    m_contentLanguage = field(QStringLiteral("uploadContentLanguageEdit"),
                              attributes.contentLanguage, QStringLiteral("en-GB"));
    form->addRow(tr("Content-Language:"), m_contentLanguage);
}

QLineEdit *UploadDefaultsBox::field(const QString &name, const QString &text,
                                    const QString &placeholder)
{
    auto *edit = new QLineEdit(text, this);
    edit->setObjectName(name);
    edit->setPlaceholderText(tr("None (e.g. %1)").arg(placeholder));
    return edit;
}

bool UploadDefaultsBox::read(UploadAttributes *attributes, QString *error) const
{
    UploadAttributes read;
    read.tier = m_tier->currentData().toString();
    QString why;
    const auto fail = [&](const QString &fieldName) {
        *error = tr("%1: %2").arg(fieldName, why);
        return false;
    };
    if (!UploadAttributes::parseMetadata(m_metadata->text(), &read.metadata, &why))
        return fail(tr("Metadata (key=value;key=value)"));
    if (!UploadAttributes::parseTags(m_tags->text(), &read.tags, &why))
        return fail(tr("Index tags (key=value&key=value)"));
    const std::pair<QLineEdit *, QString UploadAttributes::*> headers[] = {
        {m_cacheControl, &UploadAttributes::cacheControl},
        {m_contentDisposition, &UploadAttributes::contentDisposition},
        {m_contentEncoding, &UploadAttributes::contentEncoding},
        {m_contentLanguage, &UploadAttributes::contentLanguage},
    };
    const QStringList names{QStringLiteral("Cache-Control"), QStringLiteral("Content-Disposition"),
                            QStringLiteral("Content-Encoding"), QStringLiteral("Content-Language")};
    for (int i = 0; i < 4; ++i) {
        const auto &[edit, member] = headers[i];
        if (!UploadAttributes::parseHeaderValue(edit->text(), &(read.*member), &why))
            return fail(names.at(i));
    }
    *attributes = read;
    return true;
}

} // namespace blobferry::ui
