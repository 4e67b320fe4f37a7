// SPDX-License-Identifier: MIT
#pragma once

#include <QMimeData>
#include <functional>

namespace blobferry::ui {

// The drag source's half of the X direct-save protocol (XDS, freedesktop's "XdndDirectSave0"),
// for things that exist only remotely and so have no local file to hand to a file manager:
//
//   source: offers the type XdndDirectSave0 and puts a proposed file name (text/plain) in the
//           XdndDirectSave0 property of its drag window
//   target: on the drop, replaces that property with the file:// URI it wants written, then
//           asks the source for the data of XdndDirectSave0
//   source: saves there itself and answers "S" (saved), "E" (error) or "F" (failed: cannot
//           reach that place; the target may fall back to the data, which we do not offer)
//
// Qt knows nothing of XDS, so this talks to the X server itself, through Qt's own xcb
// connection. Only on X11 (Qt's xcb platform): on Wayland or the offscreen platform Qt gives no
// way to the drag's window, available() is false and the window offers no drag out at all.
class DirectSaveMimeData final : public QMimeData
{
public:
    // Queues the save into a local directory; false if it cannot.
    using SaveInto = std::function<bool(const QString &directory)>;

    DirectSaveMimeData(const QString &proposedName, SaveInto saveInto);
    ~DirectSaveMimeData() override;

    // Whether this platform can take a direct save (X11).
    static bool available();
    // Puts the proposed name on the drag's X window. Call it once QDrag::exec runs (Qt makes
    // its drag window the owner of XdndSelection as the drag starts); false if none is found.
    bool announce();

    QStringList formats() const override;

protected:
    QVariant retrieveData(const QString &mimeType, QMetaType type) const override;

private:
    QByteArray save() const;

    QString m_proposedName;
    SaveInto m_saveInto;
    quint32 m_window = 0;        // the drag's X source window, once announced
    mutable QByteArray m_answer; // "S" once saved: a repeated request does not save twice
};

// What the source answers once the target has written `written` (the property's value) and
// asks: "S" once saveInto queued the save into the URI's folder; "F" for a place this machine
// cannot write itself (another host, another scheme); "E" otherwise (still the proposed name,
// nothing, a folder that does not exist, saveInto refused).
QByteArray directSaveAnswer(const QByteArray &written,
                            const DirectSaveMimeData::SaveInto &saveInto);

} // namespace blobferry::ui
