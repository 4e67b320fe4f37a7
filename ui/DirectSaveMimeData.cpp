// SPDX-License-Identifier: MIT
#include "DirectSaveMimeData.h"

#include <QFileInfo>
#include <QGuiApplication>
#include <QLoggingCategory>
#include <QSysInfo>
#include <QUrl>
#include <cstdlib>
#include <memory>
#include <xcb/xcb.h>

namespace blobferry::ui {

namespace {

Q_LOGGING_CATEGORY(lcDragOut, "blobferry.dragout", QtWarningMsg)

const char kFormat[] = "XdndDirectSave0";

template<typename T> using Reply = std::unique_ptr<T, decltype(&std::free)>;

xcb_connection_t *connection()
{
    auto *x11 = qGuiApp ? qGuiApp->nativeInterface<QNativeInterface::QX11Application>() : nullptr;
    return x11 ? x11->connection() : nullptr;
}

xcb_atom_t atom(xcb_connection_t *c, const char *name)
{
    Reply<xcb_intern_atom_reply_t> reply(
        xcb_intern_atom_reply(c, xcb_intern_atom(c, false, uint16_t(qstrlen(name)), name), nullptr),
        &std::free);
    return reply ? reply->atom : xcb_atom_t(XCB_ATOM_NONE);
}

// Windows this client created carry its resource id base: a stale owner from another program
// is never taken for our drag window.
bool isOurs(xcb_connection_t *c, xcb_window_t window)
{
    const xcb_setup_t *setup = xcb_get_setup(c);
    return window != XCB_NONE && (window & ~setup->resource_id_mask) == setup->resource_id_base;
}

QByteArray readProperty(xcb_connection_t *c, xcb_window_t window)
{
    Reply<xcb_get_property_reply_t> reply(
        xcb_get_property_reply(c,
                               xcb_get_property(c, false, window, atom(c, kFormat),
                                                atom(c, "text/plain"), 0, 4096 / 4),
                               nullptr),
        &std::free);
    if (!reply || reply->format != 8)
        return {};
    QByteArray value(static_cast<const char *>(xcb_get_property_value(reply.get())),
                     xcb_get_property_value_length(reply.get()));
    while (value.endsWith('\0')) // targets write the URI with its terminating zero
        value.chop(1);
    return value;
}

bool isThisHost(const QString &host)
{
    return host.isEmpty() || host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 ||
           host.compare(QSysInfo::machineHostName(), Qt::CaseInsensitive) == 0;
}

} // namespace

DirectSaveMimeData::DirectSaveMimeData(const QString &proposedName, SaveInto saveInto)
    : m_proposedName(proposedName)
    , m_saveInto(std::move(saveInto))
{}

DirectSaveMimeData::~DirectSaveMimeData()
{
    // The protocol leaves cleaning the property to the source once the drop is over.
    xcb_connection_t *c = m_window ? connection() : nullptr;
    if (c) {
        xcb_delete_property(c, m_window, atom(c, kFormat));
        xcb_flush(c);
    }
}

bool DirectSaveMimeData::available()
{
    return connection() != nullptr;
}

bool DirectSaveMimeData::announce()
{
    xcb_connection_t *c = connection();
    if (!c)
        return false;
    Reply<xcb_get_selection_owner_reply_t> owner(
        xcb_get_selection_owner_reply(c, xcb_get_selection_owner(c, atom(c, "XdndSelection")),
                                      nullptr),
        &std::free);
    if (!owner || !isOurs(c, owner->owner)) {
        qCWarning(lcDragOut) << "no drag window of ours owns XdndSelection";
        return false;
    }
    m_window = owner->owner;
    const QByteArray name = m_proposedName.toUtf8();
    xcb_change_property(c, XCB_PROP_MODE_REPLACE, m_window, atom(c, kFormat), atom(c, "text/plain"),
                        8, uint32_t(name.size()), name.constData());
    xcb_flush(c);
    qCDebug(lcDragOut) << "offering" << m_proposedName << "on window" << m_window;
    return true;
}

QStringList DirectSaveMimeData::formats() const
{
    // Only the direct save: a uri-list of files that do not exist yet would make a file
    // manager copy nothing, and the data itself may be gigabytes still in the cloud.
    return {QString::fromLatin1(kFormat)};
}

QVariant DirectSaveMimeData::retrieveData(const QString &mimeType, QMetaType) const
{
    if (mimeType != QLatin1String(kFormat))
        return {};
    if (m_answer.isEmpty()) {
        const QByteArray answer = save();
        if (answer == "S")
            m_answer = answer;
        return answer;
    }
    return m_answer;
}

QByteArray DirectSaveMimeData::save() const
{
    xcb_connection_t *c = connection();
    if (!c || !m_window)
        return "E";
    const QByteArray written = readProperty(c, m_window);
    qCDebug(lcDragOut) << "the target asks to save as" << written;
    // Still our proposed name: asked before the drop (pcmanfm does, while the drag moves).
    // Never "F" then: pcmanfm would empty the property and later save "into" its own folder.
    if (written == m_proposedName.toUtf8())
        return "E";
    return directSaveAnswer(written, m_saveInto);
}

QByteArray directSaveAnswer(const QByteArray &written, const DirectSaveMimeData::SaveInto &saveInto)
{
    const QUrl url(QString::fromUtf8(written), QUrl::StrictMode);
    // Nothing, or no URI.
    if (!url.isValid() || url.scheme().isEmpty())
        return "E";
    // A place we cannot write to ourselves (a remote folder in the file manager).
    if (url.scheme() != QLatin1String("file") || !isThisHost(url.host()))
        return "F";
    const QString directory = QFileInfo(url.path(QUrl::FullyDecoded)).absolutePath();
    if (!QFileInfo(directory).isDir() || !saveInto || !saveInto(directory))
        return "E";
    qCDebug(lcDragOut) << "queued a save into" << directory;
    return "S";
}

} // namespace blobferry::ui
