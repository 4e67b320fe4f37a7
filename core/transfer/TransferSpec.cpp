// SPDX-License-Identifier: MIT
#include "TransferSpec.h"

#include <QThread>
#include <algorithm>

namespace blobferry::transfer {

int TransferSpec::defaultConcurrency()
{
    // Requests mostly wait on the network, so several per core keep a link busy.
    static const int concurrency =
        std::clamp(8 * std::max(1, QThread::idealThreadCount()), kMinConcurrency, kMaxConcurrency);
    return concurrency;
}

} // namespace blobferry::transfer
