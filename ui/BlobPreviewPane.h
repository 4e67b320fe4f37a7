// SPDX-License-Identifier: MIT
#pragma once

#include "azure/BlobService.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QScrollArea;
class QStackedWidget;

namespace blobferry::ui {

// The preview pane beside the blob list (View ▸ Preview pane): the start of a text blob (a
// ranged Get Blob of kTextBytes, decoded by its byte-order mark, else as UTF-8, else as
// Latin-1), an image up to kImageBytes (QImageReader), or a line saying why there is nothing
// to see. A new selection aborts the fetch on its way.
class BlobPreviewPane final : public QWidget
{
    Q_OBJECT
public:
    static constexpr qint64 kTextBytes = 64 * 1024;
    static constexpr qint64 kImageBytes = 20 * 1024 * 1024;

    explicit BlobPreviewPane(QWidget *parent = nullptr);

    // contentType: as listed (the name's extension decides when it says nothing).
    void showBlob(const azure::BlobService &service, const QString &blob, qint64 size,
                  const QString &contentType, const QByteArray &etag);
    // Nothing to fetch: the line says why (no selection, a folder).
    void showMessage(const QString &text);

    // What the pane shows now: "text", "image" or "message" (tests, accessibility).
    QString shownKind() const;
    bool isFetching() const { return !m_request.isNull(); }

Q_SIGNALS:
    void shown(); // a fetch ended (or nothing needed fetching)

private:
    enum class Kind
    {
        Text,
        Image,
        None
    };
    static Kind kindOf(const QString &blob, const QString &contentType);
    void cancelFetch();
    QObject *newRequest();
    void showText(const QByteArray &bytes, qint64 size);
    void showImage(const QByteArray &bytes);

    QStackedWidget *m_stack;
    QLabel *m_message;
    QPlainTextEdit *m_text;
    QScrollArea *m_imageArea;
    QLabel *m_image;
    QPointer<QObject> m_request; // the fetch on its way; deleting it aborts it
};

} // namespace blobferry::ui
