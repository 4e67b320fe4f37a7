// SPDX-License-Identifier: MIT
#pragma once

#include "azure/BlobService.h"

#include <QDialog>

class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace blobferry::ui {

class KeyValueTable;

// One blob's properties: what Get Blob Properties says (size, type, tier, ETag, lease, MD5,
// times), the five writable headers, metadata and index tags, the last three editable.
// Save writes only what changed, each write carrying the ETag read when the dialog opened
// (then the one the previous write returned): a blob changed meanwhile answers 412 and the
// user is asked to reload, so nobody's change is overwritten silently. Set Blob Tags takes
// no If-Match, so the tags are read again first and must still be as they were shown.
//
// clang-format off
//   loading ─► editing ─Save─► headers? ─► metadata? ─► tags? ─► accepted
//      ▲                          └──412────────┴──changed─┘
//      └───────── Reload ◄── "changed since opened" box ──Keep editing──► editing
// clang-format on
class BlobPropertiesDialog final : public QDialog
{
    Q_OBJECT
public:
    BlobPropertiesDialog(azure::BlobService service, const QString &blob,
                         QWidget *parent = nullptr);

    // Reads the blob's properties and tags again, dropping unsaved edits.
    void reload();
    // True while a read or a write is under way (tests wait for it).
    bool isBusy() const { return m_busy; }

signals:
    // After a save that wrote something (the window refreshes its listing).
    void saved();

private:
    void buildSystemSection(QFormLayout *form);
    void showDetails(const azure::BlobDetails &details);
    void setBusy(bool busy, const QString &status);
    void validate();
    void save();
    void saveHeaders();
    void saveMetadata();
    void saveTags();
    void finishSave();
    void failed(const azure::CallOutcome &outcome);
    void askReload(const QString &what);
    azure::BlobHttpHeaders editedHeaders() const;

    azure::BlobService m_service;
    QString m_blob;
    azure::BlobDetails m_loaded;
    azure::KeyValues m_loadedTags;
    bool m_tagsReadable = false;
    QByteArray m_etag; // the version the next write must still find
    QStringList m_savedParts;
    bool m_busy = false;

    QHash<QString, QLabel *> m_system; // read-only values by field
    QLineEdit *m_contentType;
    QLineEdit *m_cacheControl;
    QLineEdit *m_contentDisposition;
    QLineEdit *m_contentEncoding;
    QLineEdit *m_contentLanguage;
    KeyValueTable *m_metadata;
    KeyValueTable *m_tags;
    QLabel *m_problem;
    QLabel *m_status;
    QPushButton *m_save;
};

} // namespace blobferry::ui
