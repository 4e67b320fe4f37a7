// SPDX-License-Identifier: MIT
#include "ActionIcons.h"

namespace blobferry::ui {

namespace {

struct IconNames
{
    const char *theme;   // freedesktop icon naming specification, or a common extension
    const char *bundled; // resources/icons/actions/<bundled>.svg
};

IconNames namesOf(ActionIcon which)
{
    switch (which) {
    case ActionIcon::AddAccount:
        return {"list-add", "account-add"};
    case ActionIcon::RemoveAccount:
        return {"list-remove", "account-remove"};
    case ActionIcon::NewContainer:
        return {"folder-new", "container-new"};
    case ActionIcon::Delete:
        return {"edit-delete", "delete"};
    case ActionIcon::Refresh:
        return {"view-refresh", "refresh"};
    case ActionIcon::UploadFiles:
        return {"document-send", "upload-files"};
    case ActionIcon::UploadFolder:
        return {"folder-upload", "upload-folder"};
    case ActionIcon::Download:
        return {"folder-download", "download"};
    case ActionIcon::Pause:
        return {"media-playback-pause", "pause"};
    case ActionIcon::Resume:
        return {"media-playback-start", "resume"};
    case ActionIcon::Cancel:
        return {"process-stop", "cancel"};
    case ActionIcon::Retry:
        return {"edit-redo", "retry"};
    case ActionIcon::ClearFinished:
        return {"edit-clear", "clear-finished"};
    case ActionIcon::OpenFolder:
        return {"folder-open", "open-folder"};
    case ActionIcon::Copy:
        return {"edit-copy", "copy"};
    case ActionIcon::CopyUrl:
        return {"insert-link", "link"};
    case ActionIcon::Settings:
        return {"preferences-system", "settings"};
    case ActionIcon::Log:
        return {"text-x-generic", "log"};
    case ActionIcon::Quit:
        return {"application-exit", "quit"};
    case ActionIcon::About:
        return {"help-about", "about"};
    case ActionIcon::Shortcuts:
        return {"preferences-desktop-keyboard", "shortcuts"};
    case ActionIcon::Back:
        return {"go-previous", "back"};
    case ActionIcon::Forward:
        return {"go-next", "forward"};
    case ActionIcon::Up:
        return {"go-up", "up"};
    }
    return {"", "about"};
}

} // namespace

QIcon actionIcon(ActionIcon which)
{
    const IconNames names = namesOf(which);
    const QIcon bundled(QStringLiteral(":/icons/actions/%1.svg").arg(QLatin1String(names.bundled)));
    return QIcon::fromTheme(QLatin1String(names.theme), bundled);
}

} // namespace blobferry::ui
