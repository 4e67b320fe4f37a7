// SPDX-License-Identifier: MIT
#include "BlobNameDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace blobferry::ui {

namespace {

constexpr int kMaxBlobName = 1024; // characters, the service's limit for a whole blob name

} // namespace

BlobNameDialog::BlobNameDialog(const QString &title, const QString &prompt, const QString &initial,
                               Check check, QWidget *parent)
    : QDialog(parent)
    , m_check(std::move(check))
    , m_field(new QLineEdit(initial, this))
    , m_error(new QLabel(this))
    , m_note(new QLabel(this))
{
    setWindowTitle(title);
    auto *layout = new QVBoxLayout(this);
    auto *label = new QLabel(prompt, this);
    label->setBuddy(m_field);
    layout->addWidget(label);
    m_field->setObjectName(QStringLiteral("nameField"));
    m_field->setAccessibleName(prompt);
    m_field->setMinimumWidth(360);
    layout->addWidget(m_field);
    m_error->setObjectName(QStringLiteral("nameError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: palette(link-visited);"));
    m_error->hide();
    layout->addWidget(m_error);
    m_note->setObjectName(QStringLiteral("nameNote"));
    m_note->setWordWrap(true);
    m_note->hide();
    layout->addWidget(m_note);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &BlobNameDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &BlobNameDialog::reject);
    layout->addWidget(buttons);
    connect(m_field, &QLineEdit::textEdited, m_error, &QLabel::hide);
}

void BlobNameDialog::setNote(const QString &note)
{
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

QString BlobNameDialog::text() const
{
    return m_field->text();
}

void BlobNameDialog::selectPart(int start, int length)
{
    m_field->setSelection(start, length);
}

void BlobNameDialog::accept()
{
    const QString why = m_check ? m_check(m_field->text()) : QString();
    if (!why.isEmpty()) {
        m_error->setText(why);
        m_error->show();
        m_field->setFocus();
        return; // the typed text stays for the user to correct
    }
    QDialog::accept();
}

QString checkLeafName(const QString &name)
{
    if (name.trimmed().isEmpty())
        return BlobNameDialog::tr("Type a name.");
    if (name.contains(QLatin1Char('/')))
        return BlobNameDialog::tr("A name cannot contain '/': use Move… to put it in another "
                                  "folder.");
    if (name == QLatin1String(".") || name == QLatin1String(".."))
        return BlobNameDialog::tr("'.' and '..' are not names a blob can have.");
    if (name.size() > kMaxBlobName)
        return BlobNameDialog::tr("The name is longer than the %1 characters a blob name may have.")
            .arg(kMaxBlobName);
    return {};
}

QString checkFolderPath(const QString &path)
{
    QString trimmed = path;
    while (trimmed.startsWith(QLatin1Char('/')))
        trimmed.remove(0, 1);
    while (trimmed.endsWith(QLatin1Char('/')))
        trimmed.chop(1);
    if (trimmed.isEmpty())
        return {}; // the container's root
    for (const QString &part : trimmed.split(QLatin1Char('/'))) {
        if (part.isEmpty())
            return BlobNameDialog::tr("A folder path cannot have two '/' in a row.");
        if (const QString why = checkLeafName(part); !why.isEmpty())
            return why;
    }
    return {};
}

} // namespace blobferry::ui
