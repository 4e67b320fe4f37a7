// SPDX-License-Identifier: MIT
#pragma once

#include "transfer/UploadAttributes.h"

#include <QGroupBox>

class QComboBox;
class QLineEdit;

namespace blobferry::ui {

// The Settings dialog's "Uploads" group: the tier, metadata, index tags and headers every
// upload from the window stores (the command line's --block-blob-tier, --metadata, ...),
// checked by the same rules as the command line's.
class UploadDefaultsBox final : public QGroupBox
{
    Q_OBJECT
public:
    explicit UploadDefaultsBox(const transfer::UploadAttributes &attributes,
                               QWidget *parent = nullptr);

    // The fields' values; false with one line naming the field and what is wrong.
    bool read(transfer::UploadAttributes *attributes, QString *error) const;

private:
    QLineEdit *field(const QString &name, const QString &text, const QString &placeholder);

    QComboBox *m_tier;
    QLineEdit *m_metadata;
    QLineEdit *m_tags;
    QLineEdit *m_cacheControl;
    QLineEdit *m_contentDisposition;
    QLineEdit *m_contentEncoding;
    QLineEdit *m_contentLanguage;
};

} // namespace blobferry::ui
