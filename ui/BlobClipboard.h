// SPDX-License-Identifier: MIT
#pragma once

#include "BlobCopyPlan.h"

#include <optional>

class QMimeData;

namespace blobferry::ui {

// Blobs and folders copied in the window (Ctrl+C), as the clipboard carries them: a format of
// blobferry's own naming the account by its id (its secrets stay in the keychain), the
// container, the folder and the names; and the blobs' URLs as text, for pasting elsewhere.
namespace BlobClipboard {

inline constexpr char kFormat[] = "application/x-blobferry-blobs";

QMimeData *mimeData(const BlobSelection &selection, const QStringList &urls);
// The selection a clipboard holds, or nothing (files, text, another program's data).
std::optional<BlobSelection> selection(const QMimeData *mime);

} // namespace BlobClipboard

} // namespace blobferry::ui
