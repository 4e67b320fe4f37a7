// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QList>
#include <QUrl>

class QAbstractItemModel;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTreeView;

namespace blobferry::ui {

// "Upload to…": where files handed to blobferry from outside (Open With, `blobferry FILE…`,
// another launch) should go — an account's container from the window's tree, and a folder in
// it. Nothing moves until the user says Upload.
class UploadChooser final : public QDialog
{
    Q_OBJECT
public:
    // `tree`: the window's AccountTreeModel (accounts, then their containers).
    UploadChooser(const QList<QUrl> &items, QAbstractItemModel *tree, QWidget *parent = nullptr);

    // Starts at this container and folder (the one the window shows).
    void preselect(const QString &accountId, const QString &container, const QString &folder);

    const QList<QUrl> &items() const { return m_items; }
    QString accountId() const;
    QString container() const;
    // The folder typed, as a blob name prefix: "" or "a/b/".
    QString folder() const;

private:
    void updateButtons();

    QList<QUrl> m_items;
    QTreeView *m_tree;
    QLineEdit *m_folder;
    QDialogButtonBox *m_buttons;
};

// What a list of local files and folders amounts to: "2 files and 1 folder (3.1 MB in the
// files)"; missing ones are counted apart.
QString describeItems(const QList<QUrl> &items);

} // namespace blobferry::ui
