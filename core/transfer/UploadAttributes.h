// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <utility>

namespace blobferry::transfer {

// What every uploaded block blob is stored with besides its bytes, by AzCopy v10's names:
// --block-blob-tier, --metadata, --blob-tags, --cache-control, --content-disposition,
// --content-encoding, --content-language. The command line and the window's Settings parse
// their text here, so both refuse the same values with the same words, before anything moves.
struct UploadAttributes
{
    using Pairs = QList<std::pair<QString, QString>>;

    QString tier; // Hot, Cool, Cold or Archive; empty: the account's default
    Pairs metadata;
    Pairs tags;
    QString cacheControl;
    QString contentDisposition;
    // Files --gzip compressed are stored with gzip whatever this says: their bytes are gzip.
    QString contentEncoding;
    QString contentLanguage;

    bool operator==(const UploadAttributes &other) const;

    // Each reads the text of its option (empty: none) and returns false with a one-line
    // *error saying what is wrong, without the option's name (the caller adds it).
    // hot, cool, cold, archive in any case.
    static bool parseTier(const QString &text, QString *tier, QString *error);
    // "k1=v1;k2=v2": keys are C# identifiers, each once (case-insensitive), none starting
    // with "blobferry" (blobferry's own); values printable ASCII, not empty; 8 KiB in all.
    static bool parseMetadata(const QString &text, Pairs *metadata, QString *error);
    // "k1=v1&k2=v2": at most 10, keys 1-128 and values 0-256 characters of
    // a-z A-Z 0-9 space + - . / : = _, each key once.
    static bool parseTags(const QString &text, Pairs *tags, QString *error);
    // A header's value: printable ASCII, trimmed.
    static bool parseHeaderValue(const QString &text, QString *value, QString *error);

    // The text forms the parsers read (the Settings file and dialog keep these).
    static QString metadataText(const Pairs &metadata);
    static QString tagsText(const Pairs &tags);
    // The x-ms-tags header's value: each key and value URL-encoded.
    static QByteArray tagsHeader(const Pairs &tags);

    static constexpr int kMaxTags = 10;
    static constexpr int kMaxTagKey = 128;
    static constexpr int kMaxTagValue = 256;
    static constexpr int kMaxMetadataBytes = 8 * 1024;
};

} // namespace blobferry::transfer
