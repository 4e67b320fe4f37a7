// SPDX-License-Identifier: MIT
#include "BlobPreviewPane.h"

#include "TransferQueueModel.h"

#include <QBuffer>
#include <QImageReader>
#include <QLabel>
#include <QLocale>
#include <QMimeDatabase>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStringDecoder>
#include <QVBoxLayout>
#include <memory>

namespace blobferry::ui {

namespace {

bool isText(const QMimeType &mime)
{
    return mime.inherits(QStringLiteral("text/plain")) ||
           mime.name().startsWith(QLatin1String("text/"));
}

} // namespace

BlobPreviewPane::BlobPreviewPane(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_message(new QLabel(this))
    , m_text(new QPlainTextEdit(this))
    , m_imageArea(new QScrollArea(this))
    , m_image(new QLabel(this))
{
    setObjectName(QStringLiteral("previewPane"));
    setAccessibleName(tr("Preview"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_message->setObjectName(QStringLiteral("previewMessage"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_text->setObjectName(QStringLiteral("previewText"));
    m_text->setAccessibleName(tr("Text preview"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_image->setObjectName(QStringLiteral("previewImage"));
    m_image->setAccessibleName(tr("Image preview"));
    m_image->setAlignment(Qt::AlignCenter);
    m_imageArea->setWidget(m_image);
    m_imageArea->setWidgetResizable(true);
    m_stack->addWidget(m_message);
    m_stack->addWidget(m_text);
    m_stack->addWidget(m_imageArea);
    layout->addWidget(m_stack);
    showMessage(tr("Select a blob to preview it."));
}

QString BlobPreviewPane::shownKind() const
{
    if (m_stack->currentWidget() == m_text)
        return QStringLiteral("text");
    if (m_stack->currentWidget() == m_imageArea)
        return QStringLiteral("image");
    return QStringLiteral("message");
}

BlobPreviewPane::Kind BlobPreviewPane::kindOf(const QString &blob, const QString &contentType)
{
    const QMimeDatabase mimes;
    QMimeType mime = mimes.mimeTypeForName(contentType.section(QLatin1Char(';'), 0, 0).trimmed());
    // Uploads without a type say application/octet-stream: the name says more.
    if (!mime.isValid() || mime.isDefault())
        mime = mimes.mimeTypeForFile(blob, QMimeDatabase::MatchExtension);
    const QByteArray name = mime.name().toLatin1();
    if (QImageReader::supportedMimeTypes().contains(name))
        return Kind::Image;
    return isText(mime) ? Kind::Text : Kind::None;
}

void BlobPreviewPane::cancelFetch()
{
    delete m_request; // aborts its request; its answer is never delivered
}

QObject *BlobPreviewPane::newRequest()
{
    cancelFetch();
    m_request = new QObject(this);
    return m_request;
}

void BlobPreviewPane::showMessage(const QString &text)
{
    cancelFetch();
    m_message->setText(text);
    m_stack->setCurrentWidget(m_message);
}

void BlobPreviewPane::showBlob(const azure::BlobService &service, const QString &blob, qint64 size,
                               const QString &contentType, const QByteArray &etag)
{
    const Kind kind = kindOf(blob, contentType);
    if (kind == Kind::None) {
        showMessage(tr("No preview for this type."));
        Q_EMIT shown();
        return;
    }
    if (kind == Kind::Image && size > kImageBytes) {
        showMessage(tr("Too large to preview (%1; images up to %2 are shown).")
                        .arg(formatBytes(size), formatBytes(kImageBytes)));
        Q_EMIT shown();
        return;
    }
    if (size == 0) {
        showText({}, 0);
        Q_EMIT shown();
        return;
    }
    showMessage(tr("Loading the preview…"));
    QObject *request = newRequest();
    const qint64 length = kind == Kind::Text ? qMin(size, kTextBytes) : size;
    // Images may be larger than what a request keeps without a sink.
    auto bytes = std::make_shared<QByteArray>();
    auto sink = [bytes](const QByteArray &chunk) {
        bytes->append(chunk);
        return QString();
    };
    service.fetch(blob, {}, 0, length, etag, sink, request,
                  [this, kind, bytes, size, request](const azure::CallOutcome &outcome,
                                                     const azure::BlobService::Fetched &) {
                      m_request = nullptr;
                      request->deleteLater();
                      if (!outcome.ok())
                          showMessage(tr("Cannot load the preview: %1").arg(outcome.error));
                      else if (kind == Kind::Text)
                          showText(*bytes, size);
                      else
                          showImage(*bytes);
                      Q_EMIT shown();
                  });
}

void BlobPreviewPane::showText(const QByteArray &bytes, qint64 size)
{
    // A byte-order mark names the encoding; otherwise UTF-8 unless it does not decode (a
    // character cut at the end of the range is not an error: the decoder keeps it pending).
    QString text;
    QString note;
    if (const auto bom = QStringConverter::encodingForData(bytes)) {
        QStringDecoder decoder(*bom);
        text = decoder(bytes);
    } else {
        QStringDecoder utf8(QStringDecoder::Utf8);
        text = utf8(bytes);
        if (utf8.hasError()) {
            text = QString::fromLatin1(bytes);
            note = tr("[Not UTF-8: shown as Latin-1]");
        }
    }
    if (size > bytes.size())
        note += (note.isEmpty() ? QString() : QStringLiteral(" ")) +
                tr("[The first %1 of %2]").arg(formatBytes(bytes.size()), formatBytes(size));
    m_text->setPlainText(note.isEmpty() ? text : note + QLatin1Char('\n') + text);
    m_stack->setCurrentWidget(m_text);
}

void BlobPreviewPane::showImage(const QByteArray &bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    QImageReader reader(&buffer);
    const QImage image = reader.read();
    if (image.isNull()) {
        showMessage(tr("Cannot show this image: %1").arg(reader.errorString()));
        return;
    }
    QPixmap pixmap = QPixmap::fromImage(image);
    const QSize room = m_imageArea->viewport()->size();
    if (!room.isEmpty() && (pixmap.width() > room.width() || pixmap.height() > room.height()))
        pixmap = pixmap.scaled(room, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    m_image->setPixmap(pixmap);
    m_image->setToolTip(tr("%1 × %2 pixels").arg(image.width()).arg(image.height()));
    m_stack->setCurrentWidget(m_imageArea);
}

} // namespace blobferry::ui
