// SPDX-License-Identifier: MIT
#pragma once

#include <QIcon>

namespace blobferry::ui {

// What an action does, as far as its icon is concerned: one icon per kind of action, so two
// different actions never look alike (Refresh and Retry used to share one).
enum class ActionIcon
{
    AddAccount,
    RemoveAccount,
    NewContainer,
    Delete,
    Refresh,
    UploadFiles,
    UploadFolder,
    Download,
    Pause,
    Resume,
    Cancel,
    Retry,
    ClearFinished,
    OpenFolder,
    Copy,
    CopyUrl,
    Settings,
    Log,
    Quit,
    About,
    Shortcuts,
    Back,
    Forward,
    Up,
};

// The desktop's icon theme where it has the freedesktop name for the action, else the SVG
// bundled in resources/icons/actions (a bare X session has no theme, and no theme names
// "upload a folder").
QIcon actionIcon(ActionIcon which);

} // namespace blobferry::ui
