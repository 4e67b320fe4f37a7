// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <functional>

class QLabel;
class QLineEdit;

namespace blobferry::ui {

// Asks for a name (Rename, New folder) or a folder path (Move…). OK checks what was typed;
// a mistake is said under the field, and the dialog stays open with the text as typed.
class BlobNameDialog final : public QDialog
{
    Q_OBJECT
public:
    // The reason `text` cannot be used, or empty when it can.
    using Check = std::function<QString(const QString &text)>;

    BlobNameDialog(const QString &title, const QString &prompt, const QString &initial, Check check,
                   QWidget *parent = nullptr);
    // A line under the field: what else happens (snapshots that do not move).
    void setNote(const QString &note);
    QString text() const;
    // The text the field selects at first (a name without its extension).
    void selectPart(int start, int length);

    void accept() override;

private:
    Check m_check;
    QLineEdit *m_field;
    QLabel *m_error;
    QLabel *m_note;
};

// Checks shared by the window's naming commands; each returns the reason, or empty.
// A blob name's last part: not empty, no '/', not "." or "..", within the service's length.
QString checkLeafName(const QString &name);
// A folder path within a container ("" for its root, "a/b"), each part a valid leaf name.
QString checkFolderPath(const QString &path);

} // namespace blobferry::ui
