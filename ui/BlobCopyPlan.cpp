// SPDX-License-Identifier: MIT
#include "BlobCopyPlan.h"

#include "TransferManager.h"

#include <QCoreApplication>

namespace blobferry::ui::BlobCopyPlan {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("BlobCopyPlan", text);
}

bool sameContainer(const BlobFolder &a, const BlobFolder &b)
{
    return a.accountId == b.accountId && a.container == b.container;
}

} // namespace

QString checkTarget(const BlobSelection &selection, const BlobFolder &to, bool move)
{
    if (!sameContainer(selection.from, to))
        return {};
    for (const QString &folder : selection.folders) {
        // Copying a folder into itself would list what it copies, without end.
        if (to.path.startsWith(selection.from.path + folder))
            return tr("%1 cannot go into itself: choose a folder outside it.")
                .arg(selection.from.path + folder);
    }
    // A folder pasted where it is would be its own destination, listed while it is written.
    if (!move && to.path == selection.from.path && !selection.folders.isEmpty())
        return tr("A folder cannot be pasted where it is: paste it into another folder.");
    if (move && to.path == selection.from.path)
        return tr("The selection is in %1 already: choose another folder.")
            .arg(to.path.isEmpty() ? tr("the container's root") : to.path);
    return {};
}

QList<int> queue(TransferManager *transfers, const BlobSelection &selection, const BlobFolder &to,
                 bool move)
{
    QList<int> jobs;
    if (!selection.blobs.isEmpty())
        jobs.append(transfers->copy(selection.from, selection.blobs, false, to, move));
    for (const QString &folder : selection.folders) {
        // A folder arrives as a folder of the same name, with everything under it.
        BlobFolder source = selection.from;
        source.path += folder;
        BlobFolder target = to;
        target.path += folder;
        jobs.append(transfers->copy(source, {}, true, target, move));
    }
    return jobs;
}

int rename(TransferManager *transfers, const BlobFolder &from, const QString &name, bool folder,
           const QString &newName)
{
    if (!folder)
        return transfers->copy(from, {name}, false, from, true, newName);
    BlobFolder source = from;
    source.path += name;
    BlobFolder target = from;
    target.path += newName + QLatin1Char('/');
    return transfers->copy(source, {}, true, target, true);
}

} // namespace blobferry::ui::BlobCopyPlan
