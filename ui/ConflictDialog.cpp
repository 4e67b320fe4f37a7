// SPDX-License-Identifier: MIT
#include "ConflictDialog.h"

#include "TransferQueueModel.h"
#include "log/Printable.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace blobferry::ui {

using transfer::ConflictAnswer;

namespace {

QGroupBox *sideBox(const QString &title, qint64 size, const QDateTime &modified,
                   const QByteArray &md5, QWidget *parent)
{
    auto *box = new QGroupBox(title, parent);
    auto *form = new QFormLayout(box);
    form->addRow(QObject::tr("Size:"),
                 new QLabel(size >= 0 ? QStringLiteral("%1 (%2 bytes)")
                                            .arg(formatBytes(size), QLocale().toString(size))
                                      : QObject::tr("unknown"),
                            box));
    form->addRow(QObject::tr("Modified:"),
                 new QLabel(modified.isValid()
                                ? QLocale().toString(modified.toLocalTime(), QLocale::ShortFormat)
                                : QObject::tr("unknown"),
                            box));
    form->addRow(QObject::tr("MD5:"),
                 new QLabel(md5.isEmpty()
                                ? QObject::tr("not known")
                                : QString::fromLatin1(QByteArray::fromBase64(md5).toHex()),
                            box));
    return box;
}

} // namespace

ConflictDialog::ConflictDialog(const transfer::Conflict &conflict, Direction direction,
                               QWidget *parent)
    : QDialog(parent)
    , m_conflict(conflict)
{
    setObjectName(QStringLiteral("conflictDialog"));
    setWindowTitle(tr("File exists"));
    setWindowModality(Qt::WindowModal);
    auto *layout = new QVBoxLayout(this);
    auto *title = new QLabel(tr("<b>%1</b> already exists at the destination.")
                                 .arg(log::printable(conflict.destination).toHtmlEscaped()),
                             this);
    title->setWordWrap(true);
    layout->addWidget(title);
    auto *sides = new QHBoxLayout;
    const bool upload = direction == Direction::Upload;
    const bool download = direction == Direction::Download;
    sides->addWidget(sideBox(upload ? tr("Your file") : tr("Blob (new)"), conflict.sourceSize,
                             conflict.sourceModified, conflict.sourceMd5, this));
    sides->addWidget(sideBox(download ? tr("Your file (existing)") : tr("Blob (existing)"),
                             conflict.destinationSize, conflict.destinationModified,
                             conflict.destinationMd5, this));
    layout->addLayout(sides);
    m_forAll = new QCheckBox(tr("Do this for all remaining conflicts in this batch"), this);
    m_forAll->setObjectName(QStringLiteral("forAllCheck"));
    layout->addWidget(m_forAll);

    auto *buttons = new QDialogButtonBox(this);
    auto add = [&](const QString &text, const char *name, ConflictAnswer single,
                   ConflictAnswer forAll) {
        auto *button = buttons->addButton(text, QDialogButtonBox::ActionRole);
        button->setObjectName(QLatin1String(name));
        // No default: Enter alone (a key meant for another window) must not pick Skip, which
        // throws the upload away, nor Overwrite, which throws the blob away.
        button->setAutoDefault(false);
        connect(button, &QPushButton::clicked, this,
                [this, single, forAll] { choose(single, forAll); });
        return button;
    };
    add(tr("&Overwrite"), "overwriteButton", ConflictAnswer::Yes, ConflictAnswer::All);
    add(tr("&Skip"), "skipButton", ConflictAnswer::No, ConflictAnswer::None);
    add(tr("&Keep both"), "keepBothButton", ConflictAnswer::KeepBoth, ConflictAnswer::KeepBothAll);
    add(tr("Overwrite if &newer"), "ifNewerButton", ConflictAnswer::IfNewer,
        ConflictAnswer::IfNewerAll);
    layout->addWidget(buttons);
    // Closing the dialog any other way skips the file: nothing is overwritten unasked.
    connect(this, &QDialog::rejected, this,
            [this] { choose(ConflictAnswer::No, ConflictAnswer::No); });
}

void ConflictDialog::choose(ConflictAnswer single, ConflictAnswer forAll)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT answered(m_forAll->isChecked() ? forAll : single);
    accept();
}

} // namespace blobferry::ui
