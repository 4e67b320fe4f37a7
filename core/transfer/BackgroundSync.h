// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <functional>

namespace blobferry::transfer {

// fdatasync(2) of a file off the caller's thread. A download's journal may say bytes are on
// disk only once they are, but a sync of a part file being written blocks for 10-150 ms: on the
// engine's thread that stalled every reply of the job (1.5 s per 512 MiB).
//
// The syncs run one after another on one thread of their own, so their `done` calls come in the
// order the syncs were asked for.
class BackgroundSync final
{
public:
    // Syncs the file `fd` refers to (through a dup: the caller may close fd at once), then calls
    // done(synced) on context's thread; not at all once context is gone.
    static void sync(int fd, QObject *context, std::function<void(bool synced)> done);
};

} // namespace blobferry::transfer
