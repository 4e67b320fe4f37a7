// SPDX-License-Identifier: MIT
#include "UploadChooser.h"

#include "AccountTreeModel.h"
#include "TransferQueueModel.h"
#include "log/Printable.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace blobferry::ui {

UploadChooser::UploadChooser(const QList<QUrl> &items, QAbstractItemModel *tree, QWidget *parent)
    : QDialog(parent)
    , m_items(items)
{
    setWindowTitle(tr("Upload to"));
    auto *layout = new QVBoxLayout(this);
    auto *what =
        new QLabel(tr("Upload %1 to the container chosen below.").arg(describeItems(items)));
    what->setWordWrap(true);
    layout->addWidget(what);
    if (items.size() == 1) {
        auto *name = new QLabel(log::printable(items.first().toLocalFile()));
        name->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(name);
    }

    m_tree = new QTreeView;
    m_tree->setModel(tree);
    m_tree->setHeaderHidden(true);
    m_tree->setAccessibleName(tr("Accounts and containers"));
    m_tree->setMinimumSize(360, 220);
    layout->addWidget(m_tree, 1);

    auto *form = new QFormLayout;
    m_folder = new QLineEdit;
    m_folder->setPlaceholderText(tr("the container's root"));
    m_folder->setAccessibleName(tr("Folder in the container"));
    form->addRow(tr("&Folder:"), m_folder);
    layout->addLayout(form);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    QPushButton *upload = m_buttons->addButton(tr("&Upload"), QDialogButtonBox::AcceptRole);
    upload->setAccessibleName(tr("Upload"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &UploadChooser::updateButtons);
    // Containers arrive as the tree lists them: the one preselected may come later.
    connect(tree, &QAbstractItemModel::rowsInserted, this, &UploadChooser::updateButtons);
    updateButtons();
}

void UploadChooser::preselect(const QString &accountId, const QString &container,
                              const QString &folder)
{
    auto *tree = qobject_cast<AccountTreeModel *>(m_tree->model());
    if (!tree)
        return;
    const QModelIndex account = tree->accountIndex(accountId);
    m_tree->expand(account);
    const QModelIndex at = tree->containerIndex(accountId, container);
    m_tree->setCurrentIndex(at.isValid() ? at : account);
    m_folder->setText(folder);
    m_tree->setFocus();
}

QString UploadChooser::accountId() const
{
    return m_tree->currentIndex().data(AccountTreeModel::AccountIdRole).toString();
}

QString UploadChooser::container() const
{
    return m_tree->currentIndex().data(AccountTreeModel::ContainerRole).toString();
}

QString UploadChooser::folder() const
{
    QString prefix = m_folder->text().trimmed();
    while (prefix.startsWith(QLatin1Char('/')))
        prefix.remove(0, 1);
    if (!prefix.isEmpty() && !prefix.endsWith(QLatin1Char('/')))
        prefix += QLatin1Char('/');
    return prefix;
}

void UploadChooser::updateButtons()
{
    // Only a container row is a destination; an account row is not.
    for (QAbstractButton *button : m_buttons->buttons())
        if (m_buttons->buttonRole(button) == QDialogButtonBox::AcceptRole)
            button->setEnabled(!container().isEmpty());
}

QString describeItems(const QList<QUrl> &items)
{
    int files = 0, folders = 0, missing = 0;
    qint64 bytes = 0;
    for (const QUrl &url : items) {
        const QFileInfo info(url.toLocalFile());
        if (info.isDir()) {
            ++folders;
        } else if (info.exists()) {
            ++files;
            bytes += info.size();
        } else {
            ++missing;
        }
    }
    QStringList parts;
    // No translator is loaded, so %n's plural forms would print "file(s)": say it in full.
    if (files)
        parts << (files == 1 ? UploadChooser::tr("1 file")
                             : UploadChooser::tr("%1 files").arg(files));
    if (folders)
        parts << (folders == 1 ? UploadChooser::tr("1 folder")
                               : UploadChooser::tr("%1 folders").arg(folders));
    QString text =
        parts.isEmpty() ? UploadChooser::tr("nothing") : parts.join(UploadChooser::tr(" and "));
    if (files)
        text += UploadChooser::tr(" (%1 in the files)").arg(formatBytes(bytes));
    if (missing)
        text += missing == 1
                    ? UploadChooser::tr("; 1 item not found will be skipped")
                    : UploadChooser::tr("; %1 items not found will be skipped").arg(missing);
    return text;
}

} // namespace blobferry::ui
