// SPDX-License-Identifier: MIT
#include "BlobClipboard.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>

namespace blobferry::ui::BlobClipboard {

QMimeData *mimeData(const BlobSelection &selection, const QStringList &urls)
{
    QJsonObject object;
    object.insert(QStringLiteral("account"), selection.from.accountId);
    object.insert(QStringLiteral("container"), selection.from.container);
    object.insert(QStringLiteral("folder"), selection.from.path);
    object.insert(QStringLiteral("blobs"), QJsonArray::fromStringList(selection.blobs));
    object.insert(QStringLiteral("folders"), QJsonArray::fromStringList(selection.folders));
    auto *mime = new QMimeData;
    mime->setData(QLatin1String(kFormat), QJsonDocument(object).toJson(QJsonDocument::Compact));
    mime->setText(urls.join(QLatin1Char('\n')));
    return mime;
}

std::optional<BlobSelection> selection(const QMimeData *mime)
{
    if (!mime || !mime->hasFormat(QLatin1String(kFormat)))
        return std::nullopt;
    const QJsonObject object = QJsonDocument::fromJson(mime->data(QLatin1String(kFormat))).object();
    BlobSelection selection;
    selection.from.accountId = object.value(QStringLiteral("account")).toString();
    selection.from.container = object.value(QStringLiteral("container")).toString();
    selection.from.path = object.value(QStringLiteral("folder")).toString();
    for (const QJsonValue &name : object.value(QStringLiteral("blobs")).toArray())
        selection.blobs.append(name.toString());
    for (const QJsonValue &name : object.value(QStringLiteral("folders")).toArray()) {
        if (name.toString().endsWith(QLatin1Char('/')))
            selection.folders.append(name.toString());
    }
    if (selection.from.accountId.isEmpty() || selection.from.container.isEmpty() ||
        selection.isEmpty())
        return std::nullopt;
    return selection;
}

} // namespace blobferry::ui::BlobClipboard
