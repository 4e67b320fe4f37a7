// SPDX-License-Identifier: MIT
#pragma once

#include "BlobCommand.h"

namespace blobferry::cli {

// --list: a line per blob on standard output, page by page as the listing comes —
//   2026-12-06T14:02:11Z       1048576  Hot      1B2M2Y8AsgTpgAmY7PhCfg==  photos/a.jpg
// (modified in UTC, size in bytes, tier, Content-MD5 in base64, name relative to the URL; "-"
// for a tier or MD5 the blob has none of), then "N blobs, B bytes" on standard error. With
// --output json, one object per blob ({"type":"blob",...}) and a summary object instead.
class ListCommand final : public BlobCommand
{
    Q_OBJECT
public:
    ListCommand(const CliRequest &request, FILE *out, FILE *err);

    static QString line(const transfer::SourceItem &item);
    static QJsonObject json(const transfer::SourceItem &item);

protected:
    bool take(const QList<transfer::SourceItem> &items) override;
    void listed() override;

private:
    qint64 m_count = 0;
    qint64 m_bytes = 0;
};

} // namespace blobferry::cli
