// SPDX-License-Identifier: MIT
#include "LocalNamePlanner.h"

#include "DownloadTransfer.h"

#include <QFile>
#include <algorithm>
#include <cstdio>
#include <sys/stat.h>

namespace blobferry::transfer {

namespace {

constexpr int kMaxCounter = 100000;

QString join(const QString &parent, const QString &name)
{
    return parent.isEmpty() ? name : parent + QLatin1Char('/') + name;
}

QString parentOf(const QString &path)
{
    const int slash = int(path.lastIndexOf(QLatin1Char('/')));
    return slash < 0 ? QString() : path.left(slash);
}

QString linkRefusal(const QString &path, const QString &link)
{
    if (path == link)
        return QStringLiteral("%1 in the destination is a symbolic link; blobferry does not "
                              "write through links")
            .arg(path);
    return QStringLiteral("the destination path %1 goes through the symbolic link %2; blobferry "
                          "does not follow links in the destination")
        .arg(path, link);
}

// A directory name no other blob name translates to (NameMapper's "dot", "dotdot", %-codes and
// shortened names; the planner's "(n)"): a blob can only get into such a directory by having
// its name, so once the listing has passed that name, no blob will. Except through empty
// segments, which NameMapper drops: "a//b/x" lands in a/b too. It sorts before "a/b/" unless
// a segment starts with a character below '/' ("a/-b" < "a//-b"), so those are excluded too.
bool onlyItsOwnName(const QString &segment)
{
    return !segment.isEmpty() && segment.at(0) > QLatin1Char('/') &&
           segment != QLatin1String("dot") && segment != QLatin1String("dotdot") &&
           !segment.contains(QLatin1Char('%')) && !segment.contains(QLatin1Char('(')) &&
           !segment.contains(QLatin1Char('~')) && segment.size() < 64;
}

// A name claimed under its own blob name that no later blob can claim once an ordered listing
// has passed it: only the blob of that name translates to it (onlyItsOwnName), and its UTF-16
// order is its UTF-8 order (no code unit from U+D800 up), so the service's order and QString's
// agree about where the listing is.
bool passableName(const QString &segment)
{
    return onlyItsOwnName(segment) && std::none_of(segment.cbegin(), segment.cend(),
                                                   [](QChar c) { return c.unicode() >= 0xD800; });
}

// The listing has passed `segment` and every name under `segment/` in a directory when the
// rest of the blob name from that directory, `position` ("b.txt", or "sub/b.txt" for a blob
// deeper down), sorts after "segment/" and all that starts with it.
bool listingPassed(QStringView segment, QStringView position)
{
    if (position.startsWith(segment))
        return position.size() > segment.size() && position.at(segment.size()) > QLatin1Char('/');
    return position > segment;
}

// Ends plan()'s claims, whichever way it returns.
struct ClaimsEnd
{
    bool *inOrder;
    ~ClaimsEnd() { *inOrder = false; }
};

} // namespace

LocalNamePlanner::LocalNamePlanner(const QString &root, NameMapper mapper, bool caseInsensitive,
                                   NameManifest previous)
    : m_root(QDir::cleanPath(QDir(root).absolutePath()))
    , m_mapper(std::move(mapper))
    , m_caseInsensitive(caseInsensitive)
    , m_previous(std::move(previous))
{
    reserve(NameManifest::fileName(), Kind::Reserved);
}

LocalNamePlanner::Plan LocalNamePlanner::plan(const QString &blobName, qint64 size)
{
    Plan plan;
    const NameMapper::Result mapped = m_mapper.toLocal(blobName, size);
    plan.invalidUnicode = mapped.invalidUnicode;
    plan.isDirectory = mapped.isDirectory;
    if (mapped.segments.isEmpty() && !mapped.isDirectory) {
        plan.error = QStringLiteral("the blob name maps to no file name inside the destination");
        return plan;
    }
    const int directories = int(mapped.segments.size()) - (mapped.isDirectory ? 0 : 1);
    // "a/b/" with bytes is the file a/b%2F, but it is listed among a/b/'s names: it leaves
    // no directory (and enters none that could be released).
    const bool fileWithSlash = blobName.endsWith(QLatin1Char('/')) && !mapped.isDirectory;
    if (m_ordered && !fileWithSlash) {
        // "/a/x" or "a//x": in a/ without being listed among a/'s names (see onlyItsOwnName).
        const bool emptySegment =
            blobName.startsWith(QLatin1Char('/')) || blobName.contains(QLatin1String("//"));
        enterDirectories(mapped.segments, directories, !emptySegment);
    }
    // Listed where it lands: its segments are the listing's position in each open directory.
    // A translated name ("./x" lands in dot/) says nothing about where the listing is there.
    m_claimInOrder = m_ordered && !mapped.isDirectory && mapped.relativePath == blobName;
    if (m_claimInOrder) {
        qsizetype from = 0; // where the blob's name goes on in directory i
        for (int i = 0; i <= directories; ++i) {
            const QStringView position = QStringView(blobName).mid(from);
            from += mapped.segments.at(i).size() + 1;
            const OpenDirectory &open = m_open.at(i);
            if (!open.passedUpTo.isEmpty() && !listingPassed(open.passedUpTo, position)) {
                plan.error = QStringLiteral("the service listed this blob out of name order, "
                                            "after %1; download it on its own")
                                 .arg(join(open.path, open.passedUpTo));
                return plan;
            }
            forgetPassed(i, position);
        }
    }
    const ClaimsEnd claimsEnd{&m_claimInOrder};
    QString path;
    for (int i = 0; i < directories; ++i) {
        path = claimDirectory(path, mapped.segments.at(i), mapped.relativePath, &plan);
        if (!plan.error.isEmpty())
            return plan;
        if (!m_left.isEmpty() && m_left.contains(path)) {
            plan.error = QStringLiteral("the service listed this blob out of name order, after "
                                        "its folder %1; download it on its own")
                             .arg(path);
            return plan;
        }
    }
    if (mapped.isDirectory) {
        QStringList &markers = m_folderMarkers[path];
        if (!markers.contains(blobName)) {
            markers.append(blobName);
            m_dirty = true;
        }
        plan.relativePath = path;
        plan.renamed = !path.isEmpty() && path + QLatin1Char('/') != blobName;
        return plan;
    }
    path = claimFile(path, mapped.segments.last(), blobName, 0, &plan);
    if (!plan.error.isEmpty())
        return plan;

    // Belt and braces: whatever the rules above did, the path must be plain names under root.
    if (!NameMapper::staysInside(path) ||
        !QDir::cleanPath(absolutePath(path)).startsWith(m_root + QLatin1Char('/'))) {
        plan.error = QStringLiteral("the blob name maps to a path outside the destination");
        return plan;
    }
    plan.ticket = m_nextTicket++;
    plan.relativePath = path;
    plan.renamed = path != blobName;
    Ticket ticket;
    ticket.blobName = blobName;
    ticket.path = path;
    ticket.renamed = plan.renamed;
    m_tickets.insert(plan.ticket, ticket);
    m_nodes[key(path)].ticket = plan.ticket;
    return plan;
}

QString LocalNamePlanner::claimDirectory(const QString &parent, const QString &segment,
                                         const QString &wholePath, Plan *plan)
{
    const bool passable = m_claimInOrder && passableName(segment);
    for (int n = 0; n < kMaxCounter; ++n) {
        const QString path = join(parent, n == 0 ? segment : NameMapper::withCounter(segment, n));
        const QString k = key(path);
        const auto it = m_nodes.constFind(k);
        if (it != m_nodes.cend()) {
            if (it->path != path)
                continue; // differs only in case on a case-insensitive destination
            if (it->kind == Kind::Directory)
                return path;
            // The directory wins its own name: a file of this job moves aside if it can.
            if (n == 0 && it->kind == Kind::File && moveAside(k, plan)) {
                reserve(path, Kind::Directory, n == 0 && passable);
                return path;
            }
            continue;
        }
        switch (diskEntry(path)) {
        case DiskEntry::Absent:
            reserve(path, Kind::Directory, n == 0 && passable);
            return path;
        case DiskEntry::Directory:
            if (!sameCaseOnDisk(path))
                continue;
            reserve(path, Kind::Directory, n == 0 && passable);
            return path;
        case DiskEntry::SymLink:
            plan->error = linkRefusal(wholePath, path);
            return {};
        default:
            continue; // a file that was there before: it keeps its name
        }
    }
    plan->error = QStringLiteral("no free name for the directory %1").arg(join(parent, segment));
    return {};
}

QString LocalNamePlanner::claimFile(const QString &parent, const QString &segment,
                                    const QString &blobName, int firstCounter, Plan *plan)
{
    for (int n = firstCounter; n < kMaxCounter; ++n) {
        const QString path = join(parent, n == 0 ? segment : NameMapper::withCounter(segment, n));
        const QString part = DownloadTransfer::partPath(path);
        if (m_nodes.contains(key(path)) || m_nodes.contains(key(part)))
            continue;
        const DiskEntry entry = diskEntry(path);
        const DiskEntry partEntry = diskEntry(part);
        if (entry == DiskEntry::SymLink || partEntry == DiskEntry::SymLink) {
            if (!plan)
                continue;
            plan->error = linkRefusal(entry == DiskEntry::SymLink ? path : part,
                                      entry == DiskEntry::SymLink ? path : part);
            return {};
        }
        if (entry == DiskEntry::Directory || entry == DiskEntry::Other ||
            partEntry == DiskEntry::Directory || partEntry == DiskEntry::Other)
            continue;
        if (entry == DiskEntry::File) {
            if (!sameCaseOnDisk(path))
                continue;
            // A blob's own name may meet an existing file (the overwrite policy decides), unless
            // an earlier download wrote another blob there; an "(n)" name only a file an
            // earlier download gave this blob.
            const QString previousOwner = m_previous.blobNameOf(path);
            if (!previousOwner.isEmpty() && previousOwner != blobName)
                continue;
            if (n > 0 && previousOwner != blobName)
                continue;
        }
        const bool passable = n == 0 && m_claimInOrder && passableName(segment);
        reserve(path, Kind::File, passable);
        reserve(part, Kind::Reserved, passable);
        return path;
    }
    if (plan)
        plan->error = QStringLiteral("no free name for the file %1").arg(join(parent, segment));
    return {};
}

bool LocalNamePlanner::moveAside(const QString &key, Plan *plan)
{
    const Node node = m_nodes.value(key);
    auto ticketIt = m_tickets.find(node.ticket);
    if (ticketIt == m_tickets.end())
        return false;
    Ticket &ticket = *ticketIt;
    const DiskEntry entry = diskEntry(node.path);
    if (ticket.state == State::Abandoned) {
        // Nothing of it is on disk: it gives up the name without a new one.
        if (entry != DiskEntry::Absent)
            return false;
        m_nodes.remove(key);
        ticket.path.clear();
        return true;
    }
    if (ticket.state == State::InFlight && entry != DiskEntry::Absent)
        return false; // a file that was there before, which the transfer may overwrite
    if (ticket.state == State::Written && entry != DiskEntry::File)
        return false;

    const int slash = int(node.path.lastIndexOf(QLatin1Char('/')));
    const QString parent = parentOf(node.path);
    const QString segment = node.path.mid(slash + 1);
    m_nodes.remove(key);
    const QString to = claimFile(parent, segment, ticket.blobName, 1, nullptr);
    if (to.isEmpty()) {
        m_nodes.insert(key, node);
        return false;
    }
    if (ticket.state == State::Written) {
        if (std::rename(QFile::encodeName(absolutePath(node.path)).constData(),
                        QFile::encodeName(absolutePath(to)).constData()) != 0) {
            m_nodes.remove(this->key(to));
            m_nodes.insert(key, node);
            return false;
        }
        m_dirty = true;
    }
    m_nodes[this->key(to)].ticket = node.ticket;
    Relocation relocation;
    relocation.ticket = node.ticket;
    relocation.blobName = ticket.blobName;
    relocation.from = node.path;
    relocation.to = to;
    relocation.firstRename = !ticket.renamed;
    ticket.path = to;
    ticket.renamed = true;
    plan->relocations.append(relocation);
    return true;
}

void LocalNamePlanner::written(int ticket)
{
    auto it = m_tickets.find(ticket);
    if (it == m_tickets.end())
        return;
    it->state = State::Written;
    if (it->renamed || !m_previous.blobNameOf(it->path).isEmpty())
        m_dirty = true;
}

void LocalNamePlanner::abandoned(int ticket)
{
    auto it = m_tickets.find(ticket);
    if (it != m_tickets.end())
        it->state = State::Abandoned;
}

NameManifest LocalNamePlanner::manifest() const
{
    NameManifest manifest;
    // What an earlier download recorded stays true while its file is still there.
    for (auto it = m_previous.files().cbegin(); it != m_previous.files().cend(); ++it)
        if (diskEntry(it.key()) == DiskEntry::File)
            manifest.setFile(it.key(), it.value());
    for (auto it = m_previous.folders().cbegin(); it != m_previous.folders().cend(); ++it)
        if (it.key().isEmpty() || diskEntry(it.key()) == DiskEntry::Directory)
            for (const QString &name : it.value())
                manifest.addFolderMarker(it.key(), name);

    for (const Ticket &ticket : m_tickets) {
        if (ticket.state != State::Written)
            continue;
        if (ticket.path != ticket.blobName)
            manifest.setFile(ticket.path, ticket.blobName);
        else
            manifest.removeFile(ticket.path); // the path holds the blob of its own name now
    }
    for (auto it = m_folderMarkers.cbegin(); it != m_folderMarkers.cend(); ++it)
        for (const QString &name : it.value())
            manifest.addFolderMarker(it.key(), name);
    return manifest;
}

QString LocalNamePlanner::absolutePath(const QString &relativePath) const
{
    // Not QDir::filePath: it takes a name starting with ':' for an absolute resource path.
    return relativePath.isEmpty() ? m_root : m_root + QLatin1Char('/') + relativePath;
}

QString LocalNamePlanner::key(const QString &path) const
{
    return m_caseInsensitive ? path.toCaseFolded() : path;
}

LocalNamePlanner::DiskEntry LocalNamePlanner::diskEntry(const QString &path) const
{
    struct stat info;
    if (::lstat(QFile::encodeName(absolutePath(path)).constData(), &info) != 0)
        return DiskEntry::Absent;
    if (S_ISLNK(info.st_mode))
        return DiskEntry::SymLink;
    if (S_ISDIR(info.st_mode))
        return DiskEntry::Directory;
    if (S_ISREG(info.st_mode))
        return DiskEntry::File;
    return DiskEntry::Other;
}

bool LocalNamePlanner::sameCaseOnDisk(const QString &path)
{
    if (!m_caseInsensitive)
        return true;
    // lstat found the name, but a case-insensitive file system also finds "A.txt" for
    // "a.txt": only the directory's listing tells which one is there.
    const QString parent = parentOf(path);
    auto it = m_listings.find(parent);
    if (it == m_listings.end()) {
        const QStringList names =
            QDir(absolutePath(parent))
                .entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
        it = m_listings.insert(parent, QSet<QString>(names.cbegin(), names.cend()));
    }
    return it->contains(path.mid(parent.isEmpty() ? 0 : parent.size() + 1));
}

void LocalNamePlanner::reserve(const QString &path, Kind kind, bool passable)
{
    Node node;
    node.kind = kind;
    node.path = path;
    const QString k = key(path);
    m_nodes.insert(k, node);
    if (!m_ordered)
        return;
    // Filed under its directory, if that is open (it is, unless a "(n)" made a new one).
    const int slash = int(path.lastIndexOf(QLatin1Char('/')));
    const QStringView parent = slash < 0 ? QStringView() : QStringView(path).left(slash);
    for (qsizetype i = m_open.size() - 1; i >= 0; --i) {
        OpenDirectory &directory = m_open[i];
        if (directory.path != parent)
            continue;
        if (passable && (i == 0 || directory.releasable)) {
            if (kind != Kind::Reserved) // a part file goes with its file
                directory.passable.push_back(k);
        } else if (directory.releasable) {
            directory.keys.append(k);
        }
        return;
    }
}

void LocalNamePlanner::setOrderedListing(bool ordered)
{
    m_ordered = ordered && !m_caseInsensitive && !m_mapper.rules().windowsNames &&
                !m_mapper.rules().backslashSeparates;
    m_open.clear();
    if (m_ordered) {
        OpenDirectory root; // never left; its entries stay
        root.releasable = false;
        m_open.append(root);
    }
}

void LocalNamePlanner::enterDirectories(const QStringList &segments, int count, bool listedThere)
{
    // m_open[i + 1] is the directory of segments[0..i] if the last blob was in it too.
    int shared = 0;
    while (shared < count && shared + 1 < m_open.size() &&
           m_open[shared + 1].segment == segments[shared])
        ++shared;
    while (m_open.size() > shared + 1) {
        const OpenDirectory left = m_open.takeLast();
        if (!left.releasable)
            continue;
        release(left.keys);
        for (const QString &k : left.passable)
            forget(k);
        m_left.insert(left.path);
    }
    for (int i = shared; i < count; ++i) {
        OpenDirectory entered;
        const OpenDirectory &parent = m_open.last();
        entered.segment = segments[i];
        entered.path = i == 0 ? segments[0] : parent.path + QLatin1Char('/') + segments[i];
        entered.releasable =
            listedThere && (i == 0 || parent.releasable) && onlyItsOwnName(segments[i]);
        m_open.append(entered);
    }
}

void LocalNamePlanner::release(const QList<QString> &keys)
{
    for (const QString &k : keys)
        forget(k, false);
}

void LocalNamePlanner::forgetPassed(qsizetype level, QStringView position)
{
    std::deque<QString> &passable = m_open[level].passable;
    while (!passable.empty()) {
        const QString &k = passable.front();
        const qsizetype slash = k.lastIndexOf(QLatin1Char('/'));
        if (!listingPassed(QStringView(k).mid(slash + 1), position))
            return;
        m_open[level].passedUpTo = k.mid(slash + 1);
        forget(k);
        passable.pop_front();
    }
}

void LocalNamePlanner::forget(const QString &k, bool withPartFile)
{
    const auto node = m_nodes.constFind(k);
    if (node == m_nodes.cend())
        return; // an abandoned file that gave its name to a directory
    const QString path = node->path;
    const int ticketId = node->ticket;
    m_nodes.erase(node); // moves other entries: no iterator into m_nodes lives past this
    if (withPartFile) {
        const auto part = m_nodes.constFind(key(DownloadTransfer::partPath(path)));
        if (part != m_nodes.cend() && part->kind == Kind::Reserved)
            m_nodes.erase(part);
    }
    // A ticket matters later only for the manifest: a renamed file, or a path an earlier
    // download recorded. Otherwise written()/abandoned() of its transfer find nothing.
    const auto ticket = m_tickets.constFind(ticketId);
    if (ticket != m_tickets.cend() && !ticket->renamed &&
        m_previous.blobNameOf(ticket->path).isEmpty())
        m_tickets.erase(ticket);
}

} // namespace blobferry::transfer
