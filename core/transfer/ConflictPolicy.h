// SPDX-License-Identifier: MIT
#pragma once

#include "TransferSpec.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <functional>

namespace blobferry::transfer {

// Decides what to do when a file's destination may already exist: the original's /Y, /XO and
// /XN with a clock-skew tolerance (its known issue), and the rule it lacked: identical files
// (same size, same MD5) are skipped and never asked about.
class ConflictPolicy final
{
public:
    struct Side
    {
        bool exists = false;
        qint64 size = -1;
        QDateTime modified;
        // The base64 MD5, computed only when it decides something (sizes equal and the other
        // side's is known). Returns empty when unknown.
        std::function<QByteArray()> md5;
        bool incomplete = false; // a page blob whose upload never finished: always replaced
        QByteArray knownMd5;     // a blob's stored Content-MD5, for showing; empty: unknown
    };

    enum class Decision
    {
        Copy,          // the destination does not exist
        Overwrite,     // it exists and is replaced
        Ask,           // it exists: ask the resolver
        SkipIdentical, // same size and MD5
        SkipOlder,     // /XO: the source is older
        SkipNewer,     // /XN: the source is newer
        SkipExisting,  // /XO with /XN, or "never overwrite"
    };

    explicit ConflictPolicy(const TransferSpec &spec);

    Decision decide(const Side &source, const Side &destination) const;
    // Why a file was skipped, for the per-file line and the log.
    static QString reason(Decision decision);
    static bool isSkip(Decision decision);

private:
    OverwritePolicy m_overwrite;
    bool m_excludeOlder;
    bool m_excludeNewer;
    qint64 m_skewMs;
};

} // namespace blobferry::transfer
